module @lib {
  util.func private @extern() -> index
  util.global private @g : index
  util.initializer {
    %v = util.call @extern() : () -> index
    util.global.store %v, @g : index
    util.return
  }
  util.func public @f() -> index {
    %v = util.global.load @g : index
    util.return %v : index
  }
}
