// A small library module for linking tests: two public functions and a
// private helper that only this module can see.
module @math_module {
  util.func public @add(%lhs: tensor<4xf32>, %rhs: tensor<4xf32>) -> tensor<4xf32> {
    %init = tensor.empty() : tensor<4xf32>
    %sum = linalg.generic {
        indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
        iterator_types = ["parallel"]}
        ins(%lhs, %rhs : tensor<4xf32>, tensor<4xf32>) outs(%init : tensor<4xf32>) {
    ^bb0(%l: f32, %r: f32, %out: f32):
      %s = arith.addf %l, %r : f32
      linalg.yield %s : f32
    } -> tensor<4xf32>
    util.return %sum : tensor<4xf32>
  }

  util.func public @scale(%x: tensor<4xf32>, %factor: f32) -> tensor<4xf32> {
    %scaled = util.call @broadcast_mul(%x, %factor) : (tensor<4xf32>, f32) -> tensor<4xf32>
    util.return %scaled : tensor<4xf32>
  }

  // Private: linked only as a dependency of @scale.
  util.func private @broadcast_mul(%x: tensor<4xf32>, %factor: f32) -> tensor<4xf32> {
    %init = tensor.empty() : tensor<4xf32>
    %result = linalg.generic {
        indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
        iterator_types = ["parallel"]}
        ins(%x : tensor<4xf32>) outs(%init : tensor<4xf32>) {
    ^bb0(%in: f32, %out: f32):
      %m = arith.mulf %in, %factor : f32
      linalg.yield %m : f32
    } -> tensor<4xf32>
    util.return %result : tensor<4xf32>
  }
}
