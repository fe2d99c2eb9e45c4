package org.mlirlink.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code moe_ffn_block} linked with its two dependencies ({@code mul_mat_id}, {@code swiglu}) by
 * our linker, lowered and run with upstream MLIR, and compared with the Java oracle: the seed's
 * test strategy for {@code test_moe_ffn_block.py}. All cases run in one program.
 *
 * <p>Routing is observed through a probe: the same input and router, but down-projection weights
 * that send expert {@code e}'s output only to embedding channel {@code e}. Then channel {@code c}
 * of a token's output is non-zero exactly when expert {@code c} was selected for that token.
 */
class MoeFfnBlockExecutionTest {
  private static final int N_TOKENS = 4;
  private static final int N_EMBD = 8;
  private static final int N_EXPERT = 6; // <= N_EMBD, for the routing probe
  private static final int N_FF = 5;

  private static final String DECLARATION =
      "func.func private @moe_ffn_components.moe_ffn_block(tensor<?x?xf32>, tensor<?x?xf32>,"
          + " tensor<?x?x?xf32>, tensor<?x?x?xf32>, tensor<?x?x?xf32>, index) -> tensor<?x?xf32>";

  record Case(Tensor input, Tensor router, Tensor up, Tensor gate, Tensor down, int k) {
    MoeOracles.MoeResult oracle() {
      return MoeOracles.moeFfnBlock(input, router, up, gate, down, k);
    }
  }

  private static final Map<String, Case> CASES = new LinkedHashMap<>();
  private static final Map<String, float[]> RESULTS = new LinkedHashMap<>();

  @BeforeAll
  static void runAllCasesInOneProgram() {
    Random random = new Random(0x5EED_0002L);
    Tensor input = Tensor.random(random, 1.0, N_TOKENS, N_EMBD);
    Tensor router = Tensor.random(random, 1.0, N_EXPERT, N_EMBD);
    double inScale = 1 / Math.sqrt(N_EMBD);
    double ffScale = 1 / Math.sqrt(N_FF);
    Tensor up = Tensor.random(random, inScale, N_FF, N_EMBD, N_EXPERT);
    Tensor gate = Tensor.random(random, inScale, N_FF, N_EMBD, N_EXPERT);
    Tensor down = Tensor.random(random, ffScale, N_EMBD, N_FF, N_EXPERT);
    CASES.put("top2", new Case(input, router, up, gate, down, 2));
    CASES.put("top3", new Case(input, router, up, gate, down, 3));
    Tensor oneHotDown = Tensor.fill(ix -> ix[0] == ix[2] ? 1 : 0, N_EMBD, N_FF, N_EXPERT);
    CASES.put("probe", new Case(input, router, up, gate, oneHotDown, 2));

    DriverModule driver = new DriverModule().declare(DECLARATION);
    String f2 = DriverModule.dynamicType(2, "f32");
    String f3 = DriverModule.dynamicType(3, "f32");
    for (Case c : CASES.values()) {
      List<String> args = List.of(
          driver.f32(c.input()), driver.f32(c.router()), driver.f32(c.up()),
          driver.f32(c.gate()), driver.f32(c.down()), driver.index(c.k()));
      String r = driver.call("@moe_ffn_components.moe_ffn_block", args,
          List.of(f2, f2, f3, f3, f3, "index"), f2);
      driver.print(r, 2);
    }
    List<float[]> results = MlirExecution.linkAndRun(driver, List.of(
        MlirExecution.twin("moe/moe_ffn_block.mlir"),
        MlirExecution.twin("moe/mul_mat_id.mlir"),
        MlirExecution.twin("activation/swiglu.mlir")));
    List<String> names = new ArrayList<>(CASES.keySet());
    for (int i = 0; i < names.size(); i++) {
      RESULTS.put(names.get(i), results.get(i));
    }
  }

  @Test
  void fullForwardWithSmallDimensionsGivesOneFiniteRowPerToken() {
    float[] out = RESULTS.get("top2");
    assertEquals(N_TOKENS * N_EMBD, out.length);
    for (float v : out) {
      assertTrue(Float.isFinite(v), () -> "non-finite output " + Arrays.toString(out));
    }
  }

  @Test
  void testInputsHaveNoNearTiesInRouting() {
    // Otherwise f32 rounding could legitimately pick another expert than the double oracle.
    MoeOracles.MoeResult oracle = CASES.get("top3").oracle();
    for (int t = 0; t < N_TOKENS; t++) {
      double[] sorted = new double[N_EXPERT];
      for (int e = 0; e < N_EXPERT; e++) {
        sorted[e] = -oracle.probabilities()[e][t];
      }
      Arrays.sort(sorted);
      for (int j = 0; j + 1 < 4; j++) {
        assertTrue(sorted[j + 1] - sorted[j] > 1e-4, "near tie in routing of token " + t);
      }
    }
  }

  @Test
  void selectedExpertsEqualTheOracles() {
    Case probe = CASES.get("probe");
    MoeOracles.MoeResult oracle = probe.oracle();
    float[] out = RESULTS.get("probe");
    for (int t = 0; t < N_TOKENS; t++) {
      Set<Integer> selected = new TreeSet<>();
      for (int c = 0; c < N_EMBD; c++) {
        if (out[t * N_EMBD + c] != 0.0f) {
          selected.add(c);
        }
      }
      Set<Integer> expected = new TreeSet<>();
      for (int j = 0; j < probe.k(); j++) {
        expected.add(oracle.expertIds()[j][t]);
      }
      assertEquals(expected, selected, "experts selected for token " + t);
    }
    Approx.assertAllClose(oracle.output(), out, "moe_ffn_block routing probe");
  }

  @Test
  void outputEqualsTheOracle() {
    Approx.assertAllClose(CASES.get("top2").oracle().output(), RESULTS.get("top2"),
        "moe_ffn_block top-2");
  }

  @Test
  void outputEqualsTheOracleWithThreeExpertsPerToken() {
    Approx.assertAllClose(CASES.get("top3").oracle().output(), RESULTS.get("top3"),
        "moe_ffn_block top-3");
  }
}
