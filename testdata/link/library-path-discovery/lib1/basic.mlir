module @basic {
  func.func @mul(%a: i64, %b: i64) -> i64 {
    %r = arith.muli %a, %b : i64
    return %r : i64
  }
}
