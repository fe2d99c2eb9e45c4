module @main {
  util.func private @lib.convert(%arg0: tensor<?xf32>, %arg1: index) -> tensor<?xf16>
  util.func public @entry(%x: tensor<?xf32>, %n: index) -> tensor<?xf16> {
    %r = util.call @lib.convert(%x, %n) : (tensor<?xf32>, index) -> tensor<?xf16>
    util.return %r : tensor<?xf16>
  }
}
