module @main {
  func.func private @a.f(%x: i32) -> i32 {
    %r = func.call @b.g(%x) : (i32) -> i32
    return %r : i32
  }

  func.func private @b.g(%x: i32) -> i32 {
    %r = arith.muli %x, %x : i32
    return %r : i32
  }
  func.func @entry(%x: i32) -> i32 {
    %r = func.call @a.f(%x) : (i32) -> i32
    return %r : i32
  }
}
