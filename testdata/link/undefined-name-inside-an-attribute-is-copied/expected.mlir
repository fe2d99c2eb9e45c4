module @main {
  util.func private @lib.f(%arg0: tensor<4xf32>) -> tensor<4xf32> attributes {stream.affinity = #hal.device.affinity<@dev>} {
    util.return %arg0 : tensor<4xf32>
  }
  util.func public @run(%arg0: tensor<4xf32>) -> tensor<4xf32> {
    %0 = util.call @lib.f(%arg0) : (tensor<4xf32>) -> tensor<4xf32>
    util.return %0 : tensor<4xf32>
  }
}
