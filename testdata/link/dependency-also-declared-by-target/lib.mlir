module @lib {
  func.func @a(%x: i32) -> i32 {
    %r = func.call @b(%x) : (i32) -> i32
    return %r : i32
  }
  func.func @b(%x: i32) -> i32 {
    %c = arith.constant 3 : i32
    %r = arith.addi %x, %c : i32
    return %r : i32
  }
}
