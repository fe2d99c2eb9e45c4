package org.mlirlink.link;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.mlirlink.LinkResult;
import org.mlirlink.Linker;
import org.mlirlink.Source;
import org.mlirlink.diagnostic.Diagnostic;
import org.mlirlink.testing.Mutation;

/**
 * Mutates real inputs (every {@code .mlir} file of {@code testdata/} and {@code components/}) and
 * links each mutant, as the input and as a link module: no exception may escape {@code link()},
 * every error must point at a file, line and column, a failed link has no output, an input with
 * nothing to link comes back byte for byte, and the same input always gives the same answer.
 *
 * <p>The mutations ({@link Mutation}) are the ways real files go wrong. The run is seeded: {@code
 * -Dmlirlink.fuzz.seed=N} repeats one (each failure names its seed and mutant), {@code
 * -Dmlirlink.fuzz.mutants=N} sets how many (default {@value #DEFAULT_MUTANTS}). A failing mutant is
 * written to {@code target/fuzz-failures/}.
 */
class MutationFuzzTest {
  static final int DEFAULT_MUTANTS = 4000;

  private static final List<Path> CORPUS = Mutation.corpus();

  @Test
  void mutantsOfRealInputsGetATrueAnswer() throws IOException {
    long seed = Long.getLong("mlirlink.fuzz.seed", System.nanoTime());
    int mutants = Integer.getInteger("mlirlink.fuzz.mutants", DEFAULT_MUTANTS);
    Random random = new Random(seed);
    List<byte[]> files = new ArrayList<>();
    for (Path file : CORPUS) {
      files.add(Files.readAllBytes(file));
    }
    int linked = 0;
    for (int i = 0; i < mutants; i++) {
      Mutation.Mutant drawn = Mutation.draw(random, seed, i, CORPUS, files);
      byte[] mutant = drawn.bytes();
      String what = drawn.description();
      if (checkAsInput(mutant, what)) {
        linked++;
      }
      checkAsLinkModule(mutant, what);
    }
    Files.createDirectories(Path.of("target"));
    Files.writeString(
        Path.of("target", "fuzz-last-run.txt"),
        "seed " + seed + ", " + mutants + " mutants, " + linked + " of them linked as inputs\n");
  }

  /** The mutant as the input, with nothing to link from: returns whether it linked. */
  private static boolean checkAsInput(byte[] mutant, String what) {
    // Each link reads the input again (a new source), so the comparison covers the reader too.
    Supplier<LinkResult> link =
        () -> Linker.builder().main(Source.of("m.mlir", mutant)).build().link();
    LinkResult first = link(mutant, what, link);
    LinkResult again = link(mutant, what, link);
    checkResult(first, again, mutant, what);
    if (first.succeeded()
        && !Arrays.equals(mutant, first.text().getBytes(StandardCharsets.UTF_8))) {
      failWith(mutant, what + ": nothing to link, but the output is not the input");
    }
    return first.succeeded();
  }

  /** The mutant as a link module for a main that needs a function it may define. */
  private static void checkAsLinkModule(byte[] mutant, String what) {
    String main =
        "module @main {\n  util.func private @lib.f(i32) -> i32\n"
            + "  func.func private @compute(tensor<4xf32>) -> tensor<4xf32>\n}\n";
    Supplier<LinkResult> link =
        () ->
            Linker.builder()
                .main(Source.of("main.mlir", main))
                .linkModule(Source.of("lib.mlir", mutant))
                .build()
                .link();
    LinkResult first = link(mutant, what, link);
    LinkResult again = link(mutant, what, link);
    checkResult(first, again, mutant, what + " as a link module");
  }

  private static LinkResult link(byte[] mutant, String what, Supplier<LinkResult> link) {
    try {
      return link.get();
    } catch (Throwable t) {
      Path file = save(mutant);
      throw new AssertionError(what + ": link() threw (the mutant is in " + file + ")", t);
    }
  }

  private static void checkResult(LinkResult first, LinkResult again, byte[] mutant, String what) {
    if (first.succeeded() != again.succeeded()
        || (first.succeeded() && !first.text().equals(again.text()))
        || !first.formattedDiagnostics().equals(again.formattedDiagnostics())) {
      failWith(mutant, what + ": two links of the same input disagree");
    }
    if (!first.succeeded()) {
      try {
        first.text();
        failWith(mutant, what + ": a failed link has an output");
      } catch (IllegalStateException expected) {
        // no output, as it must be
      }
      for (Diagnostic diagnostic : first.diagnostics()) {
        if (diagnostic.location() == null) {
          failWith(
              mutant, what + ": an error without file, line and column: " + diagnostic.format());
        }
      }
    }
  }

  private static void failWith(byte[] mutant, String message) {
    fail(message + " (the mutant is in " + save(mutant) + ")");
  }

  private static Path save(byte[] mutant) {
    try {
      Path dir = Files.createDirectories(Path.of("target", "fuzz-failures"));
      Path file = dir.resolve("mutant-" + Integer.toHexString(Arrays.hashCode(mutant)) + ".mlir");
      Files.write(file, mutant);
      return file.toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
