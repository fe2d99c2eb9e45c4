module {
  util.func private @module_a.compute(%arg0: i32) -> i32
  util.func public @main(%x: i32) -> i32 {
    %r = util.call @module_a.compute(%x) : (i32) -> i32
    util.return %r : i32
  }
}
