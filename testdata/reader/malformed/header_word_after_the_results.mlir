module @m {
  func.func @f(%a: i32) -> i32 garbage {
    return %a : i32
  }
}
