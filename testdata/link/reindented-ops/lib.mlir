module @lib {
  func.func @f(%x: i32) -> i32 {
    // one

    %0 = func.call @g(%x) : (i32) -> i32
    %1 = arith.addi %0,
%x : i32
		return %1 : i32
  }
  func.func private @g(%x: i32) -> i32 {
    return %x : i32
  }
}
