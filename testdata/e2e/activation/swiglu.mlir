// Upstream-dialect twin of components/activation/swiglu.mlir.
//
// Same module name, function name and signature as the IREE component, but
// written with func/linalg/arith/math only so that mlir-opt can verify it and
// lower it to LLVM for the execution tests.
//
// swiglu(gate, up) = gate * silu(up), silu(x) = x / (1 + exp(-x)).
module @activation_components {
  func.func public @swiglu(%gate: tensor<?x?x?xf32>, %up: tensor<?x?x?xf32>) -> tensor<?x?x?xf32> {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c2 = arith.constant 2 : index
    %d0 = tensor.dim %gate, %c0 : tensor<?x?x?xf32>
    %d1 = tensor.dim %gate, %c1 : tensor<?x?x?xf32>
    %d2 = tensor.dim %gate, %c2 : tensor<?x?x?xf32>
    %init = tensor.empty(%d0, %d1, %d2) : tensor<?x?x?xf32>
    %result = linalg.generic {
        indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>,
                         affine_map<(d0, d1, d2) -> (d0, d1, d2)>,
                         affine_map<(d0, d1, d2) -> (d0, d1, d2)>],
        iterator_types = ["parallel", "parallel", "parallel"]}
        ins(%gate, %up : tensor<?x?x?xf32>, tensor<?x?x?xf32>)
        outs(%init : tensor<?x?x?xf32>) {
    ^bb0(%g: f32, %u: f32, %out: f32):
      %one = arith.constant 1.000000e+00 : f32
      %neg = arith.negf %u : f32
      %exp = math.exp %neg : f32
      %den = arith.addf %one, %exp : f32
      %silu = arith.divf %u, %den : f32
      %prod = arith.mulf %g, %silu : f32
      linalg.yield %prod : f32
    } -> tensor<?x?x?xf32>
    return %result : tensor<?x?x?xf32>
  }
}
