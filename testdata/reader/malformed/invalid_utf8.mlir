module @m {
  func.func @f() {
    return
  }
  ÿþ
}
