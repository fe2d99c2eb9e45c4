util.func private @used(%arg0: f32) -> f32 {
  %r = arith.mulf %arg0, %arg0 : f32
  util.return %r : f32
}
util.func public @entry(%x: f32) -> f32 {
  %r = util.call @used(%x) : (f32) -> f32
  util.return %r : f32
}
