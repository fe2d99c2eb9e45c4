!t = tensor<4xf32>
!t_0 = tensor<8xf32>
module {
  module @vec {
    util.global private @scale : i32 = 2 : i32
    util.func public @add(%a: i32, %b: i32) -> i32 {
      %0 = arith.addi %a, %b : i32
      util.return %0 : i32
    }
  }
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
  util.global private mutable @counter_0 : i32
  util.initializer {
    %c2 = arith.constant 2 : i32
    util.global.store %c2, @counter_0 : i32
    util.return
  }
  util.func private @helper_0(%x: i32) -> i32 {
    %0 = util.global.load @counter_0 : i32
    %1 = arith.muli %x, %0 : i32
    util.return %1 : i32
  }
  util.func public @bump_two(%x: i32) -> i32 {
    %0 = util.call @helper_0(%x) : (i32) -> i32
    util.return %0 : i32
  }
  module @mat {
    util.global private @scale : i32 = 3 : i32
    util.func private @helper(%t: !t_0) -> !t_0 {
      util.return %t : !t_0
    }
    util.func public @identity(%t: !t_0) -> !t_0 {
      %0 = util.call @helper(%t) : (!t_0) -> !t_0
      util.return %0 : !t_0
    }
  }
}
