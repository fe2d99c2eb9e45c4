module @activation_components {
  util.func public @swiglu_x(%arg0: i32) -> i32 {
    util.return %arg0 : i32
  }
}
