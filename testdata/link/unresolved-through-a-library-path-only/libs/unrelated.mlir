// A library file that defines something else.
module @unrelated {
  util.func public @g(%arg0: i32) -> i32 {
    util.return %arg0 : i32
  }
}
