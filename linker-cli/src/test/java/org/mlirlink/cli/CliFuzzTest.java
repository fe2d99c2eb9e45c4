package org.mlirlink.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlirlink.testing.Mutation;

/**
 * A sample of mutated real inputs through the command, as a user would run it: exit code 0 or 1,
 * never a stack trace, and a failed link leaves no output file and no temporary file. The run is
 * seeded like the library's fuzz test ({@code -Dmlirlink.fuzz.seed=N}).
 */
class CliFuzzTest {
  private static final int MUTANTS = 300;

  @TempDir Path tmp;

  @Test
  void mutantsGiveExitCodeZeroOrOneNoTraceAndNoOutputOnFailure() throws IOException {
    long seed = Long.getLong("mlirlink.fuzz.seed", System.nanoTime());
    Random random = new Random(seed);
    List<Path> corpus = Mutation.corpus();
    List<byte[]> files = new ArrayList<>();
    for (Path file : corpus) {
      files.add(Files.readAllBytes(file));
    }
    Path main =
        Files.writeString(
            tmp.resolve("main.mlir"),
            "module @main {\n  util.func private @lib.f(i32) -> i32\n}\n");
    for (int i = 0; i < MUTANTS; i++) {
      Mutation.Mutant drawn = Mutation.draw(random, seed, i, corpus, files);
      byte[] mutant = drawn.bytes();
      Path input = Files.write(tmp.resolve("mutant.mlir"), mutant);
      Path out = tmp.resolve("out.mlir");
      Files.deleteIfExists(out);
      String what = drawn.description();
      CliRun run =
          random.nextBoolean()
              ? CliRun.of(null, input.toString(), "-o", out.toString())
              : CliRun.of(
                  null, main.toString(), "--link-module", input.toString(), "-o", out.toString());
      assertTrue(run.exitCode() == 0 || run.exitCode() == 1, what + ": exit " + run.exitCode());
      assertFalse(
          run.stderr().contains("Exception") || run.stderr().contains("\tat "),
          what + ": a stack trace\n" + run.stderr());
      if (run.exitCode() == 1) {
        assertFalse(Files.exists(out), what + ": a failed link wrote its output");
        assertTrue(
            run.stderr().startsWith(input + ":") || run.stderr().startsWith(main + ":"),
            what + ": the error names no file, line and column\n" + run.stderr());
      }
      try (var left = Files.list(tmp)) {
        assertTrue(
            left.allMatch(p -> !p.getFileName().toString().endsWith(".tmp")),
            what + ": a temporary file was left");
      }
    }
  }
}
