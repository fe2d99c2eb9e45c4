module @main {
  func.func private @lib.f(tensor<4xf32>) -> tensor<4xf32>
  func.func @run(%a: tensor<4xf32>) -> tensor<4xf32> {
    %0 = call @lib.f(%a) : (tensor<4xf32>) -> tensor<4xf32>
    return %0 : tensor<4xf32>
  }
}
