// @lib.a calls @lib.b, which the target declares too (after @lib.a): @lib.b is linked once, in
// place of its declaration, and the call in @lib.a goes to it.
module @main {
  func.func private @lib.a(i32) -> i32
  func.func private @lib.b(i32) -> i32
  func.func @entry(%x: i32) -> i32 {
    %0 = func.call @lib.a(%x) : (i32) -> i32
    %1 = func.call @lib.b(%0) : (i32) -> i32
    return %1 : i32
  }
}
