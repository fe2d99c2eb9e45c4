#cst = dense_resource<blob> : tensor<2xi32>
module @lib {
  util.func public @f() -> tensor<2xi32> {
    %c = arith.constant #cst
    util.return %c : tensor<2xi32>
  }
}
{-#
  dialect_resources: {
    builtin: {
      blob: "0x040000000A00000014000000"
    }
  }
#-}
