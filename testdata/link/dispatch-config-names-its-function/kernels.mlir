module @kernels {
  func.func @scale(%x: tensor<4xf32>) -> tensor<4xf32> {
    %0 = arith.addf %x, %x : tensor<4xf32>
    return %0 : tensor<4xf32>
  }
  // Says how @scale is dispatched: the op names the function and defines no symbol of its own.
  iree_codegen.dispatch_config @scale workgroup_size = [64, 1, 1] subgroup_size = 64 {
  ^bb0(%w0: index):
    %x = affine.apply affine_map<()[s0] -> (s0 ceildiv 64)>()[%w0]
    %c1 = arith.constant 1 : index
    iree_codegen.yield %x, %c1, %c1 : index, index, index
  }
  func.func @unused(%x: tensor<4xf32>) -> tensor<4xf32> {
    return %x : tensor<4xf32>
  }
}
