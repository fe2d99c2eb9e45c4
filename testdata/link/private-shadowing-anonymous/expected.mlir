func.func private @f(%x: i32) -> i32 {
  %r = func.call @helper(%x) : (i32) -> i32
  return %r : i32
}

func.func private @helper(%x: i32) -> i32 {
  return %x : i32
}
func.func private @g(%x: i32) -> i32 {
  %r = func.call @helper_0(%x) : (i32) -> i32
  return %r : i32
}

func.func private @helper_0(%x: i32) -> i32 {
  %y = arith.addi %x, %x : i32
  return %y : i32
}
func.func @entry(%x: i32) -> i32 {
  %0 = func.call @f(%x) : (i32) -> i32
  %1 = func.call @g(%0) : (i32) -> i32
  return %1 : i32
}
