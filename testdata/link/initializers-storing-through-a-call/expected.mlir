module @main {
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

  util.global private @g_0 : i32

  util.initializer {
    util.call @setup_0() : () -> ()
    util.return
  }

  util.func private @setup_0() {
    %c = arith.constant 7 : i32
    util.global.store %c, @g_0 : i32
    util.return
  }

  util.func private @l1.f() -> i32 {
    %0 = util.global.load @g : i32
    util.return %0 : i32
  }
  util.func private @l2.f() -> i32 {
    %0 = util.global.load @g_0 : i32
    util.return %0 : i32
  }
  util.func public @run() -> i32 {
    %0 = util.call @l1.f() : () -> i32
    %1 = util.call @l2.f() : () -> i32
    %c10 = arith.constant 10 : i32
    %2 = arith.muli %1, %c10 : i32
    %3 = arith.addi %0, %2 : i32
    util.return %3 : i32
  }
}
