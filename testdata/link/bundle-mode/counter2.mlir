util.global private mutable @counter : i32
util.initializer {
  %c2 = arith.constant 2 : i32
  util.global.store %c2, @counter : i32
  util.return
}
util.func private @helper(%x: i32) -> i32 {
  %0 = util.global.load @counter : i32
  %1 = arith.muli %x, %0 : i32
  util.return %1 : i32
}
util.func public @bump_two(%x: i32) -> i32 {
  %0 = util.call @helper(%x) : (i32) -> i32
  util.return %0 : i32
}
