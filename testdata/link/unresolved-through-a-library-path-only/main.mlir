// Declares a function of a module no file under the library path has; no link module is given.
module @main {
  util.func private @missing.f(%arg0: i32) -> i32
  util.func public @entry(%x: i32) -> i32 {
    %0 = util.call @missing.f(%x) : (i32) -> i32
    util.return %0 : i32
  }
}
