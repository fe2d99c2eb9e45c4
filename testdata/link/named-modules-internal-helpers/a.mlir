module @module_a {
  util.func private @internal_helper(%arg0: i32) -> i32 {
    %c2 = arith.constant 2 : i32
    %r = arith.muli %arg0, %c2 : i32
    util.return %r : i32
  }
  util.func public @compute(%arg0: i32) -> i32 {
    %r = util.call @internal_helper(%arg0) : (i32) -> i32
    util.return %r : i32
  }
}
