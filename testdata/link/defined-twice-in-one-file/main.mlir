module @main {
  util.func private @lib.present() -> i32
}
