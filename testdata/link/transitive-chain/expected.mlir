module @main {
  util.func private @lib.first(%arg0: i32) -> i32 {
    %r = util.call @middle(%arg0) : (i32) -> i32
    util.return %r : i32
  }

  util.func private @middle(%arg0: i32) -> i32 {
    %r = util.call @leaf(%arg0) : (i32) -> i32
    util.return %r : i32
  }

  util.func private @leaf(%arg0: i32) -> i32 {
    %c1 = arith.constant 1 : i32
    %r = arith.addi %arg0, %c1 : i32
    util.return %r : i32
  }
  util.func private @lib.second(%arg0: i32) -> i32 {
    %r = util.call @other(%arg0) : (i32) -> i32
    util.return %r : i32
  }

  util.func private @other(%arg0: i32) -> i32 {
    util.return %arg0 : i32
  }
  util.func public @entry(%x: i32) -> i32 {
    %a = util.call @lib.first(%x) : (i32) -> i32
    %b = util.call @lib.second(%a) : (i32) -> i32
    util.return %b : i32
  }
}
