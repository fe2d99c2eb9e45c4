module @main {
  util.func private @compute(%arg0: tensor<4xf32>) -> tensor<4xf32> attributes {inlining_policy = #util.inline.never, main.tag = "from the declaration"}
  util.func public @entry(%x: tensor<4xf32>) -> tensor<4xf32> {
    %r = util.call @compute(%x) : (tensor<4xf32>) -> tensor<4xf32>
    util.return %r : tensor<4xf32>
  }
}
