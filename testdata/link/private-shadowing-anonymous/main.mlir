func.func private @f(i32) -> i32
func.func private @g(i32) -> i32
func.func @entry(%x: i32) -> i32 {
  %0 = func.call @f(%x) : (i32) -> i32
  %1 = func.call @g(%0) : (i32) -> i32
  return %1 : i32
}
