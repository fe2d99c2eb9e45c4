module @app {
  util.global private @app_state : i32
  util.global private @count : i64

  util.global private mutable @count_0 : i32

  util.initializer {
    %c0 = arith.constant 0 : i32
    util.global.store %c0, @count_0 : i32
    util.return
  }

  util.func private @counter.next(%step: i32) -> i32 {
    %old = util.global.load @count_0 : i32
    %new = arith.addi %old, %step : i32
    util.global.store %new, @count_0 : i32
    util.return %new : i32
  }

  util.func public @run(%x: i32) -> i32 {
    %0 = util.call @counter.next(%x) : (i32) -> i32
    util.return %0 : i32
  }
}
