package org.mlirlink.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mlirlink.LinkResult;
import org.mlirlink.Linker;
import org.mlirlink.Source;
import org.mlirlink.testing.IreeTools;
import org.mlirlink.testing.MlirTools;
import org.mlirlink.testing.Npy;

/**
 * {@code linkAndCompile}: the one way the execution tests build what they run. It links a main
 * module with its libraries through our library API ({@link Linker}, the component files
 * themselves, nothing rewritten for the test), compiles the linked text with the real {@code
 * iree-compile} ({@link IreeTools#compile}, cached per text) and returns a {@link Program} whose
 * public functions run with {@code iree-run-module}: inputs are written as {@code .npy} by Java and
 * results read back from {@code .npy}, so values cross the process boundary bit for bit.
 *
 * <pre>{@code
 * Program p = IreeExecution.linkAndCompile(component("moe/mul_mat_id.mlir"), List.of());
 * float[] out = p.run("mul_mat_id", 1, weights, input, Npy.Array.i32(ids, k, n)).get(0).floats();
 * }</pre>
 *
 * <p>{@code iree-run-module} names a function by its plain name ({@code --function=mul_mat_id}):
 * the module's own name ({@code @moe_components}) becomes the VM module's name, not a prefix.
 */
final class IreeExecution {
  private IreeExecution() {}

  /** A file under {@code components/}. */
  static Path component(String relative) {
    return MlirTools.projectRoot().resolve("components").resolve(relative);
  }

  /** Links {@code main} with the given modules through the library API; fails with diagnostics. */
  static String link(Source main, List<Path> linkModules) {
    var builder = Linker.builder().main(main);
    for (Path module : linkModules) {
      builder = builder.linkModule(Source.of(module));
    }
    LinkResult result = builder.build().link();
    assertTrue(result.succeeded(), () -> "link failed:\n" + result.formattedDiagnostics());
    return result.text();
  }

  /** Links the component file {@code main} with {@code libraries} and compiles the result. */
  static Program linkAndCompile(Path main, List<Path> libraries) {
    return linkAndCompile(Source.of(main), libraries);
  }

  /** Links {@code main} with {@code libraries} and compiles the result; fails on either error. */
  static Program linkAndCompile(Source main, List<Path> libraries) {
    String linked = link(main, libraries);
    Path vmfb = IreeTools.compile(linked).require("the linked " + main.name() + ":\n" + linked);
    return new Program(linked, vmfb);
  }

  /** A compiled, linked module: its linked text and its {@code .vmfb}. */
  record Program(String linked, Path vmfb) {
    /**
     * Runs {@code function}, which returns {@code results} values, on {@code args}: a {@link
     * Tensor} goes in as an f32 array of its shape, an {@link Npy.Array} as itself, a {@link
     * Number} as a scalar (an {@code index} or integer argument).
     */
    List<Npy.Array> run(String function, int results, Object... args) {
      Path dir = null;
      try {
        dir = Files.createTempDirectory("mlirlink-iree-inputs");
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
          Object arg = args[i];
          if (arg instanceof Number number) {
            inputs.add(number.toString());
          } else {
            Npy.Array array = arg instanceof Tensor t ? f32(t) : (Npy.Array) arg;
            inputs.add("@" + Npy.write(dir.resolve("arg" + i + ".npy"), array));
          }
        }
        IreeTools.Results out = IreeTools.runModule(vmfb, function, inputs, results);
        List<Npy.Array> arrays = new ArrayList<>();
        for (int i = 0; i < results; i++) {
          arrays.add(out.get(i));
        }
        return arrays;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        if (dir != null) {
          MlirTools.deleteRecursively(dir);
        }
      }
    }
  }

  /** The tensor as an f32 {@code .npy} array; exact, since a {@link Tensor} holds f32 values. */
  static Npy.Array f32(Tensor t) {
    float[] values = new float[t.data.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) t.data[i];
    }
    return Npy.Array.f32(values, longs(t.shape));
  }

  /** A [rows][cols] matrix as an i32 {@code .npy} array. */
  static Npy.Array i32(int[][] values) {
    int rows = values.length;
    int cols = values[0].length;
    int[] flat = new int[rows * cols];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(values[r], 0, flat, r * cols, cols);
    }
    return Npy.Array.i32(flat, rows, cols);
  }

  static long[] longs(int[] shape) {
    long[] out = new long[shape.length];
    for (int i = 0; i < shape.length; i++) {
      out[i] = shape[i];
    }
    return out;
  }
}
