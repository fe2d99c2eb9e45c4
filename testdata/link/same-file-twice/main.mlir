module @main {
  util.func private @lib.f() -> i32
}
