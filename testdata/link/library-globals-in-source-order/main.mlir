module @main {
  util.func private @lib.get() -> i32
  util.func public @run() -> i32 {
    %0 = util.call @lib.get() : () -> i32
    util.return %0 : i32
  }
}
