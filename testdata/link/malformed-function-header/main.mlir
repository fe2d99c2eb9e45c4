module @main {
  util.func private @lib.f(i32, i32) -> i32
  util.func public @run(%x: i32) -> i32 {
    %r = util.call @lib.f(%x, %x) : (i32, i32) -> i32
    util.return %r : i32
  }
}
