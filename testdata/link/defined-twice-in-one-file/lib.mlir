// A module that defines @present twice: MLIR rejects the file, so the linker must too
// (it used to link the first one silently).
module @lib {
  util.func public @present() -> i32 {
    %c = arith.constant 1 : i32
    util.return %c : i32
  }
  util.func public @present() -> i32 {
    %c = arith.constant 2 : i32
    util.return %c : i32
  }
}
