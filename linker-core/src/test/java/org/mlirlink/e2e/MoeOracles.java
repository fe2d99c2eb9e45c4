package org.mlirlink.e2e;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * What the MoE components compute ({@code mul_mat_id}, {@code swiglu}, {@code moe_ffn_block}),
 * written plainly in Java and computed in double precision. Shapes follow the components'
 * conventions, noted on each method.
 */
final class MoeOracles {
  private MoeOracles() {}

  /** {@code silu(x) = x / (1 + exp(-x))}. */
  static double silu(double x) {
    return x / (1 + Math.exp(-x));
  }

  /** {@code swiglu(gate, up) = gate * silu(up)}, elementwise; both operands of one shape. */
  static Tensor swiglu(Tensor gate, Tensor up) {
    if (!Arrays.equals(gate.shape, up.shape)) {
      throw new IllegalArgumentException("swiglu operands differ in shape");
    }
    Tensor out = Tensor.zeros(gate.shape);
    for (int i = 0; i < out.data.length; i++) {
      out.data[i] = gate.data[i] * silu(up.data[i]);
    }
    return out;
  }

  /**
   * Expert-selected matrix multiply.
   *
   * @param expertWeights [n_out, n_in, n_expert]
   * @param input [n_in, n_expert_used, n_tokens]
   * @param expertIds [n_expert_used][n_tokens]
   * @return [n_out, n_expert_used, n_tokens]: {@code out[o][e][t] = sum_i W[o][i][ids[e][t]] *
   *     input[i][e][t]}
   */
  static Tensor mulMatId(Tensor expertWeights, Tensor input, int[][] expertIds) {
    int nOut = expertWeights.dim(0);
    int nIn = expertWeights.dim(1);
    int nExpert = expertWeights.dim(2);
    int nUsed = expertIds.length;
    int nTokens = expertIds[0].length;
    if (input.dim(0) != nIn || input.dim(1) != nUsed || input.dim(2) != nTokens) {
      throw new IllegalArgumentException("input shape " + Arrays.toString(input.shape));
    }
    Tensor out = Tensor.zeros(nOut, nUsed, nTokens);
    for (int e = 0; e < nUsed; e++) {
      for (int t = 0; t < nTokens; t++) {
        int expert = expertIds[e][t];
        if (expert < 0 || expert >= nExpert) {
          throw new IllegalArgumentException("expert id " + expert + " out of range");
        }
        for (int o = 0; o < nOut; o++) {
          double acc = 0;
          for (int i = 0; i < nIn; i++) {
            acc += expertWeights.get(o, i, expert) * input.get(i, e, t);
          }
          out.set(acc, o, e, t);
        }
      }
    }
    return out;
  }

  /**
   * What the MoE block computes, plus the routing decisions that a test can check.
   *
   * @param output [n_tokens, n_embd]
   * @param expertIds [n_expert_used][n_tokens], best expert first
   * @param routingWeights [n_expert_used][n_tokens], the softmax probabilities of those experts
   * @param probabilities [n_expert][n_tokens], the full router softmax
   */
  record MoeResult(
      Tensor output, int[][] expertIds, double[][] routingWeights, double[][] probabilities) {}

  /**
   * The full MoE FFN block.
   *
   * @param input [n_tokens, n_embd]
   * @param routerWeights [n_expert, n_embd]
   * @param upWeights [n_ff, n_embd, n_expert]
   * @param gateWeights [n_ff, n_embd, n_expert]
   * @param downWeights [n_embd, n_ff, n_expert]
   * @param nExpertUsed top-k
   */
  static MoeResult moeFfnBlock(
      Tensor input,
      Tensor routerWeights,
      Tensor upWeights,
      Tensor gateWeights,
      Tensor downWeights,
      int nExpertUsed) {
    int nTokens = input.dim(0);
    int nEmbd = input.dim(1);
    int nExpert = routerWeights.dim(0);

    // 1. Router logits [n_expert, n_tokens] = router_weights @ input^T.
    double[][] logits = new double[nExpert][nTokens];
    for (int x = 0; x < nExpert; x++) {
      for (int t = 0; t < nTokens; t++) {
        double acc = 0;
        for (int c = 0; c < nEmbd; c++) {
          acc += routerWeights.get(x, c) * input.get(t, c);
        }
        logits[x][t] = acc;
      }
    }

    // 2. Softmax over experts.
    double[][] probs = new double[nExpert][nTokens];
    for (int t = 0; t < nTokens; t++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int x = 0; x < nExpert; x++) {
        max = Math.max(max, logits[x][t]);
      }
      double sum = 0;
      for (int x = 0; x < nExpert; x++) {
        probs[x][t] = Math.exp(logits[x][t] - max);
        sum += probs[x][t];
      }
      for (int x = 0; x < nExpert; x++) {
        probs[x][t] /= sum;
      }
    }

    // 3. Top-k: a stable sort by descending probability, so ties go to the lowest expert index.
    int[][] ids = new int[nExpertUsed][nTokens];
    double[][] weights = new double[nExpertUsed][nTokens];
    for (int t = 0; t < nTokens; t++) {
      final int token = t;
      Integer[] order = IntStream.range(0, nExpert).boxed().toArray(Integer[]::new);
      Arrays.sort(order, Comparator.comparingDouble((Integer x) -> -probs[x][token]));
      for (int j = 0; j < nExpertUsed; j++) {
        ids[j][t] = order[j];
        weights[j][t] = probs[order[j]][t];
      }
    }

    // 4. Replicate input: [n_embd, n_expert_used, n_tokens].
    Tensor inputRep = Tensor.zeros(nEmbd, nExpertUsed, nTokens);
    for (int c = 0; c < nEmbd; c++) {
      for (int j = 0; j < nExpertUsed; j++) {
        for (int t = 0; t < nTokens; t++) {
          inputRep.set(input.get(t, c), c, j, t);
        }
      }
    }

    // 5-8. Expert projections and activation.
    Tensor up = mulMatId(upWeights, inputRep, ids);
    Tensor gate = mulMatId(gateWeights, inputRep, ids);
    Tensor activated = swiglu(gate, up);
    Tensor down = mulMatId(downWeights, activated, ids);

    // 9-10. Weight, sum over the selected experts, transpose to [n_tokens, n_embd].
    Tensor out = Tensor.zeros(nTokens, nEmbd);
    for (int t = 0; t < nTokens; t++) {
      for (int c = 0; c < nEmbd; c++) {
        double acc = 0;
        for (int j = 0; j < nExpertUsed; j++) {
          acc += down.get(c, j, t) * weights[j][t];
        }
        out.set(acc, t, c);
      }
    }
    return new MoeResult(out, ids, weights, probs);
  }
}
