package org.mlirlink.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mlirlink.testing.Npy;

/**
 * {@code mul_mat_id}, the component file itself, compiled by {@code iree-compile} after linking
 * with our linker and called directly ({@code --function=mul_mat_id}) by {@code iree-run-module},
 * against the Java oracle: a hand-computed case, one, two and four experts per token, every token
 * on the same expert, and expert ids in sequence. Its shapes are dynamic, so the class compiles
 * once and runs each case on the same {@code .vmfb}.
 */
class MulMatIdExecutionTest {
  /** One call: weights [n_out, n_in, n_expert], input [n_in, k, n_tokens], ids [k][n_tokens]. */
  record Case(Tensor weights, Tensor input, int[][] ids) {
    Tensor expected() {
      return MoeOracles.mulMatId(weights, input, ids);
    }
  }

  private static IreeExecution.Program program;

  @BeforeAll
  static void linkAndCompile() {
    program =
        IreeExecution.linkAndCompile(IreeExecution.component("moe/mul_mat_id.mlir"), List.of());
  }

  @Test
  void basicKnownSelectionGivesHandComputedValues() {
    // Known selection with hand-checkable numbers: W[o][i][e] = (e + 1) * (o + 1), input all
    // ones, token 0 on expert 2 and token 1 on expert 0. Then out[o][0][t] = 3 inputs * (ids[t] +
    // 1) * (o + 1): every product and sum is a small integer, exact in f32.
    Case basic =
        new Case(
            Tensor.fill(ix -> (ix[2] + 1) * (ix[0] + 1), 2, 3, 3),
            Tensor.fill(ix -> 1, 3, 1, 2),
            new int[][] {{2, 0}});
    Npy.Array out = run(basic);
    assertArrayEquals(new long[] {2, 1, 2}, out.shape());
    assertArrayEquals(new float[] {9, 3, 18, 6}, out.floats());
    Approx.assertAllClose(basic.expected(), out, "mul_mat_id basic");
  }

  @Test
  void oneExpertPerTokenMatchesOracle() {
    Random random = new Random(0x5EED_0101L);
    check("k=1", randomCase(random, 5, 4, 4, 1, 3, randomIds(random, 4, 1, 3)));
  }

  @Test
  void twoExpertsPerTokenMatchOracle() {
    Random random = new Random(0x5EED_0102L);
    check("k=2", randomCase(random, 5, 4, 4, 2, 3, randomIds(random, 4, 2, 3)));
  }

  @Test
  void fourExpertsPerTokenMatchOracle() {
    Random random = new Random(0x5EED_0104L);
    check("k=4", randomCase(random, 3, 6, 6, 4, 2, randomIds(random, 6, 4, 2)));
  }

  @Test
  void allTokensOnTheSameExpertMatchOracle() {
    Random random = new Random(0x5EED_0105L);
    check("same expert", randomCase(random, 4, 3, 5, 2, 4, constantIds(3, 2, 4)));
  }

  @Test
  void sequentialExpertsMatchOracle() {
    int[][] ids = sequentialIds(6, 2, 3);
    // Every expert is used once, in order over (slot, token).
    assertArrayEquals(new int[][] {{0, 1, 2}, {3, 4, 5}}, ids);
    Random random = new Random(0x5EED_0106L);
    check("sequential ids", randomCase(random, 4, 3, 6, 2, 3, ids));
  }

  private static Npy.Array run(Case c) {
    return program.run("mul_mat_id", 1, c.weights(), c.input(), IreeExecution.i32(c.ids())).get(0);
  }

  private static void check(String name, Case c) {
    Approx.assertAllClose(c.expected(), run(c), "mul_mat_id " + name);
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
      Collections.shuffle(experts, random);
      for (int j = 0; j < k; j++) {
        ids[j][t] = experts.get(j);
      }
    }
    return ids;
  }

  private static int[][] constantIds(int expert, int k, int nTokens) {
    int[][] ids = new int[k][nTokens];
    for (int[] row : ids) {
      Arrays.fill(row, expert);
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
