module @m {
  func.func @f() attributes {doc = "no closing quote} {
    return
  }
}
