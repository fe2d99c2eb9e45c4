module @main {
  util.func private @lib.f(%arg0: i32) -> i32
}
