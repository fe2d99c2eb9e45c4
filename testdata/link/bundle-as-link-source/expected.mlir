module @main {
  func.func private @vec.scale(%x: f32) -> f32 {
    %r = func.call @twice(%x) : (f32) -> f32
    return %r : f32
  }

  func.func private @twice(%x: f32) -> f32 {
    %r = arith.addf %x, %x : f32
    return %r : f32
  }
  func.func private @mat.scale(%x: f32) -> f32 {
    %r = func.call @twice_0(%x) : (f32) -> f32
    return %r : f32
  }

  func.func private @twice_0(%x: f32) -> f32 {
    %r = arith.mulf %x, %x : f32
    return %r : f32
  }
  func.func private @top_level(%x: f32) -> f32 {
    return %x : f32
  }
  func.func @entry(%x: f32) -> f32 {
    %0 = func.call @vec.scale(%x) : (f32) -> f32
    %1 = func.call @mat.scale(%0) : (f32) -> f32
    %2 = func.call @top_level(%1) : (f32) -> f32
    return %2 : f32
  }
}
