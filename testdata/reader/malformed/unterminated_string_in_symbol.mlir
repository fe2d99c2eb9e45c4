module @m {
  func.func @"unterminated() {
    return
  }
}
