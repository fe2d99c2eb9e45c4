module @main {
  util.func private @l1.f() -> i32
  util.func private @l2.f() -> i32
  util.func public @run() -> i32 {
    %0 = util.call @l1.f() : () -> i32
    %1 = util.call @l2.f() : () -> i32
    %c10 = arith.constant 10 : i32
    %2 = arith.muli %1, %c10 : i32
    %3 = arith.addi %0, %2 : i32
    util.return %3 : i32
  }
}
