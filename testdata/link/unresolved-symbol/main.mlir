module @main {
  util.func private @lib.present(%arg0: i32) -> i32
  util.func private @nowhere.to_be_found(%arg0: i32) -> i32
  util.func public @entry(%x: i32) -> i32 {
    %0 = util.call @lib.present(%x) : (i32) -> i32
    %1 = util.call @nowhere.to_be_found(%0) : (i32) -> i32
    util.return %1 : i32
  }
}
