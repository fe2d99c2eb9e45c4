module @main {
  util.func private @c.f(%arg0: i32) -> i32 {
    %0 = util.call @helper(%arg0) : (i32) -> i32
    %1 = util.call @helper(%0) : (i32) -> i32
    util.return %1 : i32
  }

  util.func private @helper(%arg0: i32) -> i32 {
    %c = arith.constant 30 : i32
    %r = arith.addi %arg0, %c : i32
    util.return %r : i32
  }
  util.func private @a.f(%arg0: i32) -> i32 {
    %0 = util.call @helper_0(%arg0) : (i32) -> i32
    %1 = util.call @helper_0(%0) : (i32) -> i32
    util.return %1 : i32
  }

  util.func private @helper_0(%arg0: i32) -> i32 {
    %c = arith.constant 10 : i32
    %r = arith.addi %arg0, %c : i32
    util.return %r : i32
  }
  util.func private @b.f(%arg0: i32) -> i32 {
    %0 = util.call @helper_1(%arg0) : (i32) -> i32
    %1 = util.call @helper_1(%0) : (i32) -> i32
    util.return %1 : i32
  }

  util.func private @helper_1(%arg0: i32) -> i32 {
    %c = arith.constant 20 : i32
    %r = arith.addi %arg0, %c : i32
    util.return %r : i32
  }
  util.func public @entry(%x: i32) -> i32 {
    %0 = util.call @a.f(%x) : (i32) -> i32
    %1 = util.call @b.f(%0) : (i32) -> i32
    %2 = util.call @c.f(%1) : (i32) -> i32
    util.return %2 : i32
  }
}
