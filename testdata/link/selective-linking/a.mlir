util.func public @unused_before(%arg0: f32) -> f32 {
  util.return %arg0 : f32
}
util.func private @unused_helper() {
  util.return
}
util.func public @used(%arg0: f32) -> f32 {
  %r = arith.mulf %arg0, %arg0 : f32
  util.return %r : f32
}
util.func public @unused_after(%arg0: f32) -> f32 {
  util.call @unused_helper() : () -> ()
  util.return %arg0 : f32
}
