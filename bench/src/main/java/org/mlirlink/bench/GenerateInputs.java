package org.mlirlink.bench;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
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
 *       megabytes (decimal: MB x 1 000 000 hex digits), with a main module declaring it ({@code
 *       blob_main_MB.mlir}). Written in 64 KB chunks, never held in memory, so sizes of several
 *       GB (up to 4 000 MB and beyond) cost no more heap than 1 MB does;
 *   <li>{@code chain_N.mlir}: {@code module @lib} with N functions {@code @f0 .. @f(N-1)}, each
 *       calling the next and the last returning its argument (about 110 bytes a function: 200 000
 *       make about 22 MB), and {@code chain_main_N.mlir} declaring {@code @lib.f0} and calling it,
 *       so that linking it pulls in every function of the chain.
 * </ul>
 *
 * <pre>{@code
 * java -cp bench.jar org.mlirlink.bench.GenerateInputs OUT_DIR lib 20000 1000
 * java -cp bench.jar org.mlirlink.bench.GenerateInputs OUT_DIR blob 50
 * java -cp bench.jar org.mlirlink.bench.GenerateInputs OUT_DIR chain 200000
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
      case "chain" -> {
        int functions = Integer.parseInt(args[2]);
        chain(out.resolve("chain_" + functions + ".mlir"), functions);
        chainMain(out.resolve("chain_main_" + functions + ".mlir"));
      }
      default ->
          throw new IllegalArgumentException("usage: OUT_DIR (lib N K | blob MB | chain N)");
    }
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
    String tensor = "tensor<" + elements + "xf32>";
    try (OutputStream out = stream(dir.resolve("blob_" + megabytes + ".mlir"))) {
      ascii(out, "module @weights {\n");
      ascii(out, "  func.func @get() -> " + tensor + " {\n");
      ascii(out, "    %0 = arith.constant dense_resource<blob0> : " + tensor + "\n");
      ascii(out, "    return %0 : " + tensor + "\n  }\n}\n\n");
      ascii(out, "{-#\n  dialect_resources: {\n    builtin: {\n      blob0: \"0x04000000");
      // The same digits, one draw each, as when this wrote chars: the files are unchanged.
      byte[] chunk = new byte[1 << 16];
      byte[] hex = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
      Random random = new Random(7);
      long remaining = elements * 8;
      while (remaining > 0) {
        int n = (int) Math.min(chunk.length, remaining);
        for (int i = 0; i < n; i++) {
          chunk[i] = hex[random.nextInt(16)];
        }
        out.write(chunk, 0, n);
        remaining -= n;
      }
      ascii(out, "\"\n    }\n  }\n#-}\n");
    }
    try (Writer w = writer(dir.resolve("blob_main_" + megabytes + ".mlir"))) {
      w.write("module @main {\n");
      w.write("  func.func private @weights.get() -> " + tensor + "\n");
      w.write("}\n");
    }
  }

  static void chain(Path file, int functions) throws IOException {
    try (Writer w = writer(file)) {
      w.write("module @lib {\n");
      for (int i = 0; i < functions; i++) {
        w.write("  func.func @f" + i + "(%a: i32) -> i32 {\n");
        if (i + 1 < functions) {
          w.write("    %r = func.call @f" + (i + 1) + "(%a) : (i32) -> i32\n");
          w.write("    return %r : i32\n");
        } else {
          w.write("    return %a : i32\n");
        }
        w.write("  }\n");
      }
      w.write("}\n");
    }
  }

  static void chainMain(Path file) throws IOException {
    try (Writer w = writer(file)) {
      w.write("module @main {\n");
      w.write("  func.func private @lib.f0(i32) -> i32\n");
      w.write("  func.func @run(%x: i32) -> i32 {\n");
      w.write("    %r = func.call @lib.f0(%x) : (i32) -> i32\n");
      w.write("    return %r : i32\n");
      w.write("  }\n");
      w.write("}\n");
    }
  }

  private static Writer writer(Path file) throws IOException {
    return new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
  }

  private static OutputStream stream(Path file) throws IOException {
    return new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
  }

  private static void ascii(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.US_ASCII));
  }
}
