package org.mlirlink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs that are not MLIR text, given every way an input can be given: each is exit code 1, one
 * clear error, no stack trace, nothing of the input's raw bytes on the terminal, no output file.
 */
class BadInputTest {
  /**
   * MLIR bytecode's magic number, a version, and a producer cut short: bytecode that is cut off.
   */
  private static final byte[] BYTECODE = {'M', 'L', (byte) 0xEF, 'R', 0x0D, 'M', 'L'};

  private static final String MAIN = "module @main {\n  util.func private @lib.f()\n}\n";

  @TempDir Path tmp;

  @Test
  void truncatedBytecodeIsAnErrorAsTheLinkModule() throws IOException {
    Path main = Files.writeString(tmp.resolve("main.mlir"), MAIN);
    Path lib = Files.write(tmp.resolve("lib.mlirbc"), BYTECODE);
    assertTruncatedBytecodeRefused(
        CliRun.of(
            null,
            main.toString(),
            "--link-module",
            lib.toString(),
            "-o",
            tmp.resolve("out.mlir").toString()),
        lib.toString());
  }

  @Test
  void truncatedBytecodeIsAnErrorAsTheMainInputWhateverItsName() throws IOException {
    Path main = Files.write(tmp.resolve("main.mlir"), BYTECODE);
    assertTruncatedBytecodeRefused(
        CliRun.of(null, main.toString(), "-o", tmp.resolve("out.mlir").toString()),
        main.toString());
  }

  @Test
  void truncatedBytecodeIsAnErrorOnStandardInput() {
    assertTruncatedBytecodeRefused(
        CliRun.ofBytes(BYTECODE, "-", "-o", tmp.resolve("out.mlir").toString()), "<stdin>");
  }

  @Test
  void truncatedBytecodeIsAnErrorUnderALibraryPath() throws IOException {
    Path main = Files.writeString(tmp.resolve("main.mlir"), MAIN);
    Path libs = Files.createDirectories(tmp.resolve("libs"));
    Path lib = Files.write(libs.resolve("lib.mlirbc"), BYTECODE);
    assertTruncatedBytecodeRefused(
        CliRun.of(
            null,
            main.toString(),
            "--library-path",
            libs.toString(),
            "-o",
            tmp.resolve("out.mlir").toString()),
        lib.toString());
  }

  private void assertTruncatedBytecodeRefused(CliRun run, String name) {
    assertEquals(1, run.exitCode(), run.stderr());
    assertTrue(
        run.stderr()
            .contains(
                "cannot read '"
                    + name
                    + "': malformed MLIR bytecode at byte 5: the producer has no terminating null byte"),
        run.stderr());
    assertFalse(run.stderr().contains("UTF-8"), run.stderr());
    assertFalse(Files.exists(tmp.resolve("out.mlir")));
  }

  @Test
  void aBinaryFileShowsNoControlCharacterOfItsOwn() throws IOException {
    byte[] elf = new byte[64];
    byte[] header = {
      0x7F, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0x1B, '[', '2', 'J', '\r', 0, (byte) 0xC3, 0x28
    };
    System.arraycopy(header, 0, elf, 0, header.length);
    Path binary = Files.write(tmp.resolve("a.out"), elf);
    CliRun run = CliRun.of(null, binary.toString());
    assertEquals(1, run.exitCode());
    assertTrue(
        run.stderr().startsWith(binary + ":1:17: error: invalid UTF-8 byte sequence"),
        run.stderr());
    for (char c : run.stderr().toCharArray()) {
      assertTrue(
          c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7F),
          () -> "control character " + (int) c + " written to the terminal:\n" + run.stderr());
    }
    // Shown as pictures, one character each: the caret still points at the bad byte.
    assertTrue(run.stderr().contains("\u2421ELF\u2402\u2401\u2401\u2400"), run.stderr());
    String[] lines = run.stderr().split("\n");
    assertEquals(16, lines[2].indexOf('^'), run.stderr());
  }

  @Test
  void aLongLineIsShownAsAWindowAroundTheError() throws IOException {
    String line = "module @m {" + " ".repeat(5000) + "oops }";
    Path file = Files.writeString(tmp.resolve("long.mlir"), line + "\n");
    CliRun run = CliRun.of(null, file.toString());
    assertEquals(1, run.exitCode());
    String[] lines = run.stderr().split("\n");
    assertTrue(
        lines[1].length() < 200 && lines[1].startsWith("...") && lines[1].contains("oops"),
        run.stderr());
    assertEquals(lines[1].indexOf("oops"), lines[2].indexOf('^'), run.stderr());
  }
}
