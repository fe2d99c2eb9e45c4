"builtin.module"() <{sym_name = "lib"}> ({
  "util.func"() <{function_type = (i32) -> i32, sym_name = "scale", sym_visibility = "public"}> ({
  ^bb0(%arg0: i32):
    %0 = "arith.addi"(%arg0, %arg0) : (i32, i32) -> i32
    "util.return"(%0) : (i32) -> ()
  }) {lib.origin = "generic", main.note = "defined"} : () -> ()
}) : () -> ()
