package org.mlirlink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlirlink.testing.IreeTools;
import org.mlirlink.testing.MlirTools;

/**
 * The command-line differences that docs/compatibility.md ("Command line") lists, pinned against
 * the real {@code iree-link} ({@link IreeTools#VERSION}): it still does what the page says, and we
 * do what the page says instead.
 */
class IreeLinkCommandLineTest {
  private static final Path HELPERS = CliRun.linkCases().resolve("named-modules-internal-helpers");

  @TempDir Path tmp;

  @Test
  void usageErrorsExitWithOneThereAndTwoHereBothSuggestingTheOption() {
    MlirTools.Run real = IreeTools.link(List.of("--link-modul", "a.mlir"), HELPERS);
    CliRun ours = CliRun.of(null, "--link-modul", "a.mlir");
    assertEquals(1, real.exitCode(), real.stderr());
    assertTrue(real.stderr().contains("Did you mean '--link-module'?"), real.stderr());
    assertEquals(2, ours.exitCode());
    assertTrue(ours.stderr().contains("did you mean --link-module?"), ours.stderr());

    MlirTools.Run twoInputs = IreeTools.link(List.of("main.mlir", "a.mlir"), HELPERS);
    assertEquals(1, twoInputs.exitCode(), twoInputs.stderr());
    assertEquals(2, CliRun.of(null, "main.mlir", "a.mlir").exitCode());
  }

  @Test
  void bundleWithAnInputIgnoresItThereAndIsRefusedHere() throws IOException {
    Path out = tmp.resolve("bundle.mlir");
    MlirTools.Run real =
        IreeTools.link(
            List.of("--bundle", "main.mlir", "--link-module", "a.mlir", "-o", out.toString()),
            HELPERS);
    assertEquals(0, real.exitCode(), real.stderr());
    assertFalse(Files.readString(out).contains("@main"), "iree-link bundled the INPUT after all");
    CliRun ours =
        CliRun.of(
            null,
            "--bundle",
            HELPERS.resolve("main.mlir").toString(),
            "--link-module",
            HELPERS.resolve("a.mlir").toString());
    assertEquals(2, ours.exitCode());
    assertTrue(ours.stderr().startsWith("error: --bundle takes no INPUT\n"), ours.stderr());
    // The form iree-link takes the file in.
    assertTrue(
        ours.stderr().contains("did you mean --link-module " + HELPERS.resolve("main.mlir") + "?"),
        ours.stderr());
  }

  @Test
  void aMissingLibraryPathIsIgnoredThereAndAnErrorHere() {
    Path missing = tmp.resolve("nonexistent");
    List<String> args =
        List.of(
            HELPERS.resolve("main.mlir").toString(),
            "--link-module",
            HELPERS.resolve("a.mlir").toString(),
            "--link-module",
            HELPERS.resolve("b.mlir").toString(),
            "--library-path",
            missing.toString());
    MlirTools.Run real = IreeTools.link(args, tmp);
    assertEquals(0, real.exitCode(), real.stderr());
    CliRun ours = CliRun.of(null, args.toArray(String[]::new));
    assertEquals(1, ours.exitCode());
    assertTrue(ours.stderr().contains("'" + missing + "': no such directory"), ours.stderr());
  }
}
