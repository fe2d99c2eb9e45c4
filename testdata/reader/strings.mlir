// Strings holding braces, symbols and comment markers are text, never structure.
module @strings {
  func.func private @callee(i32) -> i32 attributes {note = "closing } brace and @not_a_symbol // not a comment"}

  func.func @caller(%x: i32) -> i32 attributes {doc = "{ unbalanced { @x", escaped = "quote \" backslash \\ hex \7D tab \t newline \n", tricky = "\\"} {
    %0 = func.call @callee(%x) {tag = "@callee } //"} : (i32) -> i32
    return %0 : i32
  }

  func.func @"quoted name}"() attributes {sym_doc = "@caller"} {
    return
  }
}
