module @module_a {
  util.func public @square(%arg0: i32) -> i32 {
    %r = arith.muli %arg0, %arg0 : i32
    util.return %r : i32
  }
  util.func public @compute(%arg0: i32) -> i32 {
    %s = util.call @square(%arg0) : (i32) -> i32
    %t = util.call @square(%s) : (i32) -> i32
    util.return %t : i32
  }
}
