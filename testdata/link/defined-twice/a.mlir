module @lib {
  util.func public @f(%arg0: i32) -> i32 {
    util.return %arg0 : i32
  }
}
