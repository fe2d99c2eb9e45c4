module @module_b {
  util.func private @scale(%arg0: i32) -> i32 {
    %c3 = arith.constant 3 : i32
    %r = arith.muli %arg0, %c3 : i32
    util.return %r : i32
  }
  util.func public @compute(%arg0: i32) -> i32 {
    %r = util.call @scale(%arg0) : (i32) -> i32
    util.return %r : i32
  }
}
