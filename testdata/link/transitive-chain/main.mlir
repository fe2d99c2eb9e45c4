module @main {
  util.func private @lib.first(%arg0: i32) -> i32
  util.func private @lib.second(%arg0: i32) -> i32
  util.func public @entry(%x: i32) -> i32 {
    %a = util.call @lib.first(%x) : (i32) -> i32
    %b = util.call @lib.second(%a) : (i32) -> i32
    util.return %b : i32
  }
}
