module @main {
  func.func private @a.f(i32) -> i32
  func.func @entry(%x: i32) -> i32 {
    %r = func.call @a.f(%x) : (i32) -> i32
    return %r : i32
  }
}
