package org.mlirlink.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mlirlink.diagnostic.DiagnosticCode;
import org.mlirlink.diagnostic.Diagnostic;
import org.mlirlink.workspace.TextLocation;
import org.mlirlink.workspace.Workspace;

/**
 * Times the workspace API as an editor uses it, over a folder {@code ROOT} holding a library (the
 * generated {@code lib_20000.mlir}) and a copy of the project's {@code components/}, with {@code
 * BLOCK} the MoE block document in it ({@code ROOT/components/moe/moe_ffn_block.mlir}).
 *
 * <ul>
 *   <li>{@code cold}: what an editor waits for when its language server starts. Creates the
 *       workspace and asks for the diagnostics of {@code BLOCK}, once, then prints the time from
 *       the JVM's start to the answer ({@code jvm_to_diagnostics_ms}: the JVM's own uptime, so the
 *       few milliseconds before the JVM starts counting are not in it; time the whole process
 *       beside it), from {@code main} to the answer, and the workspace's constructor alone. Run
 *       it in a new JVM each time, with the CLI launcher's flags.
 *   <li>{@code warm}: what an editor waits for as the user types. Opens {@code BLOCK} with one line
 *       changed, {@code WARMUP + RUNS} times, each text different from the last: every other edit
 *       changes a constant in the function body (no diagnostic), the others change a type in the
 *       declaration of {@code @moe_components.mul_mat_id} (a type mismatch with its definition in
 *       another document). After each edit it times {@code diagnostics(BLOCK)}, then {@code
 *       definition} on the call of {@code @moe_components.mul_mat_id}; and, after a second edit
 *       with no diagnostics asked in between, {@code definition} as the first query. Prints the
 *       minimum, median and maximum milliseconds of the {@code RUNS} measured edits. Every answer
 *       is checked (the mismatch reported or not, the definition found in {@code mul_mat_id.mlir}),
 *       so a fast wrong answer fails the run. Last, the heap the workspace keeps after a full
 *       collection ({@code retained_heap_mb}).
 * </ul>
 *
 * <pre>{@code
 * root=$(mktemp -d); cp bench/out/lib_20000.mlir "$root"; cp -r components "$root"
 * block=$root/components/moe/moe_ffn_block.mlir
 * java -XX:TieredStopAtLevel=1 -XX:+UseParallelGC -XX:+UseTransparentHugePages -Xss16m \
 *     -cp bench/target/mlir-link-bench.jar org.mlirlink.bench.WorkspaceBench cold "$root" "$block"
 * # cold jvm_to_diagnostics_ms 612.0 main_to_diagnostics_ms 571.3 workspace_ms 2.1 diagnostics 0 documents 6
 * java -Xss16m -cp bench/target/mlir-link-bench.jar org.mlirlink.bench.WorkspaceBench \
 *     warm "$root" "$block" 200 200
 * # warm first_diagnostics_ms 812.4 diagnostics_ms min 0.13 median 0.20 max 16.56 definition_ms min ...
 * }</pre>
 */
public final class WorkspaceBench {
  private static final String CALLEE = "@moe_components.mul_mat_id";

