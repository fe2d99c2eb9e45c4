module @main {
  // Both declarations name m0's public @g: by its qualified name and by its plain name (A2).
  func.func private @m0.g(%x: i32) -> i32 {
    %r = func.call @m0.f(%x) : (i32) -> i32
    return %r : i32
  }

  func.func private @m0.f(%x: i32) -> i32 {
    %k = arith.constant 100 : i32
    %a = arith.addi %x, %k : i32
    return %a : i32
  }
  func.func private @g(%x: i32) -> i32 {
    %r = func.call @m0.f(%x) : (i32) -> i32
    return %r : i32
  }
  func.func @main() -> i32 {
    %c = arith.constant 0 : i32
    %r0 = func.call @m0.g(%c) : (i32) -> i32
    %r1 = func.call @g(%c) : (i32) -> i32
    %s = arith.addi %r0, %r1 : i32
    return %s : i32
  }
}
