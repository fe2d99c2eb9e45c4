module @a {
  util.func private @helper(%arg0: i32) -> i32 {
    %c = arith.constant 10 : i32
    %r = arith.addi %arg0, %c : i32
    util.return %r : i32
  }
  util.func public @f(%arg0: i32) -> i32 {
    %r = util.call @helper(%arg0) : (i32) -> i32
    util.return %r : i32
  }
}
