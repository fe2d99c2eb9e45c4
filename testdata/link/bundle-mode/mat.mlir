!t = tensor<8xf32>
module @mat {
  util.global private @scale : i32 = 3 : i32
  util.func private @helper(%t: !t) -> !t {
    util.return %t : !t
  }
  util.func public @identity(%t: !t) -> !t {
    %0 = util.call @helper(%t) : (!t) -> !t
    util.return %0 : !t
  }
}
