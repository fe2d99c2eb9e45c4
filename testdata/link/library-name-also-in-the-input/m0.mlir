module @m0 {
  util.func public @helper(%x: i32) -> i32 {
    %k = arith.constant 7 : i32
    %v = arith.addi %x, %k : i32
    util.return %v : i32
  }
}
