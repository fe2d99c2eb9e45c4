module @m {
  func.func private @ext(i32,
      i32 i32) -> i32
}
