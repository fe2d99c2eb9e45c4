// Uses @math_module through dotted external declarations; link with
//   mlir-link main_module.mlir --link-module=math_module.mlir
module @main_module {
  util.func private @math_module.add(tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  util.func private @math_module.scale(tensor<4xf32>, f32) -> tensor<4xf32>

  // (a + b) * 2
  util.func public @add_then_double(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
    %two = arith.constant 2.000000e+00 : f32
    %sum = util.call @math_module.add(%a, %b) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    %result = util.call @math_module.scale(%sum, %two) : (tensor<4xf32>, f32) -> tensor<4xf32>
    util.return %result : tensor<4xf32>
  }
}
