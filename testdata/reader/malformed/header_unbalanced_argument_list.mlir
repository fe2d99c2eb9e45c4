module @m {
  func.func @f(%a: tensor<4xf32) -> i32 {
    %c = arith.constant 0 : i32
    return %c : i32
  }
}
