module {
  func.func private @math.step(f32, index) -> f32

  func.func @loop(%init: f32, %n: index) -> f32 {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %r = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %init) -> (f32) {
      %next = func.call @math.step(%acc, %i) : (f32, index) -> f32
      scf.yield %next : f32
    }
    return %r : f32
  }
}
