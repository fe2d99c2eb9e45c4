module @b {
  func.func @g(%x: i32) -> i32 {
    %r = arith.muli %x, %x : i32
    return %r : i32
  }
}
