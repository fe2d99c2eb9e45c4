module @m {
  func.func @f() attributes {doc = "café"} {
    return
  }
}
