// @lib.a calls @lib.b, which the target declares too (after @lib.a): @lib.b is linked once, in
// place of its declaration, and the call in @lib.a goes to it.
module @main {
  func.func private @lib.a(%x: i32) -> i32 {
    %r = func.call @lib.b(%x) : (i32) -> i32
    return %r : i32
  }
  func.func private @lib.b(%x: i32) -> i32 {
    %c = arith.constant 3 : i32
    %r = arith.addi %x, %c : i32
    return %r : i32
  }
  func.func @entry(%x: i32) -> i32 {
    %0 = func.call @lib.a(%x) : (i32) -> i32
    %1 = func.call @lib.b(%0) : (i32) -> i32
    return %1 : i32
  }
}
