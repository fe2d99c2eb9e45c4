// The declaration (custom form) says how the function is to be treated; the library's definition
// is in generic form, as a tool prints it. The declaration's attributes win, the definition's own
// stay, each in the dictionary of its kind: inherent ones in the properties, dialect ones after.
module @main {
  "util.func"() <{function_type = (i32) -> i32, sym_name = "lib.scale", sym_visibility = "private", inlining_policy = #util.inline.never}> ({
  ^bb0(%arg0: i32):
    %0 = "arith.addi"(%arg0, %arg0) : (i32, i32) -> i32
    "util.return"(%0) : (i32) -> ()
  }) {lib.origin = "generic", main.note = "declared"} : () -> ()
  util.func public @run() -> i32 {
    %c7 = arith.constant 7 : i32
    %0 = util.call @lib.scale(%c7) : (i32) -> i32
    util.return %0 : i32
  }
}
