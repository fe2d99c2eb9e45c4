module @app {
  util.global private @app_state : i32
  util.global private @count : i64

  util.func private @counter.next(i32) -> i32

  util.func public @run(%x: i32) -> i32 {
    %0 = util.call @counter.next(%x) : (i32) -> i32
    util.return %0 : i32
  }
}
