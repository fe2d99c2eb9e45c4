module @main {
  util.global private mutable @counter = 100 : i32
  util.global private mutable @counter_0 = 0 : i32

  util.global private mutable @counter_1 = 0 : i32

  util.func private @a.bump() -> i32 {
    %0 = util.global.load @counter_0 : i32
    %c1 = arith.constant 1 : i32
    %1 = arith.addi %0, %c1 : i32
    util.global.store %1, @counter_0 : i32
    util.return %1 : i32
  }
  util.func private @b.bump() -> i32 {
    %0 = util.global.load @counter_1 : i32
    %c1 = arith.constant 1 : i32
    %1 = arith.addi %0, %c1 : i32
    util.global.store %1, @counter_1 : i32
    util.return %1 : i32
  }
  util.func public @run() -> i32 {
    %0 = util.call @a.bump() : () -> i32
    %1 = util.call @a.bump() : () -> i32
    %2 = util.call @b.bump() : () -> i32
    %3 = util.global.load @counter : i32
    %4 = arith.addi %2, %3 : i32
    util.return %4 : i32
  }
}
