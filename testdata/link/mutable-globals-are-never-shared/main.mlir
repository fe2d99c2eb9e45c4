module @main {
  util.global private mutable @counter = 100 : i32
  util.func private @a.bump() -> i32
  util.func private @b.bump() -> i32
  util.func public @run() -> i32 {
    %0 = util.call @a.bump() : () -> i32
    %1 = util.call @a.bump() : () -> i32
    %2 = util.call @b.bump() : () -> i32
    %3 = util.global.load @counter : i32
    %4 = arith.addi %2, %3 : i32
    util.return %4 : i32
  }
}
