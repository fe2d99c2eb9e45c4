module @main {
  util.func private @kernels.dispatch(%arg0: tensor<4xf32>) -> tensor<4xf32> {
    %c4 = arith.constant 4 : index
    %0 = flow.dispatch @add_ex::@add_entry[%c4](%arg0) : (tensor<4xf32>) -> tensor<4xf32>
    %1 = flow.dispatch @custom_ex::@entry[%c4](%0) : (tensor<4xf32>) -> tensor<4xf32>
    util.return %1 : tensor<4xf32>
  }

  flow.executable private @add_ex {
    flow.executable.export public @add_entry
    builtin.module {
      // Internals of the executable: never scanned, never linked from outside.
      func.func @add_entry(%arg0: !iree_tensor_ext.dispatch.tensor<readonly:tensor<4xf32>>) {
        func.call @inner_only(%arg0) : (!iree_tensor_ext.dispatch.tensor<readonly:tensor<4xf32>>) -> ()
        return
      }
      func.func private @inner_only(!iree_tensor_ext.dispatch.tensor<readonly:tensor<4xf32>>)
    }
  }

  hal.executable.source private @custom_ex {
    hal.executable.export public @entry ordinal(0) layout(#hal.pipeline.layout<bindings = [#hal.pipeline.binding<storage_buffer>]>)
    builtin.module {
      func.func @entry() {
        func.call @helper() : () -> ()
        return
      }
      func.func private @helper()
    }
  }
  util.func public @entry(%x: tensor<4xf32>) -> tensor<4xf32> {
    %r = util.call @kernels.dispatch(%x) : (tensor<4xf32>) -> tensor<4xf32>
    util.return %r : tensor<4xf32>
  }
}
