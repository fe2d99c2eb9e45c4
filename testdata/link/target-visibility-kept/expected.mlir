module @main {
  util.func private @compute(%input: tensor<4xf32>) -> tensor<4xf32> attributes {inlining_policy = #util.inline.never, main.tag = "from the declaration", lib.extra = 1 : i64} {
    util.return %input : tensor<4xf32>
  }
  util.func public @entry(%x: tensor<4xf32>) -> tensor<4xf32> {
    %r = util.call @compute(%x) : (tensor<4xf32>) -> tensor<4xf32>
    util.return %r : tensor<4xf32>
  }
}
