// The library path holds files not named after their modules (math/ops.mlir declares
// module @math_lib): they are found by the module name they declare.
func.func private @math_lib.square(%x: f32) -> f32 {
  %0 = arith.mulf %x, %x : f32
  return %0 : f32
}
func.func private @nn_lib.relu(%x: f32) -> f32 {
  %zero = arith.constant 0.0 : f32
  %0 = arith.maximumf %x, %zero : f32
  return %0 : f32
}

func.func @main(%x: f32) -> f32 {
  %0 = func.call @math_lib.square(%x) : (f32) -> f32
  %1 = func.call @nn_lib.relu(%0) : (f32) -> f32
  return %1 : f32
}
