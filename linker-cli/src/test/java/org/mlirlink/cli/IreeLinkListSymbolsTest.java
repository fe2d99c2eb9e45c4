package org.mlirlink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlirlink.diagnostic.DiagnosticException;
import org.mlirlink.model.MlirFile;
import org.mlirlink.model.SourceText;
import org.mlirlink.read.MlirReader;
import org.mlirlink.testing.ErrorKind;
import org.mlirlink.testing.IreeTools;
import org.mlirlink.testing.MlirTools;

/**
 * {@code --list-symbols} of every input file of {@code testdata/link/} and of every file under
 * {@code components/}, by our command and by the real {@code iree-link} ({@link
 * IreeTools#VERSION}): the same standard output and exit code. Where docs/compatibility.md says
 * iree-link differs, the real tool must still do what the page says:
 *
 * <ul>
 *   <li>a file with a top-level {@code util.initializer} crashes it ("{@code --list-symbols} of a
 *       file with a {@code util.initializer}"), and we list the file;
 *   <li>a file whose ops name a symbol nothing in it defines fails its verifier ("{@code
 *       --list-symbols} of a file that names what it does not define"), and we list the file.
 * </ul>
 */
class IreeLinkListSymbolsTest {
  static Stream<String> inputs() throws IOException {
    Path root = MlirTools.projectRoot();
    List<Path> files;
    try (Stream<Path> cases = Files.walk(root.resolve("testdata").resolve("link"));
        Stream<Path> components = Files.walk(root.resolve("components"))) {
      files =
          Stream.concat(cases, components)
              .filter(Files::isRegularFile)
              .filter(f -> f.getFileName().toString().endsWith(".mlir"))
              .filter(f -> !f.getFileName().toString().startsWith("expected"))
              .sorted()
              .toList();
    }
    return files.stream().map(f -> root.relativize(f).toString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void listsTheSamePublicSymbolsAsIreeLink(String relative) throws IOException {
    // Both tools name the input as given in their first line: give both the same absolute path.
    Path file = MlirTools.projectRoot().resolve(relative);
    MlirTools.Run real =
        IreeTools.link(List.of("--list-symbols", file.toString()), file.getParent());
    CliRun ours = CliRun.of(null, "--list-symbols", file.toString());
    String what =
        "\niree-link exited "
            + real.exitCode()
            + ":\n"
            + real.stdout()
            + real.stderr()
            + "\nwe exited "
            + ours.exitCode()
            + ":\n"
            + ours.stdout()
            + ours.stderr();

    if (hasInitializer(file)) {
      assertTrue(
          real.exitCode() > 1 || real.exitCode() < 0,
          () ->
              relative
                  + ": docs/compatibility.md says iree-link --list-symbols crashes on a util.initializer"
                  + what);
      assertEquals(0, ours.exitCode(), () -> relative + what);
      return;
    }
    assertTrue(
        real.exitCode() == 0 || real.exitCode() == 1,
        () -> relative + ": iree-link crashed where docs/compatibility.md does not say so" + what);
    if (real.exitCode() == 1
        && ErrorKind.of(ErrorKind.firstError(real.stderr())) == ErrorKind.INVALID
        && ours.exitCode() == 0) {
      return; // a listing reads no further than the symbols a file defines
    }
    assertEquals(real.exitCode(), ours.exitCode(), () -> relative + ": exit codes differ" + what);
    if (real.exitCode() == 0) {
      assertEquals(real.stdout(), ours.stdout(), () -> relative + ": listings differ" + what);
      assertEquals("", ours.stderr(), relative);
    }
  }

  /** Whether the file's module holds a {@code util.initializer} (false if we cannot read it). */
  private static boolean hasInitializer(Path file) throws IOException {
    try {
      MlirFile mlir =
          MlirReader.read(SourceText.ofBytes(file.toString(), Files.readAllBytes(file)));
      return mlir.operations().stream().anyMatch(op -> op.opName().equals("util.initializer"));
    } catch (DiagnosticException e) {
      return false;
    }
  }
}
