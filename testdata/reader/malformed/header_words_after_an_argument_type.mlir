module @m {
  func.func @f(%a: i32 garbage garbage, %b i32) -> i32 {
    return %a : i32
  }
}
