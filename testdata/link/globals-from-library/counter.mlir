module @counter {
  util.global private mutable @count : i32
  util.global private @unused_global : i32

  // Touches @count: comes along, placed in front of the target's first function.
  util.initializer {
    %c0 = arith.constant 0 : i32
    util.global.store %c0, @count : i32
    util.return
  }

  // Touches only @unused_global: stays behind.
  util.initializer {
    %c1 = arith.constant 1 : i32
    util.global.store %c1, @unused_global : i32
    util.return
  }

  util.func public @next(%step: i32) -> i32 {
    %old = util.global.load @count : i32
    %new = arith.addi %old, %step : i32
    util.global.store %new, @count : i32
    util.return %new : i32
  }
}
