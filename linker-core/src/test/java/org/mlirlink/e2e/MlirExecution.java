package org.mlirlink.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.mlirlink.LinkResult;
import org.mlirlink.Linker;
import org.mlirlink.Source;
import org.mlirlink.testing.MlirTools;

/**
 * The seed's {@code link_and_compile}, with our linker in place of {@code iree-link} and upstream
 * MLIR in place of {@code iree-compile}: links a driver with component files through the library
 * API, lowers the result to LLVM with {@code mlir-opt-22}, runs {@code main} with {@code
 * mlir-runner-22} and parses what {@link DriverModule#print} printed.
 */
final class MlirExecution {
  private MlirExecution() {}

  /**
   * The lowering. {@code fold-memref-alias-ops} and {@code resolve-ranked-shaped-type-result-dims}
   * fold away the {@code memref.expand_shape}s that split one dynamic dimension into two: MLIR 22's
   * {@code expand-strided-metadata} crashes on those (mul_mat_id's [batch, n_out] -> [n_expert_used,
   * n_tokens, n_out]).
   */
  static final List<String> PASSES =
      List.of(
          "one-shot-bufferize{bufferize-function-boundaries"
              + " function-boundary-type-conversion=identity-layout-map}",
          "convert-linalg-to-loops",
          "fold-memref-alias-ops",
          "resolve-ranked-shaped-type-result-dims",
          "canonicalize",
          "expand-strided-metadata",
          "lower-affine",
          "convert-scf-to-cf",
          "convert-vector-to-llvm",
          "convert-math-to-llvm",
          "convert-arith-to-llvm",
          "convert-index-to-llvm",
          "finalize-memref-to-llvm",
          "convert-cf-to-llvm",
          "convert-func-to-llvm",
          "reconcile-unrealized-casts");

  static String passPipeline() {
    return "builtin.module(" + String.join(",", PASSES) + ")";
  }

  /** A file under {@code testdata/e2e/}. */
  static Path twin(String relative) {
    return MlirTools.projectRoot().resolve("testdata/e2e").resolve(relative);
  }

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

  /**
   * Links the driver with the component files, lowers, runs, and returns one float array per
   * {@link DriverModule#print} call, in order.
   */
  static List<float[]> linkAndRun(DriverModule driver, List<Path> linkModules) {
    String linked = link(Source.of("driver.mlir", driver.text()), linkModules);
    return lowerAndRun(linked, driver.printedCount());
  }

  /** Lowers already linked text to LLVM, runs {@code main} and parses {@code expectedResults}. */
  static List<float[]> lowerAndRun(String linked, int expectedResults) {
    Path opt = MlirTools.require(MlirTools.OPT);
    Path runner = MlirTools.require(MlirTools.RUNNER);
    Path runtime = runtimeLibrary(runner, "libmlir_c_runner_utils");
    Path dir = createTempDir();
    boolean keep = true;
    try {
      Path input = dir.resolve("linked.mlir");
      Path lowered = dir.resolve("lowered.mlir");
      Files.writeString(input, linked, StandardCharsets.UTF_8);
      MlirTools.Run lowering =
          MlirTools.run(
              List.of(opt.toString(), input.toString(), "--pass-pipeline=" + passPipeline(),
                  "-o", lowered.toString()),
              null);
      if (!lowering.ok()) {
        fail("mlir-opt failed on " + input + " (kept):\n" + lowering.stderr());
      }
      MlirTools.Run run =
          MlirTools.run(
              List.of(runner.toString(), lowered.toString(), "-e", "main",
                  "-entry-point-result=void", "-shared-libs=" + runtime),
              null);
      if (!run.ok()) {
        fail("mlir-runner failed on " + lowered + " (kept), exit " + run.exitCode() + ":\n"
            + run.stderr());
      }
      List<float[]> results = parse(run.stdout(), expectedResults);
      keep = false;
      return results;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (!keep) {
        MlirTools.deleteRecursively(dir);
      }
    }
  }

  /** Parses "count, then count i32 bit patterns" groups, one number per line. */
  static List<float[]> parse(String stdout, int expectedResults) {
    List<Long> numbers = new ArrayList<>();
    for (String line : stdout.split("\\R")) {
      String trimmed = line.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      try {
        numbers.add(Long.parseLong(trimmed));
      } catch (NumberFormatException e) {
        fail("unexpected line in the program's output: '" + line + "'\n" + stdout);
      }
    }
    List<float[]> results = new ArrayList<>();
    int at = 0;
    while (at < numbers.size()) {
      int count = Math.toIntExact(numbers.get(at++));
      if (count < 0 || at + count > numbers.size()) {
        fail("truncated output: a result of " + count + " values at line " + at);
      }
      float[] values = new float[count];
      for (int i = 0; i < count; i++) {
        values[i] = Float.intBitsToFloat((int) (long) numbers.get(at++));
      }
      results.add(values);
    }
    if (results.size() != expectedResults) {
      fail("expected " + expectedResults + " printed results, got " + results.size());
    }
    return results;
  }

  /** Finds {@code base.so} or a versioned {@code base.so.*} next to the runner's LLVM install. */
  static Path runtimeLibrary(Path runner, String base) {
    List<Path> dirs = new ArrayList<>();
    try {
      dirs.add(runner.toRealPath().getParent().resolveSibling("lib"));
    } catch (IOException | RuntimeException e) {
      // fall back to the well-known locations
    }
    dirs.add(Path.of("/usr/lib/llvm-22/lib"));
    dirs.add(Path.of("/usr/lib/x86_64-linux-gnu"));
    dirs.add(Path.of("/usr/lib"));
    for (Path dir : dirs) {
      Path exact = dir.resolve(base + ".so");
      if (Files.isRegularFile(exact)) {
        return exact;
      }
      if (Files.isDirectory(dir)) {
        try (Stream<Path> files = Files.list(dir)) {
          Path versioned =
              files
                  .filter(p -> p.getFileName().toString().startsWith(base + ".so."))
                  .min(Comparator.naturalOrder())
                  .orElse(null);
          if (versioned != null) {
            return versioned;
          }
        } catch (IOException e) {
          // try the next folder
        }
      }
    }
    String message = base + ".so not found near " + runner + " (it ships in Debian's libmlir-22)";
    if (System.getenv("CI") != null) {
      fail(message);
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(false, message);
    return null;
  }

  private static Path createTempDir() {
    try {
      return Files.createTempDirectory("mlirlink-e2e");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
