module @main {
  util.func private @lib.f() -> i32
  util.func private
}
