module @main {
  util.func private @triple(%arg0: i32) -> i32
  util.func public @entry(%x: i32) -> i32 {
    %r = util.call @triple(%x) : (i32) -> i32
    util.return %r : i32
  }
}
