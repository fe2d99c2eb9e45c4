module @main {
  "func.func"() <{sym_visibility = "private", function_type = (i32) -> i32, sym_name = "gen.double"}> ({
  ^bb0(%arg0: i32):
    %0 = "func.call"(%arg0) <{callee = @gen.add_self}> : (i32) -> i32
    "func.return"(%0) : (i32) -> ()
  }) : () -> ()

  "func.func"() <{function_type = (i32) -> i32, sym_name = "gen.add_self", sym_visibility = "private"}> ({
  ^bb0(%arg0: i32):
    %0 = "arith.addi"(%arg0, %arg0) <{overflowFlags = #arith.overflow<none>}> : (i32, i32) -> i32
    "func.return"(%0) : (i32) -> ()
  }) : () -> ()
  func.func @entry(%x: i32) -> i32 {
    %r = func.call @gen.double(%x) : (i32) -> i32
    return %r : i32
  }
}
