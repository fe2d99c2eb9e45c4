module @main {
  // Both declarations name m0's public @g: by its qualified name and by its plain name (A2).
  func.func private @m0.g(i32) -> i32
  func.func private @g(i32) -> i32
  func.func @main() -> i32 {
    %c = arith.constant 0 : i32
    %r0 = func.call @m0.g(%c) : (i32) -> i32
    %r1 = func.call @g(%c) : (i32) -> i32
    %s = arith.addi %r0, %r1 : i32
    return %s : i32
  }
}
