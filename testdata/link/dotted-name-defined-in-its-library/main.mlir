module @main {
  util.func private @lib1.quad(i32) -> i32
  util.func public @run() -> i32 {
    %c3 = arith.constant 3 : i32
    %0 = util.call @lib1.quad(%c3) : (i32) -> i32
    util.return %0 : i32
  }
}
