module @main {
  func.func private @vec.scale(f32) -> f32
  func.func private @mat.scale(f32) -> f32
  func.func private @top_level(f32) -> f32
  func.func @entry(%x: f32) -> f32 {
    %0 = func.call @vec.scale(%x) : (f32) -> f32
    %1 = func.call @mat.scale(%0) : (f32) -> f32
    %2 = func.call @top_level(%1) : (f32) -> f32
    return %2 : f32
  }
}
