module @app {
  util.func private @module_a.compute(%arg0: i32) -> i32
  util.func private @module_b.compute(%arg0: i32) -> i32
  util.func public @run(%x: i32) -> i32 {
    %a = util.call @module_a.compute(%x) : (i32) -> i32
    %b = util.call @module_b.compute(%a) : (i32) -> i32
    util.return %b : i32
  }
}
