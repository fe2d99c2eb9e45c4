// A library without a module name, with a private @g of its own, before a module whose public
// @g has the same plain name: @triple calls its own private @g.
util.func public @triple(%x: i32) -> i32 {
  %r0 = util.call @g(%x) : (i32) -> i32
  util.return %r0 : i32
}
util.func private @g(%x: i32) -> i32 {
  %k = arith.constant 5532 : i32
  %v0 = arith.addi %x, %k : i32
  util.return %v0 : i32
}
