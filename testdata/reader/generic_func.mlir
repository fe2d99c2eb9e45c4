// Functions in generic form: the name is in sym_name (a string), the visibility in
// sym_visibility, the type in function_type.
!elt = f32
"builtin.module"() ({
  "func.func"() <{function_type = (tensor<?x!elt>, index) -> tensor<?x!elt>, sym_name = "generic_def"}> ({
  ^bb0(%arg0: tensor<?xf32>, %arg1: index):
    %0 = "func.call"(%arg0, %arg1) <{callee = @generic_decl}> : (tensor<?xf32>, index) -> tensor<?xf32>
    "func.return"(%0) : (tensor<?xf32>) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (tensor<?xf32>, index) -> tensor<?xf32>, sym_name = "generic_decl", sym_visibility = "private"}> ({
  }) : () -> ()
  "func.func"() <{function_type = () -> (i32, i64), sym_name = "two_results", sym_visibility = "nested"}> ({
    %a = "arith.constant"() <{value = 1 : i32}> : () -> i32
    %b = "arith.constant"() <{value = 2 : i64}> : () -> i64
    "func.return"(%a, %b) : (i32, i64) -> ()
  }) : () -> ()
  "func.func"() <{function_type = () -> (), sym_name = "with \"quote\""}> ({
    "func.return"() : () -> ()
  }) {attr_after = "x"} : () -> ()
}) {sym_name = "generic_module"} : () -> ()
