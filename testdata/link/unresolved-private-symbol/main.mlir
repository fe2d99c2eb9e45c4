module @main {
  util.func private @lib.helper(i32) -> i32
}
