package org.mlirlink.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mlirlink.testing.Npy;

/**
 * {@code moe_ffn_block} linked with its two dependencies ({@code mul_mat_id}, {@code swiglu}) by
 * our linker, compiled by {@code iree-compile} and called directly ({@code --function=
 * moe_ffn_block}), against the Java oracle: the full forward pass on a small configuration, and the
 * routing (which experts each token goes to, and with which weights). The shapes are dynamic, so
 * the class compiles once and runs every case on the same {@code .vmfb}.
 *
 * <p>The block returns only its output, not its routing, and a driver that recomputed the routing
 * would test the driver, not the block. So the routing is read from the output of the block itself,
 * run on <em>probe</em> expert weights that make every selected expert contribute exactly its
 * routing weight to an embedding channel of its own:
 *
 * <ul>
 *   <li>every token has the value 1 in channel {@link #ONE}, and the up and gate projections read
 *       only that channel: up = 128 and gate = 1/128 for every expert, row and token;
 *   <li>{@code swiglu(gate, up) = gate * up / (1 + exp(-up))} is then 1/128 * 128 = 1 in f32, since
 *       {@code exp(-128)} vanishes next to 1;
 *   <li>the down projection of expert {@code e} copies row 0 of that to channel {@code e} and
 *       nothing else.
 * </ul>
 *
 * Every product and sum on the way is exact, so channel {@code c} of token {@code t} in the output
 * is the weight the block gave expert {@code c} for token {@code t} when it selected it, and
 * exactly 0 when it did not. The router is not touched: it sees the whole input, including channel
 * {@link #ONE}.
 *
 * <p>The routing weights are the router's softmax probabilities over all experts, as in the oracle;
 * the block does not renormalize the k selected ones to sum to 1, and the tests pin that.
 */
class MoeFfnBlockExecutionTest {
  private static final int N_TOKENS = 4;
  private static final int N_EMBD = 8;
  private static final int N_EXPERT = 6; // < N_EMBD: one probe channel per expert, plus ONE
  private static final int N_FF = 5;

  /** The input channel that the probe's expert projections read, 1 in every token. */
  private static final int ONE = N_EMBD - 1;

  private static IreeExecution.Program program;

  /** Random tokens (channel {@link #ONE} set to 1) and a random router, shared by the probes. */
  private static Tensor probeInput;

  private static Tensor probeRouter;

  @BeforeAll
  static void linkAndCompile() {
    program =
        IreeExecution.linkAndCompile(
            IreeExecution.component("moe/moe_ffn_block.mlir"),
            List.of(
                IreeExecution.component("moe/mul_mat_id.mlir"),
                IreeExecution.component("activation/swiglu.mlir")));
    Random random = new Random(0x5EED_0002L);
    probeInput = Tensor.random(random, 1.0, N_TOKENS, N_EMBD);
    for (int t = 0; t < N_TOKENS; t++) {
      probeInput.set(1, t, ONE);
    }
    probeRouter = Tensor.random(random, 1.0, N_EXPERT, N_EMBD);
  }

  record Case(Tensor input, Tensor router, Tensor up, Tensor gate, Tensor down, int k) {
    MoeOracles.MoeResult oracle() {
      return MoeOracles.moeFfnBlock(input, router, up, gate, down, k);
    }

    Npy.Array run() {
      return program.run("moe_ffn_block", 1, input, router, up, gate, down, k).get(0);
    }
  }

  /** The probe weights described in the class comment, behind the given input and router. */
  private static Case probe(Tensor input, Tensor router, int k) {
    Tensor up = Tensor.fill(ix -> ix[1] == ONE ? 128 : 0, N_FF, N_EMBD, N_EXPERT);
    Tensor gate = Tensor.fill(ix -> ix[1] == ONE ? 1.0 / 128 : 0, N_FF, N_EMBD, N_EXPERT);
    Tensor down = Tensor.fill(ix -> ix[0] == ix[2] && ix[1] == 0 ? 1 : 0, N_EMBD, N_FF, N_EXPERT);
    return new Case(input, router, up, gate, down, k);
  }

  /** What the probe must return: [n_tokens, n_embd], the weight of each selected expert. */
  private static Tensor routingMatrix(int[][] expertIds, double[][] weights) {
    Tensor expected = Tensor.zeros(N_TOKENS, N_EMBD);
    for (int j = 0; j < expertIds.length; j++) {
      for (int t = 0; t < N_TOKENS; t++) {
        expected.set(weights[j][t], t, expertIds[j][t]);
      }
    }
    return expected;
  }

