// @b's initializer reads @a, and get() reads @b before @a: the output must keep this file's
// order (@a and its initializer first), not the order in which get() uses them.
module @lib {
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
  util.func public @get() -> i32 {
    %0 = util.global.load @b : i32
    %1 = util.global.load @a : i32
    %2 = arith.addi %0, %1 : i32
    util.return %2 : i32
  }
}
