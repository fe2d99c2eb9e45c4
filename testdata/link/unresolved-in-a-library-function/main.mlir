module @main {
  util.func private @lib.f(i32) -> i32
}
