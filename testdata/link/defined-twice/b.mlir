// A second file that declares the same module and the same function.
module @lib {
  util.func public @f(%arg0: i32) -> i32 {
    %0 = arith.addi %arg0, %arg0 : i32
    util.return %0 : i32
  }
}
