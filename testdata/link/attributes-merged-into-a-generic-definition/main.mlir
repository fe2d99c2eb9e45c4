// The declaration (custom form) says how the function is to be treated; the library's definition
// is in generic form, as a tool prints it. The declaration's attributes win, the definition's own
// stay, each in the dictionary of its kind: inherent ones in the properties, dialect ones after.
module @main {
  util.func private @lib.scale(%x: i32) -> i32 attributes {inlining_policy = #util.inline.never, main.note = "declared"}
  util.func public @run() -> i32 {
    %c7 = arith.constant 7 : i32
    %0 = util.call @lib.scale(%c7) : (i32) -> i32
    util.return %0 : i32
  }
}
