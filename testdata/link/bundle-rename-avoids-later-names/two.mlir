func.func private @helper() {
  return
}
func.func @use_two() {
  func.call @helper() : () -> ()
  return
}
