package org.mlirlink.read.bytecode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.mlirlink.LinkResult;
import org.mlirlink.Linker;
import org.mlirlink.Source;
import org.mlirlink.testing.IreeTools;
import org.mlirlink.testing.MlirTools;

/**
 * The bytecode reader against the real {@code iree-opt}: a file written as bytecode by {@code
 * iree-opt --emit-bytecode} and turned back into text by the reader is the same program as the text
 * it was written from, in that {@code iree-opt --mlir-print-op-generic --mlir-print-debuginfo}
 * prints both identically (every op, attribute, type, value, block and location). The files are
 * every {@code .mlir} of the project's components and test data that {@code iree-opt} reads, at the
 * newest version of the format, the components at every older version too, and the MoE link's
 * program compiled to each of IREE's phases.
 */
class BytecodeReaderTest {
  private static final List<String> PHASES = List.of("input", "flow", "stream", "hal");

  @TempDir Path temp;

  /** The round trips run a process each at a time per core. */
  private static final ExecutorService POOL =
      Executors.newFixedThreadPool(
          Runtime.getRuntime().availableProcessors(),
          r -> {
            Thread thread = new Thread(r, "bytecode-round-trip");
            thread.setDaemon(true);
            return thread;
          });

  /** A round trip that throws, for the pool. */
  private interface Check {
    void run() throws Exception;
  }

  private static Callable<Void> checked(Check check) {
    return () -> {
      check.run();
      return null;
    };
  }

