// A library that was itself linked: @math_ops.twice was copied into it and is its own private
// function now. Its dotted name is a name like any other, defined right here.
module @lib1 {
  util.func private @math_ops.twice(%x: i32) -> i32 {
    %0 = arith.addi %x, %x : i32
    util.return %0 : i32
  }
  util.func public @quad(%x: i32) -> i32 {
    %0 = util.call @math_ops.twice(%x) : (i32) -> i32
    %1 = util.call @math_ops.twice(%0) : (i32) -> i32
    util.return %1 : i32
  }
}
