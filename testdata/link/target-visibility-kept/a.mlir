module @module_a {
  util.func public @compute(%input: tensor<4xf32>) -> tensor<4xf32> attributes {main.tag = "from the definition", lib.extra = 1 : i64} {
    util.return %input : tensor<4xf32>
  }
}
