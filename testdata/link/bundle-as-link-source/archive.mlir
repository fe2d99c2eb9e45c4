module {
  module @vec {
    func.func @scale(%x: f32) -> f32 {
      %r = func.call @twice(%x) : (f32) -> f32
      return %r : f32
    }
    func.func private @twice(%x: f32) -> f32 {
      %r = arith.addf %x, %x : f32
      return %r : f32
    }
  }
  module @mat {
    func.func @scale(%x: f32) -> f32 {
      %r = func.call @twice(%x) : (f32) -> f32
      return %r : f32
    }
    func.func private @twice(%x: f32) -> f32 {
      %r = arith.mulf %x, %x : f32
      return %r : f32
    }
  }
  func.func @top_level(%x: f32) -> f32 {
    return %x : f32
  }
}
