module @lib {
  util.func public @f(%a: i32 garbage garbage, %b i32) -> i32 {
    util.return %a : i32
  }
}
