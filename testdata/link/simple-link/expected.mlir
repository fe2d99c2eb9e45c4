// The simplest use: one external declaration, one definition.
module @main {
  func.func private @add(%a: i32, %b: i32) -> i32 {
    %s = arith.addi %a, %b : i32
    return %s : i32
  }

  func.func @entry(%x: i32) -> i32 {
    %r = func.call @add(%x, %x) : (i32, i32) -> i32
    return %r : i32
  }
}
