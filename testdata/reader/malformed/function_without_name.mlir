module @m {
  func.func private
}
