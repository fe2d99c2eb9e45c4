module @main {
  "util.global"() {sym_name = "g", sym_visibility = "private", type = i32} : () -> ()

  "util.initializer"() ({
    %0 = "util.call"() {callee = @mk} : () -> i32
    "util.global.store"(%0) {global = @g} : (i32) -> ()
    "util.return"() : () -> ()
  }) {function_type = () -> ()} : () -> ()

  "util.func"() ({
    %0 = "arith.constant"() {value = 1 : i32} : () -> i32
    "util.return"(%0) : (i32) -> ()
  }) {function_type = () -> i32, sym_name = "mk", sym_visibility = "private"} : () -> ()

  "util.global"() {sym_name = "g_0", sym_visibility = "private", type = i32} : () -> ()

  "util.initializer"() ({
    %0 = "util.call"() {callee = @mk_0} : () -> i32
    "util.global.store"(%0) {global = @g_0} : (i32) -> ()
    "util.return"() : () -> ()
  }) {function_type = () -> ()} : () -> ()

  "util.func"() ({
    %0 = "arith.constant"() {value = 2 : i32} : () -> i32
    "util.return"(%0) : (i32) -> ()
  }) {function_type = () -> i32, sym_name = "mk_0", sym_visibility = "private"} : () -> ()

  "util.func"() ({
    %0 = "util.global.load"() {global = @g, is_immutable} : () -> i32
    "util.return"(%0) : (i32) -> ()
  }) {sym_visibility = "private", function_type = () -> i32, sym_name = "l1.f"} : () -> ()
  "util.func"() ({
    %0 = "util.global.load"() {global = @g_0, is_immutable} : () -> i32
    "util.return"(%0) : (i32) -> ()
  }) {sym_visibility = "private", function_type = () -> i32, sym_name = "l2.f"} : () -> ()
  util.func public @run() -> i32 {
    %0 = util.call @l1.f() : () -> i32
    %1 = util.call @l2.f() : () -> i32
    %c10 = arith.constant 10 : i32
    %2 = arith.muli %1, %c10 : i32
    %3 = arith.addi %0, %2 : i32
    util.return %3 : i32
  }
}
