module @main {
  util.func private @helper(%arg0: i32) -> i32 {
    util.return %arg0 : i32
  }
  util.func private @helper_0(%arg0: i32) -> i32 {
    util.return %arg0 : i32
  }
  util.func private @lib.f(%arg0: i32) -> i32 {
    %r = util.call @helper_1(%arg0) : (i32) -> i32
    util.return %r : i32
  }

  util.func private @helper_1(%arg0: i32) -> i32 {
    %c = arith.constant 7 : i32
    %r = arith.muli %arg0, %c : i32
    util.return %r : i32
  }
  util.func public @entry(%x: i32) -> i32 {
    %0 = util.call @helper(%x) : (i32) -> i32
    %1 = util.call @helper_0(%0) : (i32) -> i32
    %2 = util.call @lib.f(%1) : (i32) -> i32
    util.return %2 : i32
  }
}
