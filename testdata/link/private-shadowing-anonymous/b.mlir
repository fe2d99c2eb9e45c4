func.func @g(%x: i32) -> i32 {
  %r = func.call @helper(%x) : (i32) -> i32
  return %r : i32
}
func.func private @helper(%x: i32) -> i32 {
  %y = arith.addi %x, %x : i32
  return %y : i32
}
