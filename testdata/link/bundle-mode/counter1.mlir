!t = tensor<4xf32>
util.global private mutable @counter : i32
util.initializer {
  %c1 = arith.constant 1 : i32
  util.global.store %c1, @counter : i32
  util.return
}
util.func private @helper(%x: i32) -> i32 {
  %0 = util.global.load @counter : i32
  %1 = arith.addi %x, %0 : i32
  util.return %1 : i32
}
util.func public @bump_one(%x: i32, %t: !t) -> i32 {
  %0 = util.call @helper(%x) : (i32) -> i32
  util.return %0 : i32
}
