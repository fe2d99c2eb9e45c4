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

  /** The collector's give-up limits, lowered so a heap too small fails in seconds, not minutes. */
  private static final String GIVE_UP_SOONER = " -XX:GCTimeLimit=10 -XX:GCHeapFreeLimit=50";

  /**
   * {@code script} run by {@code sh} in {@code cwd}, with {@code bin/mlir-link} as {@code $0} and
   * {@code args} as {@code $1} on: for redirections and environment set by a shell.
   */
  private static MlirTools.Run shell(Path cwd, String script, String... args) {
    List<String> command = new ArrayList<>(List.of("sh", "-c", script));
    command.add(BIN.resolve("mlir-link").toString());
    command.addAll(List.of(args));
    return MlirTools.run(command, null, cwd);
  }

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
    MlirTools.Run run =
        launch(
            dir,
            null,
            "iree-link",
            "main.mlir",
            "--link-module",
            "a.mlir",
            "--link-module",
            "b.mlir",
            "-o",
            out.toString());
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
    MlirTools.Run run =
        shell(
            dir,
            "printf '// header\\n' > \"$1\" && exec \"$0\" main.mlir --link-module a.mlir --link-module b.mlir"
                + " -o /dev/stdout >> \"$1\"",
            out.toString());
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(
        "// header\n" + Files.readString(dir.resolve("expected.mlir")), Files.readString(out));
  }

  /**
   * A link with a range large enough to be copied by the kernel writes the same bytes to a pipe
   * ({@code -o -} and {@code -o /dev/stdout}) as to a file: a pipe behind standard output has no
   * position to copy at.
   */
  @Test
  void aLargeBlobThroughAPipeIsWhatAFileGets() throws Exception {
    Path dir = tmp.resolve("blob");
    Files.createDirectories(dir);
    String digits = "0123456789ABCDEF".repeat(1 << 16); // 1 MiB of hex digits
    Files.writeString(
        dir.resolve("main.mlir"),
        "module @main {\n  func.func private @weights.get() -> tensor<262144xf32>\n}\n");
    Files.writeString(
        dir.resolve("weights.mlir"),
        "module @weights {\n  func.func @get() -> tensor<262144xf32> {\n"
            + "    %0 = arith.constant dense_resource<blob> : tensor<262144xf32>\n"
            + "    return %0 : tensor<262144xf32>\n  }\n}\n"
            + "{-#\n  dialect_resources: {\n    builtin: {\n      blob: \"0x04000000"
            + digits
            + "\"\n    }\n  }\n#-}\n");
    Path file = tmp.resolve("linked.mlir");
    MlirTools.Run toFile =
        launch(
            dir,
            null,
            "mlir-link",
            "main.mlir",
            "--link-module",
            "weights.mlir",
            "-o",
            file.toString());
    assertEquals(0, toFile.exitCode(), toFile.stderr());
    assertTrue(Files.readString(file).contains(digits));
    for (String output : List.of("-", "/dev/stdout")) {
      MlirTools.Run piped =
          launch(
              dir, null, "mlir-link", "main.mlir", "--link-module", "weights.mlir", "-o", output);
      assertEquals(0, piped.exitCode(), output + ": " + piped.stderr());
      assertEquals(Files.readString(file), piped.stdout(), output);
    }
  }

  /** A write error on standard output is an error, not a silent success with nothing written. */
  @Test
  void aFullDiskOnStandardOutputIsAnError() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.exists(Path.of("/dev/full")), "no /dev/full here");
    Path dir = CASES.resolve("named-modules-internal-helpers");
    for (String output : List.of("-", "/dev/stdout")) {
      MlirTools.Run run =
          shell(
              dir,
              "exec \"$0\" main.mlir --link-module a.mlir --link-module b.mlir -o \"$1\" > /dev/full",
              output);
      assertEquals(1, run.exitCode(), output + ": " + run.stderr());
      assertTrue(
          run.stderr().startsWith("error: cannot write '" + output + "': write error"),
          run.stderr());
    }
    MlirTools.Run list = shell(dir, "exec \"$0\" --list-symbols a.mlir > /dev/full");
    assertEquals(1, list.exitCode(), list.stderr());
    assertTrue(list.stderr().startsWith("error: cannot write '-': write error"), list.stderr());
  }

  @Test
  void standardInputAndEqualsFormsThroughMlirLink() throws Exception {
    Path dir = CASES.resolve("named-modules-internal-helpers");
    MlirTools.Run run =
        launch(
            dir,
            Files.readString(dir.resolve("main.mlir")),
            "mlir-link",
            "-",
            "--link-module=a.mlir",
            "--link-module=b.mlir");
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(Files.readString(dir.resolve("expected.mlir")), run.stdout());
  }

  @Test
  void linkErrorPrintsTheDiagnosticExitsOneAndKeepsTheOutputFile() throws Exception {
    Path dir = CASES.resolve("type-mismatch");
    Path out = tmp.resolve("out.mlir");
    Files.writeString(out, "previous content\n");
    MlirTools.Run run =
        launch(
            dir, null, "iree-link", "main.mlir", "--link-module", "lib.mlir", "-o", out.toString());
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

    MlirTools.Run bytecode =
        launch(tmp, null, "iree-link", dir.resolve("main.mlir").toString(), "-o", "out.mlirbc");
    assertEquals(1, bytecode.exitCode()); // a failed link writes no bytecode either
    assertFalse(Files.exists(tmp.resolve("out.mlirbc")));

    assertEquals(2, launch(tmp, null, "iree-link", "--no-such-option").exitCode());
    MlirTools.Run help = launch(tmp, null, "iree-link", "--help");
    assertEquals(0, help.exitCode());
    assertTrue(help.stdout().contains("--link-module"), help.stdout());
    MlirTools.Run version = launch(tmp, null, "iree-link", "--version");
    assertEquals(0, version.exitCode());
    assertTrue(version.stdout().startsWith("mlir-link "), version.stdout());
  }

  /**
   * {@code | head}: a reader that stops reading is no error of ours. As for a Unix tool killed by
   * SIGPIPE: no message, exit code 141. The reader ({@code true}) has exited before the JVM is up,
   * so every write finds the pipe closed.
   */
  @Test
  void aClosedPipeOnStandardOutputEndsQuietlyWith141() throws Exception {
    Path dir = CASES.resolve("named-modules-internal-helpers");
    for (String args :
        List.of(
            "main.mlir --link-module a.mlir --link-module b.mlir",
            "main.mlir --link-module a.mlir --link-module b.mlir -o /dev/stdout",
            "--list-symbols a.mlir")) {
      MlirTools.Run run =
          MlirTools.run(
              List.of(
                  "bash",
                  "-c",
                  "\"$0\" " + args + " | true; exit \"${PIPESTATUS[0]}\"",
                  BIN.resolve("mlir-link").toString()),
              null,
              dir);
      assertEquals(141, run.exitCode(), args + ": " + run.stderr());
      assertEquals("", run.stderr(), args);
    }
  }

  /**
   * Too little heap for the input: one error saying how much the JVM had and how to give it more,
   * exit code 1, no stack trace, and neither the output nor a temporary file written.
   */
  @Test
  void runningOutOfMemoryIsOneErrorSayingHowToGiveMore() throws Exception {
    Files.writeString(
        tmp.resolve("big.mlir"),
        CliRun.bigModule("main", "  util.func private @lib.f() -> i32\n")); // for a 16 MB heap
    MlirTools.Run run = shell(tmp, "MLIR_LINK_JAVA_OPTS=-Xmx16m exec \"$0\" big.mlir -o out.mlir");
    assertEquals(1, run.exitCode(), run.stderr());
    assertEquals(1, run.stderr().lines().count(), run.stderr());
    assertTrue(
        run.stderr()
            .matches(
                "error: out of memory: this link needs more than the \\d+ MB of Java heap"
                    + " the JVM was given; give it more with MLIR_LINK_JAVA_OPTS=-Xmx4g \\(or more\\)\n"),
        run.stderr());
    try (java.util.stream.Stream<Path> files = Files.list(tmp)) {
      assertEquals(List.of(tmp.resolve("big.mlir")), files.toList(), "only the input is there");
    }
  }

  /**
   * A collector chosen in MLIR_LINK_JAVA_OPTS is the one the link runs with: the launcher's own
   * choice steps aside, since the JVM refuses to start with two.
   */
  @Test
  void aCollectorChosenInTheOptionsIsTheOneUsed() throws Exception {
    Files.writeString(
        tmp.resolve("main.mlir"), "module {\n  util.func public @f() {\n    util.return\n  }\n}\n");
    for (String collector : List.of("Serial", "G1", "Parallel")) {
      MlirTools.Run run =
          shell(
              tmp,
              "MLIR_LINK_JAVA_OPTS='-XX:+Use"
                  + collector
                  + "GC -Xlog:gc:stderr' exec \"$0\" main.mlir -o out.mlir");
      assertEquals(0, run.exitCode(), collector + ": " + run.stderr());
      assertTrue(run.stderr().contains("Using " + collector), collector + ": " + run.stderr());
      assertEquals(
          Files.readString(tmp.resolve("main.mlir")), Files.readString(tmp.resolve("out.mlir")));
    }
  }

  /**
   * A heap so small that it runs out before the link starts (while picocli builds the command, on
   * some JVMs) gets the same one line, not a stack trace.
   */
  @Test
  void aHeapTooSmallToStartTheLinkIsTheSameOneError() throws Exception {
    // A heap that lets the read go on a little collects over and over before it gives up (80 s
    // here under the default limits): the JVM is told to give up once a tenth of its time goes to
    // collections that free under half the heap.
    Files.writeString(tmp.resolve("big.mlir"), CliRun.bigModule("main", ""));
    for (String heap : List.of("-Xmx6m", "-Xmx8m")) {
      MlirTools.Run run =
          shell(
              tmp,
              "MLIR_LINK_JAVA_OPTS='"
                  + heap
                  + GIVE_UP_SOONER
                  + "' exec \"$0\" big.mlir -o out.mlir");
      assertEquals(1, run.exitCode(), heap + ": " + run.stderr());
      assertTrue(
          run.stderr()
              .matches("error: out of memory: this link needs more than the \\d+ MB[^\n]*\n"),
          heap + ": " + run.stderr());
      assertFalse(Files.exists(tmp.resolve("out.mlir")), heap);
    }
  }

  /**
   * Permissions as an ordinary user sees them, for the tests that run as root (who may read and
   * write any file): an unreadable input, a read-only output in a writable folder and an output in
   * a folder the user may not write each get the error that fits.
   */
  @Test
  void permissionErrorsAsAnOrdinaryUserNameTheRealCause() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name"))
            && Files.isExecutable(Path.of("/usr/bin/setpriv")),
        "needs root and setpriv to run as another user; CommandLineErrorsTest covers it in this JVM");
    Path work = Files.createDirectories(tmp.resolve("work"));
    java.util.Set<java.nio.file.attribute.PosixFilePermission> all =
        java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx");
    Files.setPosixFilePermissions(tmp, all);
    Files.setPosixFilePermissions(work, all);
    Path dir = CASES.resolve("named-modules-internal-helpers");
    for (String name : List.of("main.mlir", "a.mlir", "b.mlir")) {
      Files.copy(dir.resolve(name), work.resolve(name));
    }
    Files.setPosixFilePermissions(
        work.resolve("b.mlir"),
        java.nio.file.attribute.PosixFilePermissions.fromString("---------"));
    Path readOnly = Files.writeString(work.resolve("read-only.mlir"), "previous content\n");
    Files.setPosixFilePermissions(
        readOnly, java.nio.file.attribute.PosixFilePermissions.fromString("r--r--r--"));
    Path closed =
        Files.createDirectories(tmp.resolve("closed")); // root's, 755: not writable by nobody

    MlirTools.Run unreadable = asNobody(work);
    assertEquals(1, unreadable.exitCode());
    assertEquals("error: cannot read 'b.mlir': permission denied\n", unreadable.stderr());

    Files.setPosixFilePermissions(
        work.resolve("b.mlir"),
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    MlirTools.Run file = asNobody(work, "-o", "read-only.mlir");
    assertEquals(1, file.exitCode());
    assertEquals(
        "error: cannot write 'read-only.mlir': permission denied (the file is read-only)\n",
        file.stderr());
    assertEquals("previous content\n", Files.readString(readOnly));

    String inClosed = closed.resolve("out.mlir").toString();
    MlirTools.Run folder = asNobody(work, "-o", inClosed);
    assertEquals(1, folder.exitCode());
    assertEquals(
        "error: cannot write '"
            + inClosed
            + "': permission denied (the output is written under a"
            + " temporary name in its directory, which must be writable)\n",
        folder.stderr());
  }

  /**
   * The helpers case's link (main.mlir with a.mlir and b.mlir) as user nobody, plus {@code more}.
   */
  private static MlirTools.Run asNobody(Path cwd, String... more) {
    List<String> args =
        new ArrayList<>(List.of("main.mlir", "--link-module", "a.mlir", "--link-module", "b.mlir"));
    args.addAll(List.of(more));
    List<String> command =
        new ArrayList<>(
            List.of(
                "/usr/bin/setpriv",
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                BIN.resolve("mlir-link").toString()));
    command.addAll(args);
    return MlirTools.run(command, null, cwd);
  }
}
