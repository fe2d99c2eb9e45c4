module @lib {
  util.func private @leaf(%arg0: i32) -> i32 {
    %c1 = arith.constant 1 : i32
    %r = arith.addi %arg0, %c1 : i32
    util.return %r : i32
  }
  util.func private @middle(%arg0: i32) -> i32 {
    %r = util.call @leaf(%arg0) : (i32) -> i32
    util.return %r : i32
  }
  util.func public @second(%arg0: i32) -> i32 {
    %r = util.call @other(%arg0) : (i32) -> i32
    util.return %r : i32
  }
  util.func private @other(%arg0: i32) -> i32 {
    util.return %arg0 : i32
  }
  util.func public @first(%arg0: i32) -> i32 {
    %r = util.call @middle(%arg0) : (i32) -> i32
    util.return %r : i32
  }
}
