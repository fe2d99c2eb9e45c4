module @lib {
  util.func public @f(%arg0: tensor<4xf32>) -> tensor<4xf32> attributes {stream.affinity = #hal.device.affinity<@dev>} {
    util.return %arg0 : tensor<4xf32>
  }
}
