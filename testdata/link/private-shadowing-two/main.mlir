module @main {
  util.func private @a.f(%arg0: i32) -> i32
  util.func private @b.f(%arg0: i32) -> i32
  util.func public @entry(%x: i32) -> i32 {
    %0 = util.call @a.f(%x) : (i32) -> i32
    %1 = util.call @b.f(%0) : (i32) -> i32
    util.return %1 : i32
  }
}
