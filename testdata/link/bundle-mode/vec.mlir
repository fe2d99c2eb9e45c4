module @vec {
  util.global private @scale : i32 = 2 : i32
  util.func public @add(%a: i32, %b: i32) -> i32 {
    %0 = arith.addi %a, %b : i32
    util.return %0 : i32
  }
}
