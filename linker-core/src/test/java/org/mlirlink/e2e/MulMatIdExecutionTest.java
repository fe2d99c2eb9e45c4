package org.mlirlink.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code mul_mat_id} linked into a driver by our linker, lowered and run with upstream MLIR, and
 * compared with the Java oracle: the seed's test strategy for {@code test_mul_mat_id.py}. All
 * cases run in one program, so the class costs one lowering.
 */
class MulMatIdExecutionTest {
  private static final String DECLARATION =
      "func.func private @moe_components.mul_mat_id(tensor<?x?x?xf32>, tensor<?x?x?xf32>,"
          + " tensor<?x?xi32>) -> tensor<?x?x?xf32>";

  /** One call: weights [n_out, n_in, n_expert], input [n_in, k, n_tokens], ids [k][n_tokens]. */
  record Case(Tensor weights, Tensor input, int[][] ids) {
    Tensor expected() {
      return MoeOracles.mulMatId(weights, input, ids);
    }
  }

  private static final Map<String, Case> CASES = new LinkedHashMap<>();
  private static final Map<String, float[]> RESULTS = new LinkedHashMap<>();

  @BeforeAll
  static void runAllCasesInOneProgram() {
    Random random = new Random(0x5EED_0001L);
    // Known selection with hand-checkable numbers: W[o][i][e] = (e + 1) * (o + 1), input all ones.
    CASES.put("basic", new Case(
        Tensor.fill(ix -> (ix[2] + 1) * (ix[0] + 1), 2, 3, 3),
        Tensor.fill(ix -> 1, 3, 1, 2),
        new int[][] {{2, 0}}));
    CASES.put("k1", randomCase(random, 5, 4, 4, 1, 3, randomIds(random, 4, 1, 3)));
    CASES.put("k2", randomCase(random, 5, 4, 4, 2, 3, randomIds(random, 4, 2, 3)));
    CASES.put("k4", randomCase(random, 3, 6, 6, 4, 2, randomIds(random, 6, 4, 2)));
    CASES.put("sameExpert", randomCase(random, 4, 3, 5, 2, 4, constantIds(3, 2, 4)));
    CASES.put("sequential", randomCase(random, 4, 3, 6, 2, 3, sequentialIds(6, 2, 3)));

    DriverModule driver = new DriverModule().declare(DECLARATION);
    String f3 = DriverModule.dynamicType(3, "f32");
    String i2 = DriverModule.dynamicType(2, "i32");
    for (Case c : CASES.values()) {
      String w = driver.f32(c.weights());
      String x = driver.f32(c.input());
      String ids = driver.i32(c.ids());
      String r = driver.call("@moe_components.mul_mat_id", List.of(w, x, ids),
          List.of(f3, f3, i2), f3);
      driver.print(r, 3);
    }
    List<float[]> results =
        MlirExecution.linkAndRun(driver, List.of(MlirExecution.twin("moe/mul_mat_id.mlir")));
    List<String> names = new ArrayList<>(CASES.keySet());
    for (int i = 0; i < names.size(); i++) {
      RESULTS.put(names.get(i), results.get(i));
    }
  }

  @Test
  void basicKnownSelectionGivesHandComputedValues() {
    // out[o][0][t] = 3 inputs * (ids[t] + 1) * (o + 1), ids = [2, 0]
    assertArrayEquals(new float[] {9, 3, 18, 6}, RESULTS.get("basic"));
    check("basic");
  }

  @Test
  void oneExpertPerTokenMatchesOracle() {
    check("k1");
  }

  @Test
  void twoExpertsPerTokenMatchOracle() {
    check("k2");
  }

  @Test
  void fourExpertsPerTokenMatchOracle() {
    check("k4");
  }

  @Test
  void allTokensOnTheSameExpertMatchOracle() {
    check("sameExpert");
  }

  @Test
  void sequentialExpertsMatchOracle() {
    check("sequential");
  }

  private static void check(String name) {
    Approx.assertAllClose(CASES.get(name).expected(), RESULTS.get(name), "mul_mat_id " + name);
  }

  private static Case randomCase(
      Random random, int nOut, int nIn, int nExpert, int k, int nTokens, int[][] ids) {
    return new Case(
        Tensor.random(random, 1.0, nOut, nIn, nExpert),
        Tensor.random(random, 1.0, nIn, k, nTokens),
        ids);
  }

  /** Distinct experts per token, like a real top-k. */
  private static int[][] randomIds(Random random, int nExpert, int k, int nTokens) {
    int[][] ids = new int[k][nTokens];
    for (int t = 0; t < nTokens; t++) {
      List<Integer> experts = new ArrayList<>();
      for (int e = 0; e < nExpert; e++) {
        experts.add(e);
      }
      java.util.Collections.shuffle(experts, random);
      for (int j = 0; j < k; j++) {
        ids[j][t] = experts.get(j);
      }
    }
    return ids;
  }

  private static int[][] constantIds(int expert, int k, int nTokens) {
    int[][] ids = new int[k][nTokens];
    for (int[] row : ids) {
      java.util.Arrays.fill(row, expert);
    }
    return ids;
  }

  /** Experts 0, 1, 2, ... in row-major order over (slot, token), wrapping around. */
  private static int[][] sequentialIds(int nExpert, int k, int nTokens) {
    int[][] ids = new int[k][nTokens];
    for (int j = 0; j < k; j++) {
      for (int t = 0; t < nTokens; t++) {
        ids[j][t] = (j * nTokens + t) % nExpert;
      }
    }
    return ids;
  }
}
