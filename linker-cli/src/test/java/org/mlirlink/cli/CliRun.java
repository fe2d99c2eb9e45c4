package org.mlirlink.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.mlirlink.testing.MlirTools;

/**
 * Runs {@link LinkCommand} in this JVM with standard input, output and error captured.
 *
 * <pre>{@code
 * CliRun run = CliRun.of("", "main.mlir", "--link-module", "a.mlir");
 * assertEquals(0, run.exitCode());
 * }</pre>
 *
 * @param exitCode what {@link LinkCommand#run} returned
 * @param stdout everything written to standard output
 * @param stderr everything written to standard error
 */
record CliRun(int exitCode, String stdout, String stderr) {
  /** Runs the command with {@code stdin} as standard input (null: empty). */
  static CliRun of(String stdin, String... args) {
    return ofBytes(stdin == null ? new byte[0] : stdin.getBytes(StandardCharsets.UTF_8), args);
  }

  /** Runs the command with {@code stdin}'s bytes as standard input. */
  static synchronized CliRun ofBytes(byte[] stdin, String... args) {
    InputStream in = System.in;
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    try {
      System.setIn(new ByteArrayInputStream(stdin));
      System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
      int code = LinkCommand.run(args);
      System.out.flush();
      System.err.flush();
      return new CliRun(
          code,
          outBytes.toString(StandardCharsets.UTF_8),
          errBytes.toString(StandardCharsets.UTF_8));
    } finally {
      System.setIn(in);
      System.setOut(out);
      System.setErr(err);
    }
  }

  /** This run's standard error with {@code dir/} left out of file names. */
  String stderrRelativeTo(Path dir) {
    return stderr.replace(dir.toString() + "/", "");
  }

  /** The project's {@code testdata/link/} folder. */
  /**
   * A module of 40 000 small functions, about 6 MB: more than a JVM given 16 MB of heap can link,
   * for the tests of running out of memory. {@code header} goes after the module's opening line.
   */
  static String bigModule(String name, String header) {
    StringBuilder text = new StringBuilder("module @").append(name).append(" {\n").append(header);
    for (int i = 0; i < 40_000; i++) {
      text.append("  util.func public @g")
          .append(i)
          .append("(%a: i32) -> i32 {\n    %c = arith.constant ")
          .append(i)
          .append(" : i32\n    %r = arith.addi %a, %c : i32\n    util.return %r : i32\n  }\n");
    }
    return text.append("}\n").toString();
  }

  static Path linkCases() {
    return MlirTools.projectRoot().resolve("testdata").resolve("link");
  }
}
