"builtin.module"() <{sym_name = "module_a"}> ({
  "util.func"() <{function_type = (tensor<4xf32>) -> tensor<4xf32>, sym_name = "compute", sym_visibility = "public", tied_operands = [-1 : index]}> ({
  ^bb0(%arg0: tensor<4xf32>):
    "util.return"(%arg0) : (tensor<4xf32>) -> ()
  }) {lib.extra = 1 : i64, main.tag = "from the definition"} : () -> ()
}) : () -> ()