  /** The experts whose probe channels are non-zero, per token. */
  private static List<Set<Integer>> selected(float[] out) {
    List<Set<Integer>> selected = new ArrayList<>();
    for (int t = 0; t < N_TOKENS; t++) {
      Set<Integer> experts = new TreeSet<>();
      for (int c = 0; c < N_EMBD; c++) {
        if (out[t * N_EMBD + c] != 0.0f) {
          experts.add(c);
        }
      }
      selected.add(experts);
    }
    return selected;
  }

  @Test
  void probeWeightsTurnTheOutputIntoTheRoutingMatrix() {
    // The probe is only as good as this identity: with every expert's FFN output at exactly 1 in
    // row 0, the oracle's output is its own routing matrix.
    MoeOracles.MoeResult oracle = probe(probeInput, probeRouter, 2).oracle();
    Tensor routing = routingMatrix(oracle.expertIds(), oracle.routingWeights());
    assertEquals(Arrays.toString(routing.data), Arrays.toString(oracle.output().data));
  }

  @Test
  void forcedRoutingSelectsTheHandChosenExpertsWithSoftmaxWeights() {
    // Token t has 4 in channel t; expert e's router row reads channel e with weight 1 and
    // channel e - 1 with weight 0.5. So token t's logits are 4 for expert t, 2 for expert t + 1
    // and 0 for the other four: it goes to experts t and t + 1, with weights e^4 / z and e^2 / z,
    // z = e^4 + e^2 + 4 (a softmax over all six experts).
    Tensor input = Tensor.fill(ix -> ix[1] == ix[0] ? 4 : ix[1] == ONE ? 1 : 0, N_TOKENS, N_EMBD);
    Tensor router =
        Tensor.fill(
            ix -> ix[1] == ix[0] ? 1 : ix[1] == (ix[0] + N_EXPERT - 1) % N_EXPERT ? 0.5 : 0,
            N_EXPERT,
            N_EMBD);
    double z = Math.exp(4) + Math.exp(2) + 4;
    Tensor expected = Tensor.zeros(N_TOKENS, N_EMBD);
    for (int t = 0; t < N_TOKENS; t++) {
      expected.set(Math.exp(4) / z, t, t);
      expected.set(Math.exp(2) / z, t, t + 1);
    }
    Npy.Array out = probe(input, router, 2).run();
    for (int t = 0; t < N_TOKENS; t++) {
      assertEquals(Set.of(t, t + 1), selected(out.floats()).get(t), "experts of token " + t);
    }
    Approx.assertAllClose(expected, out, "moe_ffn_block forced routing");
  }

  @Test
  void probeRoutingHasNoNearTies() {
    MoeOracles.MoeResult oracle = probe(probeInput, probeRouter, N_EXPERT).oracle();
    for (int k = 1; k < N_EXPERT; k++) {
      assertNoNearTie(oracle, k);
    }
  }

  /**
   * The k-th and (k+1)-th most probable experts of every token are far apart: otherwise f32
   * rounding could legitimately pick another expert than the double-precision oracle.
   */
  private static void assertNoNearTie(MoeOracles.MoeResult oracle, int k) {
    for (int t = 0; t < N_TOKENS; t++) {
      double[] sorted = new double[N_EXPERT];
      for (int e = 0; e < N_EXPERT; e++) {
        sorted[e] = -oracle.probabilities()[e][t];
      }
      Arrays.sort(sorted);
      assertTrue(
          sorted[k] - sorted[k - 1] > 1e-4,
          "test input: near tie between experts " + k + " and " + (k + 1) + " of token " + t);
    }
  }

  @Test
  void topTwoSelectsTheOraclesExpertsWithTheirProbabilities() {
    checkTopK(2);
  }

  @Test
  void topThreeSelectsTheOraclesExpertsWithTheirProbabilities() {
    checkTopK(3);
  }

