module @lib {
  util.global private @state : i32 = 0 : i32
  util.func private @external(%arg0: i32) -> i32
  util.func public @first(%arg0: i32) -> i32 {
    util.return %arg0 : i32
  }
  util.func private @private_helper(%arg0: i32) -> i32 {
    util.return %arg0 : i32
  }
  func.func @second() {
    return
  }
  flow.executable private @ex {
    flow.executable.export public @entry
  }
  module @nested {
    func.func @inside() {
      return
    }
  }
  "func.func"() <{function_type = () -> (), sym_name = "third"}> ({
    "func.return"() : () -> ()
  }) : () -> ()
}
