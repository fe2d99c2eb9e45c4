module @main {
  util.func private @triple(%x: i32) -> i32 {
    %r0 = util.call @g(%x) : (i32) -> i32
    util.return %r0 : i32
  }

  util.func private @g(%x: i32) -> i32 {
    %k = arith.constant 5532 : i32
    %v0 = arith.addi %x, %k : i32
    util.return %v0 : i32
  }
  util.func public @entry(%x: i32) -> i32 {
    %r = util.call @triple(%x) : (i32) -> i32
    util.return %r : i32
  }
}
