package org.mlirlink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the command says about a bad library path, an input or output it cannot use, and a command
 * line it cannot parse: each error names the file and the real cause, and offers what was meant.
 */
class CommandLineErrorsTest {
  private static final Path CASES = CliRun.linkCases();
  private static final Path HELPERS = CASES.resolve("named-modules-internal-helpers");

  @TempDir Path tmp;

  private static CliRun linkHelpers(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                HELPERS.resolve("main.mlir").toString(),
                "--link-module",
                HELPERS.resolve("a.mlir").toString(),
                "--link-module",
                HELPERS.resolve("b.mlir").toString()));
    args.addAll(List.of(more));
    return CliRun.of(null, args.toArray(String[]::new));
  }

  @Test
  void aMissingLibraryPathIsAnErrorNamingIt() {
    Path missing = tmp.resolve("nonexistent");
    Path out = tmp.resolve("out.mlir");
    CliRun run = linkHelpers("--library-path", missing.toString(), "-o", out.toString());
    assertEquals(1, run.exitCode(), run.stderr());
    assertEquals(
        "error: cannot use library path '" + missing + "': no such directory\n", run.stderr());
    assertFalse(Files.exists(out));
  }

  @Test
  void aRegularFileAsLibraryPathIsAnErrorNamingIt() throws IOException {
    Path file = Files.writeString(tmp.resolve("lib.mlir"), "module @lib {}\n");
    CliRun run = linkHelpers("--library-path", file.toString());
    assertEquals(1, run.exitCode(), run.stderr());
    assertEquals(
        "error: cannot use library path '" + file + "': it is not a directory\n", run.stderr());
    assertEquals("", run.stdout());
  }

  /** The reason is the system's, not the file name again (what the JDK's exception holds). */
  @Test
  void anInputThatCannotBeOpenedSaysWhy() throws IOException {
    Path loop = tmp.resolve("loop.mlir");
    Files.createSymbolicLink(loop, loop.getFileName());
    CliRun run = linkHelpers("--link-module", loop.toString());
    assertEquals(1, run.exitCode());
    assertEquals(
        "error: cannot read '" + loop + "': too many levels of symbolic links\n", run.stderr());
  }

  @Test
  void anEmptyOutputNameIsAnErrorSayingSo() {
    CliRun run = linkHelpers("-o", "");
    assertEquals(1, run.exitCode());
    assertEquals("error: cannot write '': the name is empty\n", run.stderr());
    assertEquals("", run.stdout());
  }

  @Test
  void anEmptyInputNameIsAnErrorSayingSo() {
    CliRun run = linkHelpers("--link-module", "");
    assertEquals(2, run.exitCode());
    assertTrue(run.stderr().startsWith("error: an input file name is empty\n"), run.stderr());
  }

  /**
   * A read-only file that the user may write (root) is replaced and keeps its mode: the temporary
   * file gets the mode only once it is written.
   */
  @Test
  void aReadOnlyOutputFileThatMayBeWrittenIsReplacedAndKeepsItsMode() throws IOException {
    Path out = Files.writeString(tmp.resolve("out.mlir"), "previous content\n");
    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("r--r--r--"));
    Assumptions.assumeTrue(Files.isWritable(out), "not root: the file is read-only for us");
    CliRun run = linkHelpers("-o", out.toString());
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(Files.readString(HELPERS.resolve("expected.mlir")), Files.readString(out));
    assertEquals(PosixFilePermissions.fromString("r--r--r--"), Files.getPosixFilePermissions(out));
  }

  @Test
  void aMistypedOptionGetsTheOptionItResembles() {
    CliRun run = CliRun.of(null, "--link-modul", "a.mlir");
    assertEquals(2, run.exitCode());
    assertTrue(run.stderr().contains("\ndid you mean --link-module?\n"), run.stderr());
    CliRun oneDash = CliRun.of(null, "-librar-path", "libs");
    assertTrue(oneDash.stderr().contains("\ndid you mean --library-path?\n"), oneDash.stderr());
  }

  /**
   * The file after a mistyped option is that option's value, not a second mistake: only the option
   * is reported (picocli lists the file among the unknown options when INPUT is given already).
   */
  @Test
  void aMistypedOptionsValueIsNotReportedWithIt() {
    CliRun run = CliRun.of(null, "main.mlir", "--link-modul", "a.mlir");
    assertEquals(2, run.exitCode());
    assertTrue(
        run.stderr()
            .startsWith("error: Unknown option: '--link-modul'\ndid you mean --link-module?\n"),
        run.stderr());
    assertFalse(run.stderr().contains("a.mlir"), run.stderr());
    CliRun two = CliRun.of(null, "main.mlir", "--link-modul", "a.mlir", "--whi", "f");
    assertTrue(
        two.stderr().startsWith("error: Unknown options: '--link-modul', '--whi'\n"), two.stderr());
  }

  /**
   * A one-letter typo is most likely the start of a long option: every long option it starts,
   * rather than whichever one-letter option is one edit away ({@code -l} is not {@code -o}).
   */
  @Test
  void aShortOptionTypoGetsTheLongOptionsItStarts() {
    CliRun run = CliRun.of(null, "-l", "a.mlir");
    assertEquals(2, run.exitCode());
    assertTrue(
        run.stderr()
            .contains(
                "\ndid you mean --link-module, --library-path, --list-symbols or --link-map?\n"),
        run.stderr());
    CliRun lin = CliRun.of(null, "-lin", "a.mlir");
    assertTrue(
        lin.stderr().contains("\ndid you mean --link-module or --link-map?\n"), lin.stderr());
    CliRun check = CliRun.of(null, "check", "dir", "-l", "lib");
    assertTrue(check.stderr().contains("\ndid you mean --library-path?\n"), check.stderr());
  }

  /**
   * Any letter is one edit from any other: a one-letter option is offered for its own letter only.
   */
  @Test
  void aLetterNoOptionStartsGetsNoOneLetterOption() {
    CliRun run = CliRun.of(null, "-x", "a.mlir");
    assertEquals(2, run.exitCode());
    assertTrue(run.stderr().startsWith("error: Unknown option: '-x'\nTry "), run.stderr());
    CliRun upper = CliRun.of(null, "-O", "out.mlir");
    assertTrue(upper.stderr().contains("\ndid you mean -o?\n"), upper.stderr());
  }

  /** iree-link ignores a bundle's INPUT; here it is refused, saying how to give it. */
  @Test
  void aBundlesInputGetsAHintToGiveItWithLinkModule() {
    CliRun run = CliRun.of(null, "--bundle", "a.mlir");
    assertEquals(2, run.exitCode());
    assertTrue(
        run.stderr()
            .startsWith(
                "error: --bundle takes no INPUT\n"
                    + "a bundle takes its inputs as --link-module: did you mean --link-module"
                    + " a.mlir?\n"),
        run.stderr());
    CliRun two = CliRun.of(null, "--bundle", "a.mlir", "-o", "out.mlir", "b c.mlir");
    assertEquals(2, two.exitCode());
    assertTrue(
        two.stderr()
            .startsWith(
                "error: --bundle takes no INPUT\n"
                    + "a bundle takes its inputs as --link-module: did you mean --link-module"
                    + " a.mlir --link-module 'b c.mlir'?\n"),
        two.stderr());
  }

  @Test
  void aSecondInputFileGetsAHintToUseLinkModule() {
    CliRun run = CliRun.of(null, "main.mlir", "lib.mlir");
    assertEquals(2, run.exitCode());
    assertTrue(
        run.stderr().contains("give each module to link from with --link-module lib.mlir"),
        run.stderr());
    // A file after "--" is a file, however it starts.
    CliRun dashed = CliRun.of(null, "main.mlir", "--", "-lib.mlir");
    assertTrue(
        dashed.stderr().startsWith("error: Unmatched argument: '-lib.mlir'\n"), dashed.stderr());
    // Quoted as the shell needs it, to be copied into the command line.
    CliRun spaced = CliRun.of(null, "main.mlir", "my lib.mlir");
    assertTrue(spaced.stderr().contains("--link-module 'my lib.mlir'\n"), spaced.stderr());
  }
}
