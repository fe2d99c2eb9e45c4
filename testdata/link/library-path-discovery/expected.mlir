module @main {
  func.func private @mathlib.cube(%x: i64) -> i64 {
    %sq = func.call @basic.mul(%x, %x) : (i64, i64) -> i64
    %r = func.call @basic.mul(%sq, %x) : (i64, i64) -> i64
    return %r : i64
  }

  func.func private @basic.mul(%a: i64, %b: i64) -> i64 {
    %r = arith.muli %a, %b : i64
    return %r : i64
  }
  func.func @entry(%x: i64) -> i64 {
    %r = func.call @mathlib.cube(%x) : (i64) -> i64
    return %r : i64
  }
}
