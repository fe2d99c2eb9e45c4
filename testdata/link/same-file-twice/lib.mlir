module @lib {
  util.func public @f() -> i32 {
    %c = arith.constant 7 : i32
    util.return %c : i32
  }
}
