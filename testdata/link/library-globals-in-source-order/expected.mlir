module @main {
  util.global private @a : i32

  util.initializer {
    %c5 = arith.constant 5 : i32
    %c = util.optimization_barrier %c5 : i32
    util.global.store %c, @a : i32
    util.return
  }

  util.global private @b : i32

  util.initializer {
    %x = util.global.load @a : i32
    %y = arith.addi %x, %x : i32
    util.global.store %y, @b : i32
    util.return
  }

  util.func private @lib.get() -> i32 {
    %0 = util.global.load @b : i32
    %1 = util.global.load @a : i32
    %2 = arith.addi %0, %1 : i32
    util.return %2 : i32
  }
  util.func public @run() -> i32 {
    %0 = util.call @lib.get() : () -> i32
    util.return %0 : i32
  }
}
