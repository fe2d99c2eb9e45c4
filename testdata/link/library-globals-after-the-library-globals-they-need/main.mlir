module @main {
  util.func private @lib1.f(%arg0: !hal.buffer_view) -> !hal.buffer_view attributes {iree.abi.stub}
  util.func private @lib2.f(%arg0: !hal.buffer_view) -> !hal.buffer_view attributes {iree.abi.stub}
  util.func private @lib1.g(%arg0: !hal.buffer_view) -> !hal.buffer_view attributes {iree.abi.stub}
  util.func public @run(%arg0: !hal.buffer_view) -> !hal.buffer_view attributes {iree.abi.stub, iree.reflection = {iree.abi.declaration = "sync func @run(%input0: tensor<4xf32>) -> (%output0: tensor<4xf32>)"}} {
    %0 = util.call @lib1.f(%arg0) : (!hal.buffer_view) -> !hal.buffer_view
    %1 = util.call @lib2.f(%0) : (!hal.buffer_view) -> !hal.buffer_view
    %2 = util.call @lib1.g(%1) : (!hal.buffer_view) -> !hal.buffer_view
    util.return %2 : !hal.buffer_view
  }
}