module @a {
  func.func @weights() -> (tensor<2xi32>, tensor<2xi32>) {
    %0 = arith.constant dense_resource<blob> : tensor<2xi32>
    %1 = arith.constant dense_resource<shared> : tensor<2xi32>
    return %0, %1 : tensor<2xi32>, tensor<2xi32>
  }
}

{-#
  dialect_resources: {
    builtin: {
      unused: "0x040000000900000009000000",
      shared: "0x040000000700000007000000",
      blob: "0x040000000300000004000000"
    }
  }
#-}
