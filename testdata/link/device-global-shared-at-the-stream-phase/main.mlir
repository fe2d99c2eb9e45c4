module @main attributes {stream.affinity.default = #hal.device.affinity<@__device_0>} {
  util.global private @__device_0 = #hal.device.target<"local", [#hal.executable.target<"llvm-cpu", "embedded-elf-x86_64", {cpu = "generic", cpu_features = "", data_layout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128", iree.encoding.resolver = #iree_cpu.cpu_encoding_resolver<>, max_stack_allocation_size = 32768 : i64, native_vector_size = 16 : i64, target_triple = "x86_64-unknown-unknown-eabi-elf"}>]> : !hal.device
  util.func private @lib1.f(%arg0: !hal.buffer_view) -> !hal.buffer_view attributes {iree.abi.stub}
  util.func private @lib2.f(%arg0: !hal.buffer_view) -> !hal.buffer_view attributes {iree.abi.stub}
  util.func public @run(%arg0: !hal.buffer_view) -> !hal.buffer_view attributes {iree.abi.stub, iree.reflection = {iree.abi.declaration = "sync func @run(%input0: tensor<4xf32>) -> (%output0: tensor<4xf32>)"}} {
    %0 = util.call @lib1.f(%arg0) : (!hal.buffer_view) -> !hal.buffer_view
    %1 = util.call @lib2.f(%0) : (!hal.buffer_view) -> !hal.buffer_view
    util.return %1 : !hal.buffer_view
  }
}