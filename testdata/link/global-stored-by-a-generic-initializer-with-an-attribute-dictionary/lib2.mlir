"builtin.module"() ({
  "util.global"() {sym_name = "g", sym_visibility = "private", type = i32} : () -> ()
  "util.initializer"() ({
    %0 = "util.call"() {callee = @mk} : () -> i32
    "util.global.store"(%0) {global = @g} : (i32) -> ()
    "util.return"() : () -> ()
  }) {function_type = () -> ()} : () -> ()
  "util.func"() ({
    %0 = "arith.constant"() {value = 2 : i32} : () -> i32
    "util.return"(%0) : (i32) -> ()
  }) {function_type = () -> i32, sym_name = "mk", sym_visibility = "private"} : () -> ()
  "util.func"() ({
    %0 = "util.global.load"() {global = @g, is_immutable} : () -> i32
    "util.return"(%0) : (i32) -> ()
  }) {function_type = () -> i32, sym_name = "f"} : () -> ()
}) {sym_name = "l2"} : () -> ()
