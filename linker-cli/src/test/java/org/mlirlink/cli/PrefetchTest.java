package org.mlirlink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.mlirlink.Source;
import org.mlirlink.testing.MlirTools;

/** The inputs the command reads ahead, and that reading ahead changes nothing it reports. */
class PrefetchTest {
  @Test
  void theLargestFileIsReadFirstAndOneTheLinkTakesIsNotReadAhead(@TempDir Path dir)
      throws IOException {
    Path main = Files.writeString(dir.resolve("main.mlir"), "x".repeat(200));
    Path big = Files.writeString(dir.resolve("big.mlir"), "x".repeat(5000));
    Path mid = Files.writeString(dir.resolve("mid.mlir"), "x".repeat(1000));
    String[] args = {
      main.toString(), "--link-module", mid.toString(), "--link-module", big.toString()
    };
    Prefetch prefetch = Prefetch.of(args);
    Source taken = prefetch.source(mid.toString()); // asked for before the thread started it
    assertEquals(big.toString(), prefetch.next().name());
    assertEquals(main.toString(), prefetch.next().name());
    assertNull(prefetch.next());
    assertSame(taken, prefetch.source(mid.toString()));
    assertEquals(main.toString(), prefetch.source(main.toString()).name());
  }

  @Test
  void inputsAreTheFirstBareArgumentAndTheLinkModulesInEveryForm() {
    assertEquals(
        List.of("main.mlir", "a.mlir", "b.mlir", "c.mlir"),
        Prefetch.inputNames(
            new String[] {
              "main.mlir",
              "--link-module",
              "a.mlir",
              "-link-module",
              "b.mlir",
              "--link-module=c.mlir",
              "-o",
              "out.mlir"
            }));
  }

  @Test
  void theValueOfAnOptionIsNotAnInputNorIsAnythingAfterDoubleDash() {
    assertEquals(
        List.of("main.mlir"),
        Prefetch.inputNames(
            new String[] {
              "-o",
              "out.mlir",
              "--depfile",
              "out.d",
              "--why",
              "f",
              "-library-path",
              "lib",
              "--link-map=x.map",
              "--bundle",
              "main.mlir",
              "extra.mlir"
            }));
    assertEquals(List.of(), Prefetch.inputNames(new String[] {"--", "main.mlir"}));
  }

  /**
   * {@code check} reads folders through the workspace: its arguments are not read ahead (a file
   * named like a DIR is not opened), but a file named check elsewhere is still an input.
   */
  @Test
  void theCheckCommandHasNoInputsToReadAhead() {
    assertEquals(
        List.of(),
        Prefetch.inputNames(new String[] {"check", "components", "--library-path", "lib"}));
    assertEquals(List.of("./check"), Prefetch.inputNames(new String[] {"./check", "-o", "check"}));
    assertEquals(
        List.of("main.mlir", "check"),
        Prefetch.inputNames(new String[] {"main.mlir", "--link-module", "check"}));
  }

  /**
   * Each malformed reader case given to the command as a file is reported exactly as the reader
   * reports it, under the path as given, whether the read-ahead got to it first or not (the
   * library's tests pin the preloaded path on its own: SourceTest).
   */
  @TestFactory
  Stream<DynamicTest> aMalformedInputIsReportedAsTheReaderReportsIt() throws IOException {
    Path malformed = MlirTools.projectRoot().resolve("testdata/reader/malformed");
    List<Path> files;
    try (Stream<Path> list = Files.list(malformed)) {
      files = list.filter(f -> f.toString().endsWith(".mlir")).sorted().toList();
    }
    assertTrue(files.size() >= 14, "malformed cases: " + files);
    return files.stream()
        .map(
            file ->
                DynamicTest.dynamicTest(
                    file.getFileName().toString(),
                    () -> {
                      String name = file.getFileName().toString();
                      String expected =
                          Files.readString(
                              file.resolveSibling(name.replaceFirst("\\.mlir$", ".expected")),
                              StandardCharsets.UTF_8);
                      CliRun run = CliRun.of(null, file.toString());
                      assertEquals(1, run.exitCode(), run.stderr());
                      assertEquals("", run.stdout());
                      assertEquals(expected, run.stderrRelativeTo(malformed));
                    }));
  }
}
