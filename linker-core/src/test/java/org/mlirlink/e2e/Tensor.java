package org.mlirlink.e2e;

import java.util.Arrays;
import java.util.Random;

/**
 * A small dense row-major tensor of f32 values held as doubles, for the oracles and the inputs of
 * the execution tests.
 *
 * <p>Inputs are always built from {@code float}s, so writing them to a {@code .npy} as f32 is
 * exact; the oracles compute in double.
 */
final class Tensor {
  final int[] shape;
  final double[] data;

  Tensor(int[] shape, double[] data) {
    if (size(shape) != data.length) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(shape) + " does not hold " + data.length + " values");
    }
    this.shape = shape.clone();
    this.data = data;
  }

  static Tensor zeros(int... shape) {
    return new Tensor(shape, new double[size(shape)]);
  }

  /** Values drawn uniformly from [-scale, scale) and rounded to f32. */
  static Tensor random(Random random, double scale, int... shape) {
    double[] data = new double[size(shape)];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) ((random.nextDouble() * 2 - 1) * scale);
    }
    return new Tensor(shape, data);
  }

  /** A tensor whose value at each index is {@code f(index)}, rounded to f32. */
  static Tensor fill(IndexFunction f, int... shape) {
    Tensor t = zeros(shape);
    int[] index = new int[shape.length];
    for (int flat = 0; flat < t.data.length; flat++) {
      t.data[flat] = (float) f.at(index);
      for (int d = shape.length - 1; d >= 0; d--) {
        if (++index[d] < shape[d]) {
          break;
        }
        index[d] = 0;
      }
    }
    return t;
  }

  interface IndexFunction {
    double at(int[] index);
  }

  static int size(int... shape) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    return n;
  }

  int dim(int d) {
    return shape[d];
  }

  int offset(int... index) {
    int flat = 0;
    for (int d = 0; d < shape.length; d++) {
      if (index[d] < 0 || index[d] >= shape[d]) {
        throw new IndexOutOfBoundsException(
            Arrays.toString(index) + " in " + Arrays.toString(shape));
      }
      flat = flat * shape[d] + index[d];
    }
    return flat;
  }

  double get(int... index) {
    return data[offset(index)];
  }

  void set(double value, int... index) {
    data[offset(index)] = value;
  }

  @Override
  public String toString() {
    return "Tensor" + Arrays.toString(shape) + Arrays.toString(data);
  }
}
