package org.mlirlink.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import org.mlirlink.testing.Npy;

/** numpy.allclose-style comparison of a run's output with an oracle. */
final class Approx {
  static final double RTOL = 1e-5;
  static final double ATOL = 1e-6;

  private Approx() {}

  /**
   * Fails unless {@code actual} is an f32 array of the oracle's shape, close to it everywhere; see
   * {@link #assertAllClose(Tensor, float[], String)}.
   */
  static double assertAllClose(Tensor expected, Npy.Array actual, String what) {
    assertEquals("<f4", actual.descr(), what + ": element type");
    assertArrayEquals(IreeExecution.longs(expected.shape), actual.shape(), what + ": shape");
    return assertAllClose(expected, actual.floats(), what);
  }

  /**
   * Fails unless {@code |actual - expected| <= ATOL + RTOL * |expected|} everywhere. Returns the
   * largest {@code |actual - expected| / (ATOL + RTOL * |expected|)}: how much of the tolerance the
   * closest call used (at most 1 when it passes).
   */
  static double assertAllClose(Tensor expected, float[] actual, String what) {
    if (actual.length != expected.data.length) {
      fail(
          what
              + ": expected "
              + expected.data.length
              + " values (shape "
              + Arrays.toString(expected.shape)
              + "), got "
              + actual.length);
    }
    int bad = -1;
    double worst = 0;
    for (int i = 0; i < actual.length; i++) {
      double e = expected.data[i];
      double a = actual[i];
      double error = Math.abs(a - e);
      double allowed = ATOL + RTOL * Math.abs(e);
      if (!(error <= allowed)) { // also catches NaN
        if (bad < 0) {
          bad = i;
        }
      }
      worst = Math.max(worst, error / allowed);
    }
    if (bad >= 0) {
      fail(
          String.format(
              "%s: element %d (of shape %s) is %s, expected %s; worst error/allowed = %.3g%nexpected %s%nactual   %s",
              what,
              bad,
              Arrays.toString(expected.shape),
              actual[bad],
              expected.data[bad],
              worst,
              Arrays.toString(expected.data),
              Arrays.toString(actual)));
    }
    return worst;
  }
}
