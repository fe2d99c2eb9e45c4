module @main {
  util.func private @lib.f() -> i32
  util.func private @h() -> i32 {
    %c1 = arith.constant 1 : i32
    util.return %c1 : i32
  }
  util.func public @run() -> i32 {
    %0 = util.call @lib.f() : () -> i32
    %1 = util.call @h() : () -> i32
    %2 = arith.addi %0, %1 : i32
    util.return %2 : i32
  }
}
