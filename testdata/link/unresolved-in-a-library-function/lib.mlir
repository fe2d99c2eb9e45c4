// @f needs @other.g, which no module defines: the error follows the chain back to the input.
module @lib {
  util.func private @other.g(i32) -> i32
  util.func public @f(%x: i32) -> i32 {
    %0 = util.call @mid(%x) : (i32) -> i32
    util.return %0 : i32
  }
  util.func private @mid(%x: i32) -> i32 {
    %0 = util.call @other.g(%x) : (i32) -> i32
    util.return %0 : i32
  }
}
