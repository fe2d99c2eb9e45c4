"builtin.module"() <{sym_name = "main"}> ({
  "util.func"() <{function_type = (tensor<4xf32>) -> tensor<4xf32>, sym_name = "compute", sym_visibility = "private", tied_operands = [-1 : index], inlining_policy = #util.inline.never}> ({
  ^bb0(%arg0: tensor<4xf32>):
    "util.return"(%arg0) : (tensor<4xf32>) -> ()
  }) {lib.extra = 1 : i64, main.tag = "from the declaration"} : () -> ()
  "util.func"() <{function_type = (tensor<4xf32>) -> tensor<4xf32>, sym_name = "entry", sym_visibility = "public", tied_operands = [-1 : index]}> ({
  ^bb0(%arg0: tensor<4xf32>):
    %0 = "util.call"(%arg0) <{callee = @compute, tied_operands = [-1 : index]}> : (tensor<4xf32>) -> tensor<4xf32>
    "util.return"(%0) : (tensor<4xf32>) -> ()
  }) : () -> ()
}) : () -> ()

