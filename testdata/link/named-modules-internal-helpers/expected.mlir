module @app {
  util.func private @module_a.compute(%arg0: i32) -> i32 {
    %r = util.call @internal_helper(%arg0) : (i32) -> i32
    util.return %r : i32
  }

  util.func private @internal_helper(%arg0: i32) -> i32 {
    %c2 = arith.constant 2 : i32
    %r = arith.muli %arg0, %c2 : i32
    util.return %r : i32
  }
  util.func private @module_b.compute(%arg0: i32) -> i32 {
    %r = util.call @scale(%arg0) : (i32) -> i32
    util.return %r : i32
  }

  util.func private @scale(%arg0: i32) -> i32 {
    %c3 = arith.constant 3 : i32
    %r = arith.muli %arg0, %c3 : i32
    util.return %r : i32
  }
  util.func public @run(%x: i32) -> i32 {
    %a = util.call @module_a.compute(%x) : (i32) -> i32
    %b = util.call @module_b.compute(%a) : (i32) -> i32
    util.return %b : i32
  }
}
