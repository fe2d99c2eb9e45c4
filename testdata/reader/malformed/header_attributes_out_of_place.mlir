module @m {
  func.func @f(%a: i32) attributes {llvm.emit_c_interface} -> i32 {
    return %a : i32
  }
}
