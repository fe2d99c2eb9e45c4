// @helper is private: another module cannot link it, and the error must say it is there.
module @lib {
  util.func private @helper(%x: i32) -> i32 {
    util.return %x : i32
  }
}
