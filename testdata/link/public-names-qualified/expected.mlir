module {
  util.func private @module_a.compute(%arg0: i32) -> i32 {
    %s = util.call @module_a.square(%arg0) : (i32) -> i32
    %t = util.call @module_a.square(%s) : (i32) -> i32
    util.return %t : i32
  }

  util.func private @module_a.square(%arg0: i32) -> i32 {
    %r = arith.muli %arg0, %arg0 : i32
    util.return %r : i32
  }
  util.func public @main(%x: i32) -> i32 {
    %r = util.call @module_a.compute(%x) : (i32) -> i32
    util.return %r : i32
  }
}
