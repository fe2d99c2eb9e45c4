module @l1 {
  util.global private @g : i32
  util.initializer {
    util.call @setup() : () -> ()
    util.return
  }
  util.func private @setup() {
    %c = arith.constant 42 : i32
    util.global.store %c, @g : i32
    util.return
  }
  util.func public @f() -> i32 {
    %0 = util.global.load @g : i32
    util.return %0 : i32
  }
}
