module @m0 {
  util.func public @g(%x: i32) -> i32 {
    %k = arith.constant 5408 : i32
    %v0 = arith.addi %x, %k : i32
    util.return %v0 : i32
  }
}
