module @main {
  util.func private @kernels.dispatch(%arg0: tensor<4xf32>) -> tensor<4xf32>
  util.func public @entry(%x: tensor<4xf32>) -> tensor<4xf32> {
    %r = util.call @kernels.dispatch(%x) : (tensor<4xf32>) -> tensor<4xf32>
    util.return %r : tensor<4xf32>
  }
}
