// The input has a @helper of its own, and needs m0's public @helper: the two are different
// symbols (@helper and @m0.helper), so nothing is renamed.
module @main {
  util.func private @m0.helper(%arg0: i32) -> i32
  util.func private @helper(%x: i32) -> i32 {
    util.return %x : i32
  }
  util.func public @entry(%x: i32) -> i32 {
    %a = util.call @helper(%x) : (i32) -> i32
    %b = util.call @m0.helper(%a) : (i32) -> i32
    util.return %b : i32
  }
}
