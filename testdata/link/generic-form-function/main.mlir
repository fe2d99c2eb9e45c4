module @main {
  func.func private @gen.double(i32) -> i32
  func.func @entry(%x: i32) -> i32 {
    %r = func.call @gen.double(%x) : (i32) -> i32
    return %r : i32
  }
}
