module @main {
  util.func private @lib.f() -> index
}
