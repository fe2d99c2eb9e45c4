module @dup {
  func.func @f(%x: i32) -> i32 {
    %c1 = arith.constant 1 : i32
    %0 = arith.addi %x, %c1 : i32
    return %0 : i32
  }
}
