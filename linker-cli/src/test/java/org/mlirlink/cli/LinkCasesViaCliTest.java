package org.mlirlink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlirlink.link.LinkCase;

/**
 * Every case of {@code testdata/link/} once more through the command line, with the options of its
 * {@code args} file: the same output on standard output with exit code 0, or the same diagnostics
 * on standard error with exit code 1. (The library tests in linker-core name each behaviour; this
 * pins that the CLI adds nothing and loses nothing.)
 */
class LinkCasesViaCliTest {
  static Stream<String> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(CliRun.linkCases())) {
      return dirs
          .filter(Files::isDirectory)
          .map(d -> d.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void caseGivesTheSameThroughTheCli(String name) throws IOException {
    Path dir = CliRun.linkCases().resolve(name);
    List<String> args = cliArgs(dir);
    CliRun run = CliRun.of(null, args.toArray(String[]::new));
    if (Files.exists(dir.resolve("expected.err"))) {
      assertEquals(Files.readString(dir.resolve("expected.err")), run.stderrRelativeTo(dir), name);
      assertEquals("", run.stdout(), name + ": output written despite the error");
      assertEquals(1, run.exitCode(), name + ": exit code");
      return;
    }
    Path expected = dir.resolve("expected.mlir");
    if (Files.exists(dir.resolve("expected.out"))) {
      expected = dir.resolve("expected.out");
    } else if (!Files.exists(expected)) {
      expected = dir.resolve("main.mlir"); // nothing to link: the input itself
    }
    assertEquals("", run.stderr(), name + ": unexpected diagnostics");
    assertEquals(0, run.exitCode(), name + ": exit code");
    String output = run.stdout().replace(dir.toString() + "/", "");
    assertEquals(Files.readString(expected, StandardCharsets.UTF_8), output, name);
  }

  /** The case's args with file names made absolute, and main.mlir as INPUT unless bundling. */
  static List<String> cliArgs(Path dir) throws IOException {
    List<String> tokens = LinkCase.named(dir.getFileName().toString()).args();
    List<String> args = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      String token = tokens.get(i);
      if (token.startsWith("--link-module=") || token.startsWith("--library-path=")) {
        int eq = token.indexOf('=');
        args.add(token.substring(0, eq + 1) + dir.resolve(token.substring(eq + 1)));
      } else if (token.equals("--link-module") || token.equals("--library-path")) {
        args.add(token);
        args.add(dir.resolve(tokens.get(++i)).toString());
      } else {
        args.add(token);
      }
    }
    if (!tokens.contains("--bundle")) {
      args.add(dir.resolve("main.mlir").toString());
    }
    return args;
  }
}