  /** Waits for a round trip, rethrowing what failed it. */
  private static void await(Future<?> done) throws Throwable {
    try {
      done.get();
    } catch (ExecutionException e) {
      throw e.getCause();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyProjectFileReadsAsTheSameProgram() throws IOException {
    List<Path> files = new ArrayList<>();
    for (String dir : List.of("components", "testdata")) {
      try (Stream<Path> walk = Files.walk(MlirTools.projectRoot().resolve(dir))) {
        walk.filter(p -> p.toString().endsWith(".mlir")).sorted().forEach(files::add);
      }
    }
    assertTrue(files.size() > 100, files.size() + " files");
    return files.stream()
        .map(
            file -> {
              // Started now, on every core: each test waits for its own round trip.
              Future<?> done =
                  POOL.submit(
                      checked(() -> roundTrip(file, BytecodeStructure.NEWEST_VERSION, false)));
              return DynamicTest.dynamicTest(
                  MlirTools.projectRoot().relativize(file).toString(), () -> await(done));
            })
        .toList()
        .stream();
  }

  @TestFactory
  Stream<DynamicTest> theComponentsReadAtEveryVersion() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(MlirTools.projectRoot().resolve("components"))) {
      for (Path file : walk.filter(p -> p.toString().endsWith(".mlir")).sorted().toList()) {
        for (int v = 0; v < BytecodeStructure.NEWEST_VERSION; v++) {
          int version = v;
          Future<?> done = POOL.submit(checked(() -> roundTrip(file, version, true)));
          tests.add(
              DynamicTest.dynamicTest(
                  MlirTools.projectRoot().relativize(file) + " v" + v, () -> await(done)));
        }
      }
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> theMoeProgramReadsAtEveryPhase() {
    return PHASES.stream()
        .map(
            phase ->
                DynamicTest.dynamicTest(
                    phase,
                    () -> {
                      Path compiled = temp.resolve("moe." + phase + ".mlir");
                      List<String> command = new ArrayList<>();
                      command.add(IreeTools.require(IreeTools.COMPILE).toString());
                      command.addAll(IreeTools.COMPILE_FLAGS);
                      command.addAll(
                          List.of(
                              "--compile-to=" + phase,
                              "--mlir-print-debuginfo",
                              moeProgram().toString(),
                              "-o",
                              compiled.toString()));
                      MlirTools.Run run = MlirTools.run(command, null);
                      assertTrue(run.ok(), run.stderr());
                      roundTrip(compiled, BytecodeStructure.NEWEST_VERSION, true);
                      // Version 5 keeps group sizes as attributes among the others.
                      roundTrip(compiled, 5, true);
                    }));
  }

  /**
   * A resource larger than the reader holds in memory is read from the file as it is written out:
   * the blob comes out byte for byte, and the program around it is the same.
   */
  @org.junit.jupiter.api.Test
  void aLargeResourceIsStreamedFromTheFile() throws IOException {
    int size = (int) BytecodeReader.LARGEST_HELD_RESOURCES + 12345;
    byte[] blob = new byte[size];
    new java.util.Random(7).nextBytes(blob);
    StringBuilder hex = new StringBuilder("0x04000000");
    String digits = "0123456789ABCDEF";
    for (byte b : blob) {
      hex.append(digits.charAt((b >> 4) & 0xF)).append(digits.charAt(b & 0xF));
    }
    Path text = temp.resolve("weights.mlir");
    Files.writeString(
        text,
        "module @weights {\n"
            + "  util.global private @w = dense_resource<big> : tensor<"
            + size
            + "xi8>\n"
            + "}\n"
            + "{-#\n  dialect_resources: {\n    builtin: {\n      big: \""
            + hex
            + "\"\n    }\n  }\n#-}\n");
    Path bytecode = temp.resolve("weights.mlirbc");
    MlirTools.Run emit = IreeTools.emitBytecode(text, bytecode);
    assertTrue(emit.ok(), emit.stderr());
    Path ours = temp.resolve("weights.generic.mlir");
    org.mlirlink.model.SourceText source =
        org.mlirlink.model.SourceText.open(bytecode.toString(), bytecode);
    try (java.io.OutputStream out = Files.newOutputStream(ours)) {
      BytecodeReader.toText(source, out);
    }
    String read = Files.readString(ours);
    assertTrue(read.contains("big: \"" + hex + "\""), "the blob is not written out whole");
    assertEquals(genericPrint(text, true), genericPrint(ours, true));
    // The text the linker reads leaves the blob in the bytecode file, and is the same text.
    org.mlirlink.model.SourceText linked = BytecodeReader.toSource(source);
    assertTrue(
        linked.contentEquals(org.mlirlink.model.SourceText.open("generic", ours)),
        "the text with the blob left in the file differs from the text written out");
  }

  /** The MoE link's program: the block linked with the two components it uses. */
  private Path moeProgram() throws IOException {
    Path root = MlirTools.projectRoot().resolve("components");
    LinkResult result =
        Linker.builder()
            .main(Source.of(root.resolve("moe/moe_ffn_block.mlir")))
            .linkModule(Source.of(root.resolve("moe/mul_mat_id.mlir")))
            .linkModule(Source.of(root.resolve("activation/swiglu.mlir")))
            .build()
            .link();
    assertTrue(result.succeeded(), result.formattedDiagnostics());
    Path linked = temp.resolve("moe_linked.mlir");
    Files.writeString(linked, result.text());
    return linked;
  }

  /**
   * Writes {@code file} as bytecode of {@code version}, reads it back with the reader, and compares
   * iree-opt's generic print of both. A file iree-opt cannot read (the test data holds bad inputs
   * on purpose) is left out unless {@code mustRead}.
   */
  private void roundTrip(Path file, int version, boolean mustRead) throws IOException {
    String name = file.getFileName().toString();
    Path dir = Files.createTempDirectory(temp, "round-trip"); // files of one name run at once
    Path bytecode = dir.resolve(name + "." + version + ".mlirbc");
    MlirTools.Run emit =
        IreeTools.emitBytecode(file, bytecode, "--emit-bytecode-version=" + version);
    if (!emit.ok()) {
      assertTrue(!mustRead, emit.stderr());
      return;
    }
    Path ours = dir.resolve(name + "." + version + ".generic.mlir");
    Files.write(ours, BytecodeReader.toText(Files.readAllBytes(bytecode)));
    assertEquals(genericPrint(file), genericPrint(ours), "the reader's text of " + bytecode);
  }

  private static String genericPrint(Path file) {
    return genericPrint(file, false);
  }

  /** iree-opt's generic print; with {@code elideResources}, resources are not printed. */
  private static String genericPrint(Path file, boolean elideResources) {
    MlirTools.Run run =
        elideResources
            ? IreeTools.printGeneric(
                file,
                "--mlir-print-debuginfo",
                "--mlir-print-local-scope",
                "--mlir-elide-resource-strings-if-larger=64")
            : IreeTools.printGeneric(file, "--mlir-print-debuginfo", "--mlir-print-local-scope");
    assertTrue(run.ok(), file + ": " + run.stderr());
    return run.stdout();
  }
}
