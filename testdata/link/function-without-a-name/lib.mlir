module @lib {
  util.func public @f() -> i32 {
    %c = arith.constant 1 : i32
    util.return %c : i32
  }
}
