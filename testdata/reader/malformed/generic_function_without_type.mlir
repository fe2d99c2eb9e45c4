module {
  "func.func"() <{sym_name = "f", sym_visibility = "private"}> ({
  }) : () -> ()
}
