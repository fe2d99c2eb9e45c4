package org.mlirlink.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes the benchmark inputs, deterministically (fixed seed), in upstream dialects only so that
 * {@code mlir-opt-22} can parse and print the same files:
 *
 * <ul>
 *   <li>{@code lib_N.mlir}: {@code module @lib} with N small linalg functions, every tenth
 *       calling the one before it (about 650 bytes a function: 20 000 make about 13 MB);
 *   <li>{@code main_N_K.mlir}: a module declaring K of them ({@code @lib.fn_I}) and calling them;
 *   <li>{@code blob_MB.mlir}: one function using a {@code dense_resource} whose hex blob is MB
 *       megabytes, with a main module declaring it.
 * </ul>
 *
 * <pre>{@code
 * java -cp bench.jar org.mlirlink.bench.GenerateInputs OUT_DIR lib 20000 1000
 * java -cp bench.jar org.mlirlink.bench.GenerateInputs OUT_DIR blob 50
 * }</pre>
 */
public final class GenerateInputs {
  private static final String TYPE = "tensor<16x16xf32>";

  private GenerateInputs() {}

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args[0]);
    Files.createDirectories(out);
    switch (args[1]) {
      case "lib" -> {
        int functions = Integer.parseInt(args[2]);
        int declared = Integer.parseInt(args[3]);
        library(out.resolve("lib_" + functions + ".mlir"), functions);
        main(out.resolve("main_" + functions + "_" + declared + ".mlir"), functions, declared);
      }
      case "blob" -> blob(out, Integer.parseInt(args[2]));
      default -> throw new IllegalArgumentException("usage: OUT_DIR (lib N K | blob MB)");
    }
  }

  /** Functions needed for about {@code megabytes} MB of library. */
  public static int functionsFor(int megabytes) {
    return megabytes * 1_000_000 / 650;
  }

  static void library(Path file, int functions) throws IOException {
    Random random = new Random(42);
    try (Writer w = writer(file)) {
      w.write("#map = affine_map<(d0, d1) -> (d0, d1)>\n");
      w.write("module @lib {\n");
      for (int i = 0; i < functions; i++) {
        String visibility = i % 10 == 5 ? "private " : "";
        w.write("  // fn_" + i + ": scaled elementwise product\n");
        w.write("  func.func " + visibility + "@fn_" + i + "(%arg0: " + TYPE + ", %arg1: " + TYPE + ") -> " + TYPE + " {\n");
        w.write("    %cst = arith.constant " + String.format("%.6e", random.nextDouble()) + " : f32\n");
        w.write("    %0 = tensor.empty() : " + TYPE + "\n");
        w.write("    %1 = linalg.generic {indexing_maps = [#map, #map, #map], iterator_types = [\"parallel\", \"parallel\"]}"
            + " ins(%arg0, %arg1 : " + TYPE + ", " + TYPE + ") outs(%0 : " + TYPE + ") {\n");
        w.write("    ^bb0(%in: f32, %in_0: f32, %out: f32):\n");
        w.write("      %2 = arith.mulf %in, %in_0 : f32\n");
        w.write("      %3 = arith.addf %2, %cst : f32\n");
        w.write("      linalg.yield %3 : f32\n");
        w.write("    } -> " + TYPE + "\n");
        if (i % 10 == 9) {
          w.write("    %4 = func.call @fn_" + (i - 1) + "(%1, %arg1) : (" + TYPE + ", " + TYPE + ") -> " + TYPE + "\n");
          w.write("    return %4 : " + TYPE + "\n");
        } else {
          w.write("    return %1 : " + TYPE + "\n");
        }
        w.write("  }\n");
      }
      w.write("}\n");
    }
  }

  static void main(Path file, int functions, int declared) throws IOException {
    try (Writer w = writer(file)) {
      w.write("module @main {\n");
      int step = Math.max(1, functions / declared);
      StringBuilder calls = new StringBuilder();
      int count = 0;
      for (int i = 0; i < functions && count < declared; i += step) {
        if (i % 10 == 5) {
          i++; // private in the library: not linkable from outside
        }
        w.write("  func.func private @lib.fn_" + i + "(" + TYPE + ", " + TYPE + ") -> " + TYPE + "\n");
        calls.append("    %r").append(count).append(" = func.call @lib.fn_").append(i)
            .append("(%a, %b) : (").append(TYPE).append(", ").append(TYPE).append(") -> ").append(TYPE).append('\n');
        count++;
      }
      w.write("  func.func @entry(%a: " + TYPE + ", %b: " + TYPE + ") -> " + TYPE + " {\n");
      w.write(calls.toString());
      w.write("    return %r0 : " + TYPE + "\n  }\n}\n");
    }
  }

  static void blob(Path dir, int megabytes) throws IOException {
    long elements = megabytes * 1_000_000L / 8; // f32 = 8 hex digits
    try (Writer w = writer(dir.resolve("blob_" + megabytes + ".mlir"))) {
      w.write("module @weights {\n");
      w.write("  func.func @get() -> tensor<" + elements + "xf32> {\n");
      w.write("    %0 = arith.constant dense_resource<blob0> : tensor<" + elements + "xf32>\n");
      w.write("    return %0 : tensor<" + elements + "xf32>\n  }\n}\n\n");
      w.write("{-#\n  dialect_resources: {\n    builtin: {\n      blob0: \"0x04000000");
      char[] chunk = new char[1 << 16];
      Random random = new Random(7);
      long remaining = elements * 8;
      String hex = "0123456789ABCDEF";
      while (remaining > 0) {
        int n = (int) Math.min(chunk.length, remaining);
        for (int i = 0; i < n; i++) {
          chunk[i] = hex.charAt(random.nextInt(16));
        }
        w.write(chunk, 0, n);
        remaining -= n;
      }
      w.write("\"\n    }\n  }\n#-}\n");
    }
    try (Writer w = writer(dir.resolve("blob_main_" + megabytes + ".mlir"))) {
      w.write("module @main {\n");
      w.write("  func.func private @weights.get() -> tensor<" + elements + "xf32>\n");
      w.write("}\n");
    }
  }

  private static Writer writer(Path file) throws IOException {
    return new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
  }
}
