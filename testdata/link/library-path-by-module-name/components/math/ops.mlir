module @math_lib {
  func.func @square(%x: f32) -> f32 {
    %0 = arith.mulf %x, %x : f32
    return %0 : f32
  }
}