  private WorkspaceBench() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 3 || !(args[0].equals("cold") && args.length == 3
        || args[0].equals("warm") && args.length == 5)) {
      System.err.println("usage: WorkspaceBench cold ROOT BLOCK | warm ROOT BLOCK WARMUP RUNS");
      System.exit(2);
    }
    Path root = Path.of(args[1]);
    Path block = Path.of(args[2]);
    if (args[0].equals("cold")) {
      cold(root, block);
    } else {
      warm(root, block, Integer.parseInt(args[3]), Integer.parseInt(args[4]));
    }
    // The workspace may keep threads of its own: the process ends when the answers are printed.
    System.exit(0);
  }

  private static void cold(Path root, Path block) {
    long start = System.nanoTime();
    Workspace workspace = new Workspace(List.of(root));
    long made = System.nanoTime();
    List<Diagnostic> diagnostics = workspace.diagnostics(block);
    long answered = System.nanoTime();
    // The management classes load only now, after the answer, so that they are not timed.
    long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
    double sinceAnswer = (System.nanoTime() - answered) / 1e6;
    System.out.printf(
        "cold jvm_to_diagnostics_ms %.1f main_to_diagnostics_ms %.1f workspace_ms %.1f"
            + " diagnostics %d documents %d%n",
        uptime - sinceAnswer, (answered - start) / 1e6, (made - start) / 1e6,
        diagnostics.size(), workspace.documents().size());
  }

  private static void warm(Path root, Path block, int warmup, int runs) throws IOException {
    String original = Files.readString(block);
    String[] lines = original.split("\n", -1);
    int constantLine = lineOf(lines, "%zero = arith.constant 0.000000e+00 : f32");
    int typeLine = lineOf(lines, "tensor<?x?x?xf32>, tensor<?x?x?xf32>, tensor<?x?xi32>");
    if (typeLine < lineOf(lines, "util.func private " + CALLEE)) {
      throw new IllegalStateException("the declaration's types are not where expected in " + block);
    }
    int callLine = lineOf(lines, "util.call " + CALLEE);
    // 1-based, on the function's own name after the module's: "mul_mat_id"
    int callColumn = lines[callLine].indexOf(CALLEE) + 1 + "@moe_components.".length() + 3;

    long heapBefore = usedHeap();
    long start = System.nanoTime();
    Workspace workspace = new Workspace(List.of(root));
    List<Diagnostic> first = workspace.diagnostics(block);
    double firstMillis = (System.nanoTime() - start) / 1e6;

    double[] diagnostics = new double[runs];
    double[] definition = new double[runs];
    double[] definitionFirst = new double[runs];
    long version = 1;
    for (int i = 0; i < warmup + runs; i++) {
      boolean mismatch = i % 2 == 1;
      String text = edit(lines, mismatch, constantLine, typeLine, i);
      workspace.open(block, text, ++version);
      long t0 = System.nanoTime();
      List<Diagnostic> found = workspace.diagnostics(block);
      long t1 = System.nanoTime();
      List<TextLocation> at = workspace.definition(block, callLine + 1, callColumn);
      long t2 = System.nanoTime();
      check(found, mismatch, at, block);

      // The same edit again, with a different constant: definition is the first query after it.
      workspace.open(block, edit(lines, mismatch, constantLine, typeLine, -i - 1), ++version);
      long t3 = System.nanoTime();
      List<TextLocation> again = workspace.definition(block, callLine + 1, callColumn);
      long t4 = System.nanoTime();
      check(null, mismatch, again, block);
      if (i >= warmup) {
        diagnostics[i - warmup] = (t1 - t0) / 1e6;
        definition[i - warmup] = (t2 - t1) / 1e6;
        definitionFirst[i - warmup] = (t4 - t3) / 1e6;
      }
    }
    long retained = usedHeap() - heapBefore;
    System.out.printf(
        "warm first_diagnostics_ms %.1f diagnostics_ms %s definition_ms %s"
            + " definition_after_edit_ms %s edits %d first_diagnostics %d documents %d"
            + " retained_heap_mb %.1f%n",
        firstMillis, stats(diagnostics), stats(definition), stats(definitionFirst), runs,
        first.size(), workspace.documents().size(), retained / 1e6);
    Reference.reachabilityFence(workspace);
  }

  /** The heap in use after a full collection. */
  private static long usedHeap() {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }

  /**
   * The block with one line changed from {@code lines}: a type of the declaration, or a constant;
   * {@code serial} makes each text differ from every other.
   */
  private static String edit(
      String[] lines, boolean mismatch, int constantLine, int typeLine, int serial) {
    String[] edited = lines.clone();
    if (mismatch) {
      edited[typeLine] =
          lines[typeLine].replace("tensor<?x?xi32>", "tensor<?x?xi64>") + "  // edit " + serial;
    } else {
      edited[constantLine] = lines[constantLine].replace("0.000000e+00", serial + ".5");
    }
    return String.join("\n", edited);
  }

  private static void check(
      List<Diagnostic> found, boolean mismatch, List<TextLocation> at, Path block) {
    if (found != null) {
      boolean reported = found.stream().anyMatch(d -> d.code() == DiagnosticCode.TYPE_MISMATCH);
      if (reported != mismatch) {
        throw new IllegalStateException(
            (mismatch ? "the type mismatch is not reported" : "a type mismatch is reported")
                + " in " + block + ": " + found);
      }
    }
    if (at.isEmpty() || !at.get(0).path().getFileName().toString().equals("mul_mat_id.mlir")) {
      throw new IllegalStateException(CALLEE + " is not found in mul_mat_id.mlir: " + at);
    }
  }

  private static int lineOf(String[] lines, String text) {
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(text)) {
        return i;
      }
    }
    throw new IllegalStateException("no line has " + text);
  }

  private static String stats(double[] millis) {
    double[] sorted = millis.clone();
    Arrays.sort(sorted);
    return String.format(
        "min %.2f median %.2f max %.2f",
        sorted[0], sorted[sorted.length / 2], sorted[sorted.length - 1]);
  }
}
