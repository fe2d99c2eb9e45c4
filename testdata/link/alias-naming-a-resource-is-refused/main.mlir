module @main {
  util.func private @lib.f() -> tensor<2xi32>
  util.func public @run() -> tensor<2xi32> {
    %0 = util.call @lib.f() : () -> tensor<2xi32>
    %c = arith.constant dense_resource<blob> : tensor<2xi32>
    %1 = arith.addi %0, %c : tensor<2xi32>
    util.return %1 : tensor<2xi32>
  }
}
{-#
  dialect_resources: {
    builtin: {
      blob: "0x040000000100000002000000"
    }
  }
#-}
