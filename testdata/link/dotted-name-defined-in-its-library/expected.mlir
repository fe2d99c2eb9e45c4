module @main {
  util.func private @lib1.quad(%x: i32) -> i32 {
    %0 = util.call @math_ops.twice(%x) : (i32) -> i32
    %1 = util.call @math_ops.twice(%0) : (i32) -> i32
    util.return %1 : i32
  }

  util.func private @math_ops.twice(%x: i32) -> i32 {
    %0 = arith.addi %x, %x : i32
    util.return %0 : i32
  }
  util.func public @run() -> i32 {
    %c3 = arith.constant 3 : i32
    %0 = util.call @lib1.quad(%c3) : (i32) -> i32
    util.return %0 : i32
  }
}
