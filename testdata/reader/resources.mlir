// A dialect_resources section, with dense_resource uses in attributes and bodies.
module @with_resources {
  func.func @weights() -> (tensor<2xi32>, tensor<2xf32>) attributes {init = dense_resource<blob_attr> : tensor<2xi32>} {
    %a = arith.constant dense_resource<blob_i32> : tensor<2xi32>
    %b = arith.constant dense_resource<"blob f32"> : tensor<2xf32>
    return %a, %b : tensor<2xi32>, tensor<2xf32>
  }
}

{-#
  dialect_resources: {
    builtin: {
      blob_i32: "0x040000000100000002000000",
      "blob f32": "0x040000000000803F00000040",
      blob_attr: "0x040000000300000004000000"
    }
  }
#-}
