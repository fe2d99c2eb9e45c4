package org.mlirlink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  record Result(int exitCode, String stdout, String stderr) {}

  private static Result launch(Path cwd, String stdin, String tool, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(BIN.resolve(tool).toString());
    command.addAll(List.of(args));
    Path out = Files.createTempFile("launcher", ".out");
    Path err = Files.createTempFile("launcher", ".err");
    try {
      ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile());
      if (stdin == null) {
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      }
      Process process = builder.start();
      if (stdin != null) {
        try (var in = process.getOutputStream()) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      assertTrue(process.waitFor(60, TimeUnit.SECONDS), "timed out: " + command);
      return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  @Test
  void seedUsageWorksUnchanged() throws Exception {
    Path dir = CASES.resolve("named-modules-internal-helpers");
    Path out = tmp.resolve("out.mlir");
    Result run = launch(dir, null, "iree-link", "main.mlir", "--link-module", "a.mlir",
        "--link-module", "b.mlir", "-o", out.toString());
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals("", run.stdout());
    assertEquals("", run.stderr());
    assertEquals(Files.readString(dir.resolve("expected.mlir")), Files.readString(out));
  }

  @Test
  void standardInputAndEqualsFormsThroughMlirLink() throws Exception {
    Path dir = CASES.resolve("named-modules-internal-helpers");
    Result run = launch(dir, Files.readString(dir.resolve("main.mlir")), "mlir-link", "-",
        "--link-module=a.mlir", "--link-module=b.mlir");
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(Files.readString(dir.resolve("expected.mlir")), run.stdout());
  }

  @Test
  void linkErrorPrintsTheDiagnosticExitsOneAndKeepsTheOutputFile() throws Exception {
    Path dir = CASES.resolve("type-mismatch");
    Path out = tmp.resolve("out.mlir");
    Files.writeString(out, "previous content\n");
    Result run = launch(dir, null, "iree-link", "main.mlir", "--link-module", "lib.mlir",
        "-o", out.toString());
    assertEquals(1, run.exitCode());
    assertEquals(Files.readString(dir.resolve("expected.err")), run.stderr());
    assertEquals("previous content\n", Files.readString(out));
  }

  @Test
  void listSymbolsBytecodeUsageHelpAndVersion() throws Exception {
    Path dir = CASES.resolve("list-symbols");
    Result list = launch(dir, null, "iree-link", "--list-symbols", "main.mlir");
    assertEquals(0, list.exitCode(), list.stderr());
    assertEquals(Files.readString(dir.resolve("expected.out")), list.stdout());

    Result bytecode = launch(tmp, null, "iree-link", dir.resolve("main.mlir").toString(), "-o", "out.mlirbc");
    assertEquals(1, bytecode.exitCode());
    assertEquals(1, bytecode.stderr().lines().count(), bytecode.stderr());
    assertFalse(Files.exists(tmp.resolve("out.mlirbc")));

    assertEquals(2, launch(tmp, null, "iree-link", "--no-such-option").exitCode());
    Result help = launch(tmp, null, "iree-link", "--help");
    assertEquals(0, help.exitCode());
    assertTrue(help.stdout().contains("--link-module"), help.stdout());
    Result version = launch(tmp, null, "iree-link", "--version");
    assertEquals(0, version.exitCode());
    assertTrue(version.stdout().startsWith("mlir-link "), version.stdout());
  }
}