  private static void checkTopK(int k) {
    Case probe = probe(probeInput, probeRouter, k);
    MoeOracles.MoeResult oracle = probe.oracle();
    assertNoNearTie(oracle, k);
    Npy.Array out = probe.run();
    List<Set<Integer>> selected = selected(out.floats());
    for (int t = 0; t < N_TOKENS; t++) {
      Set<Integer> expected = new TreeSet<>();
      for (int j = 0; j < k; j++) {
        expected.add(oracle.expertIds()[j][t]);
      }
      assertEquals(expected, selected.get(t), "top-" + k + " experts of token " + t);
    }
    Approx.assertAllClose(
        routingMatrix(oracle.expertIds(), oracle.routingWeights()),
        out,
        "moe_ffn_block top-" + k + " routing weights");
  }

  @Test
  void routingWeightsAreTheSoftmaxOverAllExperts() {
    // With every expert used, the probe shows the whole softmax: every expert gets a positive
    // weight, each token's weights sum to 1, and they equal the oracle's probabilities.
    Case probe = probe(probeInput, probeRouter, N_EXPERT);
    MoeOracles.MoeResult oracle = probe.oracle();
    Npy.Array out = probe.run();
    float[] weights = out.floats();
    for (int t = 0; t < N_TOKENS; t++) {
      double sum = 0;
      for (int e = 0; e < N_EXPERT; e++) {
        float w = weights[t * N_EMBD + e];
        assertTrue(w > 0 && w < 1, "weight of expert " + e + " for token " + t + ": " + w);
        sum += w;
      }
      assertEquals(1.0, sum, N_EXPERT * Approx.ATOL, "sum of the weights of token " + t);
    }
    Tensor probabilities = Tensor.zeros(N_TOKENS, N_EMBD);
    for (int t = 0; t < N_TOKENS; t++) {
      for (int e = 0; e < N_EXPERT; e++) {
        probabilities.set(oracle.probabilities()[e][t], t, e);
      }
    }
    Approx.assertAllClose(probabilities, out, "moe_ffn_block softmax over all experts");
  }

  @Test
  void selectedWeightsAreNotRenormalized() {
    // The k selected weights keep their softmax values: with 2 of 6 experts they sum to less
    // than 1 by the probability of the other four.
    Case probe = probe(probeInput, probeRouter, 2);
    MoeOracles.MoeResult oracle = probe.oracle();
    float[] out = probe.run().floats();
    for (int t = 0; t < N_TOKENS; t++) {
      double sum = 0;
      for (int c = 0; c < N_EMBD; c++) {
        sum += out[t * N_EMBD + c];
      }
      double expected = oracle.routingWeights()[0][t] + oracle.routingWeights()[1][t];
      assertTrue(expected < 1 - 1e-3, "test input: the other experts must carry weight");
      assertEquals(expected, sum, 2 * (Approx.ATOL + Approx.RTOL), "weights of token " + t);
    }
  }

  /** A random configuration with scaled projections, so activations stay of order 1. */
  private static Case randomCase(long seed, int k) {
    Random random = new Random(seed);
    Tensor input = Tensor.random(random, 1.0, N_TOKENS, N_EMBD);
    Tensor router = Tensor.random(random, 1.0, N_EXPERT, N_EMBD);
    double inScale = 1 / Math.sqrt(N_EMBD);
    double ffScale = 1 / Math.sqrt(N_FF);
    Tensor up = Tensor.random(random, inScale, N_FF, N_EMBD, N_EXPERT);
    Tensor gate = Tensor.random(random, inScale, N_FF, N_EMBD, N_EXPERT);
    Tensor down = Tensor.random(random, ffScale, N_EMBD, N_FF, N_EXPERT);
    return new Case(input, router, up, gate, down, k);
  }

  @Test
  void fullForwardWithSmallDimensionsEqualsTheOracle() {
    Case c = randomCase(0x5EED_0202L, 2);
    MoeOracles.MoeResult oracle = c.oracle();
    assertNoNearTie(oracle, 2);
    Npy.Array out = c.run();
    for (float v : out.floats()) {
      assertTrue(Float.isFinite(v), () -> "non-finite output " + Arrays.toString(out.floats()));
    }
    Approx.assertAllClose(oracle.output(), out, "moe_ffn_block top-2");
  }

  @Test
  void fullForwardWithThreeExpertsPerTokenEqualsTheOracle() {
    Case c = randomCase(0x5EED_0203L, 3);
    MoeOracles.MoeResult oracle = c.oracle();
    assertNoNearTie(oracle, 3);
    Approx.assertAllClose(oracle.output(), c.run(), "moe_ffn_block top-3");
  }
}
