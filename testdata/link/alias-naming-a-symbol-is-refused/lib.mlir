#callee = @h
module @lib {
  util.func private @h() -> i32 {
    %c5 = arith.constant 5 : i32
    util.return %c5 : i32
  }
  util.func public @f() -> i32 {
    %0 = util.call @h() : () -> i32
    %1 = "util.call"() <{callee = #callee}> : () -> i32
    %2 = arith.addi %0, %1 : i32
    util.return %2 : i32
  }
}
