// util.func in custom form: visibility keywords, tied results, declarations over many lines.
!t = tensor<?xf32>
module @iree_funcs {
  util.func private @ext.tied(
      %arg0: tensor<?xf32>,   // the operand the result is tied to
      index
  ) -> %arg0
  util.func private @ext.tied_as(tensor<?xf32>, index) -> (%arg0 as !t, i32 {util.flag})
  util.func public @def(%a: !t {util.arg = "x } @y"}, %n: index) -> (!t, i32)
      attributes {iree.abi.model = "coarse-fences"} {
    %0 = util.call @ext.tied(%a, %n) : (tensor<?xf32>, index) -> %a
    %1:2 = util.call @ext.tied_as(%0, %n) : (tensor<?xf32>, index) -> (%0 as tensor<?xf32>, i32)
    util.return %1#0, %1#1 : !t, i32
  }
  util.func nested @nested_vis() { util.return } util.func @default_vis() -> i32 { %c = arith.constant 1 : i32 util.return %c : i32 }
  util.global private @global_state : tensor<4xf32> = dense_resource<iree_blob> : tensor<4xf32>
  util.func private @uses_global() -> tensor<4xf32> {
    %g = util.global.load @global_state : tensor<4xf32>
    util.return %g : tensor<4xf32>
  }
}

{-#
  dialect_resources: {
    builtin: {
      iree_blob: "0x0400000000000000000000000000000000000000"
    }
  }
#-}
