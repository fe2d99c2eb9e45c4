module @m0 {
  func.func @f(%x: i32) -> i32 {
    %k = arith.constant 100 : i32
    %a = arith.addi %x, %k : i32
    return %a : i32
  }
  func.func @g(%x: i32) -> i32 {
    %r = func.call @f(%x) : (i32) -> i32
    return %r : i32
  }
}
