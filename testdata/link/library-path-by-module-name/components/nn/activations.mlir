module @nn_lib {
  func.func @relu(%x: f32) -> f32 {
    %zero = arith.constant 0.0 : f32
    %0 = arith.maximumf %x, %zero : f32
    return %0 : f32
  }
}
