package org.mlirlink.e2e;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@code swiglu} linked into a driver by our linker, run with upstream MLIR, against the oracle. */
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
    String f3 = DriverModule.dynamicType(3, "f32");
    DriverModule driver = new DriverModule().declare(
        "func.func private @activation_components.swiglu(tensor<?x?x?xf32>, tensor<?x?x?xf32>)"
            + " -> tensor<?x?x?xf32>");
    String r = driver.call("@activation_components.swiglu",
        List.of(driver.f32(gate), driver.f32(up)), List.of(f3, f3), f3);
    driver.print(r, 3);
    List<float[]> results =
        MlirExecution.linkAndRun(driver, List.of(MlirExecution.twin("activation/swiglu.mlir")));
    Approx.assertAllClose(MoeOracles.swiglu(gate, up), results.get(0), "swiglu");
  }
}
