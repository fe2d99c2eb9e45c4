package org.mlirlink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlirlink.testing.MlirTools;

/**
 * The shipped launchers, {@code bin/iree-link} and {@code bin/mlir-link}, run as processes on the
 * shaded jar, the way a test suite that expects an {@code iree-link} binary runs them. Tagged
 * {@code launcher}: Maven runs these in the package phase, after the jar is built.
 */
@Tag("launcher")
class IreeLinkLauncherTest {
  private static final Path CASES = CliRun.linkCases();
  private static final Path BIN = CASES.getParent().getParent().resolve("bin");

  @TempDir Path tmp;

  private static MlirTools.Run launch(Path cwd, String stdin, String tool, String... args) {
    List<String> command = new ArrayList<>();
    command.add(BIN.resolve(tool).toString());
    command.addAll(List.of(args));
    return MlirTools.run(command, stdin, cwd);
  }


  @Test
  void seedUsageWorksUnchanged() throws Exception {
    Path dir = CASES.resolve("named-modules-internal-helpers");
    Path out = tmp.resolve("out.mlir");
    MlirTools.Run run = launch(dir, null, "iree-link", "main.mlir", "--link-module", "a.mlir",
        "--link-module", "b.mlir", "-o", out.toString());
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals("", run.stdout());
    assertEquals("", run.stderr());
    assertEquals(Files.readString(dir.resolve("expected.mlir")), Files.readString(out));
  }

  /** Written through, not reopened and truncated: a shell's {@code >>} keeps what the file held. */
  @Test
  void devStdoutAppendedByTheShellKeepsWhatTheFileHeld() throws Exception {
    Path dir = CASES.resolve("named-modules-internal-helpers");
    Path out = tmp.resolve("out.mlir");
    MlirTools.Run run = MlirTools.run(List.of("sh", "-c",
        "printf '// header\\n' > \"$0\" && exec \"$1\" main.mlir --link-module a.mlir --link-module b.mlir"
            + " -o /dev/stdout >> \"$0\"",
        out.toString(), BIN.resolve("mlir-link").toString()), null, dir);
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals("// header\n" + Files.readString(dir.resolve("expected.mlir")), Files.readString(out));
  }

  /** A write error on standard output is an error, not a silent success with nothing written. */
  @Test
  void aFullDiskOnStandardOutputIsAnError() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/dev/full")), "no /dev/full here");
    Path dir = CASES.resolve("named-modules-internal-helpers");
    for (String output : List.of("-", "/dev/stdout")) {
      MlirTools.Run run = MlirTools.run(List.of("sh", "-c",
          "exec \"$0\" main.mlir --link-module a.mlir --link-module b.mlir -o \"$1\" > /dev/full",
          BIN.resolve("mlir-link").toString(), output), null, dir);
      assertEquals(1, run.exitCode(), output + ": " + run.stderr());
      assertTrue(run.stderr().startsWith("error: cannot write '" + output + "': write error"), run.stderr());
    }
    MlirTools.Run list = MlirTools.run(List.of("sh", "-c", "exec \"$0\" --list-symbols a.mlir > /dev/full",
        BIN.resolve("mlir-link").toString()), null, dir);
    assertEquals(1, list.exitCode(), list.stderr());
    assertTrue(list.stderr().startsWith("error: cannot write '-': write error"), list.stderr());
  }

  @Test
  void standardInputAndEqualsFormsThroughMlirLink() throws Exception {
    Path dir = CASES.resolve("named-modules-internal-helpers");
    MlirTools.Run run = launch(dir, Files.readString(dir.resolve("main.mlir")), "mlir-link", "-",
        "--link-module=a.mlir", "--link-module=b.mlir");
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(Files.readString(dir.resolve("expected.mlir")), run.stdout());
  }

  @Test
  void linkErrorPrintsTheDiagnosticExitsOneAndKeepsTheOutputFile() throws Exception {
    Path dir = CASES.resolve("type-mismatch");
    Path out = tmp.resolve("out.mlir");
    Files.writeString(out, "previous content\n");
    MlirTools.Run run = launch(dir, null, "iree-link", "main.mlir", "--link-module", "lib.mlir",
        "-o", out.toString());
    assertEquals(1, run.exitCode());
    assertEquals(Files.readString(dir.resolve("expected.err")), run.stderr());
    assertEquals("previous content\n", Files.readString(out));
  }

  @Test
  void listSymbolsBytecodeUsageHelpAndVersion() throws Exception {
    Path dir = CASES.resolve("list-symbols");
    MlirTools.Run list = launch(dir, null, "iree-link", "--list-symbols", "main.mlir");
    assertEquals(0, list.exitCode(), list.stderr());
    assertEquals(Files.readString(dir.resolve("expected.out")), list.stdout());

    MlirTools.Run bytecode = launch(tmp, null, "iree-link", dir.resolve("main.mlir").toString(), "-o", "out.mlirbc");
    assertEquals(1, bytecode.exitCode());
    assertEquals(1, bytecode.stderr().lines().count(), bytecode.stderr());
    assertFalse(Files.exists(tmp.resolve("out.mlirbc")));

    assertEquals(2, launch(tmp, null, "iree-link", "--no-such-option").exitCode());
    MlirTools.Run help = launch(tmp, null, "iree-link", "--help");
    assertEquals(0, help.exitCode());
    assertTrue(help.stdout().contains("--link-module"), help.stdout());
    MlirTools.Run version = launch(tmp, null, "iree-link", "--version");
    assertEquals(0, version.exitCode());
    assertTrue(version.stdout().startsWith("mlir-link "), version.stdout());
  }
}
