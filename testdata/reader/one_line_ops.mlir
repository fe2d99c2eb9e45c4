// Several operations on one line, at the top level and in a module body.
func.func private @a(i32) -> i32 func.func private @b(i32) -> i32 func.func @c(%x: i32) -> i32 { %0 = func.call @a(%x) : (i32) -> i32 %1 = func.call @b(%0) : (i32) -> i32 return %1 : i32 } func.func @d() { return }
module @inner { func.func private @e() func.func @f() { func.call @e() : () -> () return } }
"func.func"() <{function_type = () -> (), sym_name = "g"}> ({ func.call @f_after() : () -> () "func.return"() : () -> () }) : () -> () func.func private @f_after()
