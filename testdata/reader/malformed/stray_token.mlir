module @m {
  func.func @f() {
    return
  }
  42 oops
  func.func @g() {
    return
  }
}
