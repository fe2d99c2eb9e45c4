module @math {
  func.func @step(%acc: f32, %i: index) -> f32 {
    %c0 = arith.constant 0 : index
    %c2 = arith.constant 2 : index
    %r = scf.for %j = %c0 to %c2 step %c2 iter_args(%a = %acc) -> (f32) {
      %cond = arith.cmpi eq, %j, %i : index
      %v = scf.if %cond -> (f32) {
        %t = func.call @twice(%a) : (f32) -> f32
        scf.yield %t : f32
      } else {
        scf.yield %a : f32
      }
      scf.yield %v : f32
    }
    return %r : f32
  }
  func.func private @twice(%x: f32) -> f32 {
    %y = arith.addf %x, %x : f32
    return %y : f32
  }
}
