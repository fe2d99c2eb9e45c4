module @c {
  util.func private @helper(%arg0: i32) -> i32 {
    %c = arith.constant 30 : i32
    %r = arith.addi %arg0, %c : i32
    util.return %r : i32
  }
  util.func public @f(%arg0: i32) -> i32 {
    %0 = util.call @helper(%arg0) : (i32) -> i32
    %1 = util.call @helper(%0) : (i32) -> i32
    util.return %1 : i32
  }
}
