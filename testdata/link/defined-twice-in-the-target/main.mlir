// Each module is a symbol table of its own: the outer @g is fine, the inner module's second @g is not.
module @main {
  func.func @g() {
    return
  }
  module @inner {
    func.func @g() {
      return
    }
    func.func private @g()
  }
}
