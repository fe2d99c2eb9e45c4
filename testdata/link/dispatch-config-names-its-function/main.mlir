module @main {
  func.func private @kernels.scale(tensor<4xf32>) -> tensor<4xf32>
  func.func @entry(%x: tensor<4xf32>) -> tensor<4xf32> {
    %r = func.call @kernels.scale(%x) : (tensor<4xf32>) -> tensor<4xf32>
    return %r : tensor<4xf32>
  }
}
