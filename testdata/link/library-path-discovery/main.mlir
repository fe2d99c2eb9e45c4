module @main {
  func.func private @mathlib.cube(i64) -> i64
  func.func @entry(%x: i64) -> i64 {
    %r = func.call @mathlib.cube(%x) : (i64) -> i64
    return %r : i64
  }
}
