package org.mlirlink.e2e;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code swiglu}, the component file itself, linked by our linker, compiled by {@code iree-compile}
 * and called directly ({@code --function=swiglu}), against the Java oracle.
 */
class SwigluExecutionTest {
  @Test
  void swigluMatchesOracleIncludingLargeMagnitudes() {
    Random random = new Random(0x5EED_0003L);
    Tensor gate = Tensor.random(random, 2.0, 2, 3, 4);
    Tensor up = Tensor.random(random, 4.0, 2, 3, 4);
    // exp(-x) overflows f32 for x < -88.7; silu must still go to -0, not NaN.
    up.data[0] = -100f;
    up.data[1] = 100f;
    up.data[2] = -20f;
    up.data[3] = 0f;
    IreeExecution.Program program =
        IreeExecution.linkAndCompile(IreeExecution.component("activation/swiglu.mlir"), List.of());
    Approx.assertAllClose(
        MoeOracles.swiglu(gate, up), program.run("swiglu", 1, gate, up).get(0), "swiglu");
  }
}
