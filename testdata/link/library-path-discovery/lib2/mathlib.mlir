module @mathlib {
  func.func private @basic.mul(i64, i64) -> i64
  func.func @cube(%x: i64) -> i64 {
    %sq = func.call @basic.mul(%x, %x) : (i64, i64) -> i64
    %r = func.call @basic.mul(%sq, %x) : (i64, i64) -> i64
    return %r : i64
  }
}
