// The swiglu component (components/activation/swiglu.mlir) in generic form, as
// iree-opt --mlir-print-op-generic prints it. The build writes it as bytecode with the CLI and
// links that bytecode in the run that records the class-data archive, so that the classes of the
// bytecode reader and writer start from the archive too. Unlike the component, it loads a global
// initialized from a resource blob (an unused load), so that the classes and lambdas that merge
// and write resources start from the archive as well.
#map = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
"builtin.module"() <{sym_name = "activation_components"}> ({
  "util.global"() <{initial_value = dense_resource<training_blob> : tensor<4xf32>, sym_name = "scale", sym_visibility = "private", type = tensor<4xf32>}> : () -> ()
  "util.func"() <{function_type = (tensor<?x?x?xf32>, tensor<?x?x?xf32>) -> tensor<?x?x?xf32>, sym_name = "swiglu", sym_visibility = "public", tied_operands = [-1 : index]}> ({
  ^bb0(%arg0: tensor<?x?x?xf32>, %arg1: tensor<?x?x?xf32>):
    %0 = "arith.constant"() <{value = 0 : index}> : () -> index
    %1 = "arith.constant"() <{value = 1 : index}> : () -> index
    %2 = "arith.constant"() <{value = 2 : index}> : () -> index
    %scale = "util.global.load"() <{global = @scale}> : () -> tensor<4xf32>
    %3 = "tensor.dim"(%arg0, %0) : (tensor<?x?x?xf32>, index) -> index
    %4 = "tensor.dim"(%arg0, %1) : (tensor<?x?x?xf32>, index) -> index
    %5 = "tensor.dim"(%arg0, %2) : (tensor<?x?x?xf32>, index) -> index
    %6 = "tensor.empty"(%3, %4, %5) : (index, index, index) -> tensor<?x?x?xf32>
    %7 = "linalg.generic"(%arg0, %arg1, %6) <{indexing_maps = [#map, #map, #map], iterator_types = [#linalg.iterator_type<parallel>, #linalg.iterator_type<parallel>, #linalg.iterator_type<parallel>], operandSegmentSizes = array<i32: 2, 1>}> ({
    ^bb0(%arg2: f32, %arg3: f32, %arg4: f32):
      %8 = "arith.constant"() <{value = 1.000000e+00 : f32}> : () -> f32
      %9 = "arith.negf"(%arg3) <{fastmath = #arith.fastmath<none>}> : (f32) -> f32
      %10 = "math.exp"(%9) <{fastmath = #arith.fastmath<none>}> : (f32) -> f32
      %11 = "arith.addf"(%8, %10) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32
      %12 = "arith.divf"(%arg3, %11) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32
      %13 = "arith.mulf"(%arg2, %12) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32
      "linalg.yield"(%13) : (f32) -> ()
    }) : (tensor<?x?x?xf32>, tensor<?x?x?xf32>, tensor<?x?x?xf32>) -> tensor<?x?x?xf32>
    "util.return"(%7) : (tensor<?x?x?xf32>) -> ()
  }) : () -> ()
}) : () -> ()

{-#
  dialect_resources: {
    builtin: {
      training_blob: "0x040000000000803F000000400000404000008040"
    }
  }
#-}
