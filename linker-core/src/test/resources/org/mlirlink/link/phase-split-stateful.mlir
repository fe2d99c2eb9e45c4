// A small stateful program for PhaseSplitDifferentialTest: globals whose initializers read each
// other (@b is computed from @a, which an optimization barrier keeps from being folded), a mutable
// global that an entry updates, private helpers that call each other, elementwise work and a matmul
// that become dispatches. The helpers are never inlined, so that they are still functions, and can
// be moved into a library, at every phase of compilation. @twice and @double have the same body, so
// the compiler gives them one executable: moving one of them into a library shares that executable
// between the library and the main module. A helper is called from one place only, with operands
// of one kind, as the stream phase wants for a function it does not inline.
module @stateful {
  util.global private @a : i32
  util.initializer {
    %c5 = arith.constant 5 : i32
    %v = util.optimization_barrier %c5 : i32
    util.global.store %v, @a : i32
    util.return
  }
  util.global private @b : i32
  util.initializer {
    %a = util.global.load @a : i32
    %s = arith.addi %a, %a : i32
    util.global.store %s, @b : i32
    util.return
  }
  util.global private mutable @acc : tensor<4xf32> = dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>

  util.func private @bias() -> f32 attributes {inlining_policy = #util.inline.never} {
    %b = util.global.load @b : i32
    %f = arith.sitofp %b : i32 to f32
    util.return %f : f32
  }
  util.func private @scale(%x: tensor<4xf32>, %k: f32) -> tensor<4xf32> attributes {inlining_policy = #util.inline.never} {
    %init = tensor.empty() : tensor<4xf32>
    %r = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%x : tensor<4xf32>) outs(%init : tensor<4xf32>) {
    ^bb0(%in: f32, %out: f32):
      %m = arith.mulf %in, %k : f32
      linalg.yield %m : f32
    } -> tensor<4xf32>
    util.return %r : tensor<4xf32>
  }
  util.func private @shift(%x: tensor<4xf32>) -> tensor<4xf32> attributes {inlining_policy = #util.inline.never} {
    %k = util.call @bias() : () -> f32
    %init = tensor.empty() : tensor<4xf32>
    %r = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%x : tensor<4xf32>) outs(%init : tensor<4xf32>) {
    ^bb0(%in: f32, %out: f32):
      %m = arith.addf %in, %k : f32
      linalg.yield %m : f32
    } -> tensor<4xf32>
    util.return %r : tensor<4xf32>
  }
  util.func private @twice(%x: tensor<4xf32>) -> tensor<4xf32> attributes {inlining_policy = #util.inline.never} {
    %init = tensor.empty() : tensor<4xf32>
    %r = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%x : tensor<4xf32>) outs(%init : tensor<4xf32>) {
    ^bb0(%in: f32, %out: f32):
      %m = arith.addf %in, %in : f32
      linalg.yield %m : f32
    } -> tensor<4xf32>
    util.return %r : tensor<4xf32>
  }
  util.func private @double(%x: tensor<4xf32>) -> tensor<4xf32> attributes {inlining_policy = #util.inline.never} {
    %init = tensor.empty() : tensor<4xf32>
    %r = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%x : tensor<4xf32>) outs(%init : tensor<4xf32>) {
    ^bb0(%in: f32, %out: f32):
      %m = arith.addf %in, %in : f32
      linalg.yield %m : f32
    } -> tensor<4xf32>
    util.return %r : tensor<4xf32>
  }
  util.func private @mm(%x: tensor<2x3xf32>, %y: tensor<3x2xf32>) -> tensor<2x2xf32> attributes {inlining_policy = #util.inline.never} {
    %zero = arith.constant 0.0 : f32
    %init = tensor.empty() : tensor<2x2xf32>
    %fill = linalg.fill ins(%zero : f32) outs(%init : tensor<2x2xf32>) -> tensor<2x2xf32>
    %r = linalg.matmul ins(%x, %y : tensor<2x3xf32>, tensor<3x2xf32>) outs(%fill : tensor<2x2xf32>) -> tensor<2x2xf32>
    util.return %r : tensor<2x2xf32>
  }

  util.func public @affine(%x: tensor<4xf32>, %k: f32) -> tensor<4xf32> {
    %s = util.call @scale(%x, %k) : (tensor<4xf32>, f32) -> tensor<4xf32>
    %t = util.call @shift(%s) : (tensor<4xf32>) -> tensor<4xf32>
    util.return %t : tensor<4xf32>
  }
  util.func public @sum_twice(%x: tensor<4xf32>) -> tensor<4xf32> {
    %t = util.call @twice(%x) : (tensor<4xf32>) -> tensor<4xf32>
    util.return %t : tensor<4xf32>
  }
  util.func public @accumulate(%x: tensor<4xf32>) -> tensor<4xf32> {
    %acc = util.global.load @acc : tensor<4xf32>
    %t = util.call @double(%x) : (tensor<4xf32>) -> tensor<4xf32>
    %k = util.call @bias() : () -> f32
    %init = tensor.empty() : tensor<4xf32>
    %r = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%t, %acc : tensor<4xf32>, tensor<4xf32>) outs(%init : tensor<4xf32>) {
    ^bb0(%in: f32, %in2: f32, %out: f32):
      %p = arith.mulf %in2, %k : f32
      %m = arith.addf %in, %p : f32
      linalg.yield %m : f32
    } -> tensor<4xf32>
    util.global.store %r, @acc : tensor<4xf32>
    util.return %r : tensor<4xf32>
  }
  util.func public @matmul(%x: tensor<2x3xf32>, %y: tensor<3x2xf32>) -> tensor<2x2xf32> {
    %r = util.call @mm(%x, %y) : (tensor<2x3xf32>, tensor<3x2xf32>) -> tensor<2x2xf32>
    util.return %r : tensor<2x2xf32>
  }
  // Inlined from the global-optimization phase on.
  util.func private @plus_b(%n: i32) -> i32 {
    %b = util.global.load @b : i32
    %s = arith.addi %b, %n : i32
    util.return %s : i32
  }
  util.func public @globals(%n: i32) -> (i32, i32) {
    %a = util.global.load @a : i32
    %s = util.call @plus_b(%n) : (i32) -> i32
    util.return %a, %s : i32, i32
  }
}
