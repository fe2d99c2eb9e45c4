// Symbol reference forms: bare, with `$`, `.` and `_`, quoted, nested. (mlir-opt-22 rejects
// `@0` and `@a-b`: a symbol starts with a letter or `_` and has no `-`.)
module @symbols {
  module @inner {
    func.func @leaf() {
      return
    }
  }
  func.func private @a$b.c_d(i32) -> i32
  func.func private @_0()
  func.func @refs(%x: i32) -> i32 attributes {nested = @inner::@leaf, quoted = @"with space", list = [@_0, @a$b.c_d]} {
    %0 = func.call @a$b.c_d(%x) : (i32) -> i32
    func.call @_0() : () -> ()
    func.call @"with space"() : () -> ()
    return %0 : i32
  }
  func.func @"with space"() {
    return
  }
}
