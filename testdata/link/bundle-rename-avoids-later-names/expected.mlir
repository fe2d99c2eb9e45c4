module {
  func.func private @helper() {
    return
  }
  func.func private @helper_1() {
    return
  }
  func.func @use_two() {
    func.call @helper_1() : () -> ()
    return
  }
  func.func @helper_0() {
    return
  }
}
