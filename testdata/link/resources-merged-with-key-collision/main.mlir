module @main {
  func.func private @a.weights() -> (tensor<2xi32>, tensor<2xi32>)
  func.func @entry() -> tensor<2xi32> {
    %c = arith.constant dense_resource<blob> : tensor<2xi32>
    %0:2 = func.call @a.weights() : () -> (tensor<2xi32>, tensor<2xi32>)
    return %0#0 : tensor<2xi32>
  }
}

{-#
  dialect_resources: {
    builtin: {
      blob: "0x040000000100000002000000",
      shared: "0x040000000700000007000000"
    }
  }
#-}
