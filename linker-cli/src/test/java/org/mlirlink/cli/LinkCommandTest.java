package org.mlirlink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line (iree-link's options and ours), run in this JVM through {@link LinkCommand#run}.
 */
class LinkCommandTest {
  private static final Path CASES = CliRun.linkCases();
  private static final Path HELPERS = CASES.resolve("named-modules-internal-helpers");

  @TempDir Path tmp;

  private static String file(Path dir, String name) {
    return dir.resolve(name).toString();
  }

  /**
   * The plain usage (an input and two link modules) on the helpers case, with {@code more}
   * arguments.
   */
  private static CliRun linkHelpers(String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                file(HELPERS, "main.mlir"),
                "--link-module",
                file(HELPERS, "a.mlir"),
                "--link-module",
                file(HELPERS, "b.mlir")));
    args.addAll(List.of(more));
    return CliRun.of(null, args.toArray(String[]::new));
  }

  private static String expected(Path dir) throws IOException {
    return Files.readString(dir.resolve("expected.mlir"));
  }

  @Test
  void plainUsageWritesTheLinkedModuleToTheOutputFile() throws IOException {
    Path out = tmp.resolve("out.mlir");
    CliRun run = linkHelpers("-o", out.toString());
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals("", run.stdout());
    assertEquals("", run.stderr());
    assertEquals(expected(HELPERS), Files.readString(out));
    assertNoTemporaryFilesLeft();
  }

  @Test
  void reportsAreWrittenNextToTheOutputAndWhyExplainsAChain() throws IOException {
    Path chain = CASES.resolve("transitive-chain");
    Path out = tmp.resolve("out.mlir");
    CliRun run =
        CliRun.of(
            null,
            file(chain, "main.mlir"),
            "--link-module",
            file(chain, "lib.mlir"),
            "-o",
            out.toString(),
            "--depfile",
            tmp.resolve("out.d").toString(),
            "--link-map=" + tmp.resolve("out.map"),
            "--json-report",
            tmp.resolve("out.json").toString(),
            "--why",
            "leaf",
            "--why=@nowhere");
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(expected(chain), Files.readString(out));
    assertEquals(
        out + ": \\\n  " + file(chain, "main.mlir") + " \\\n  " + file(chain, "lib.mlir") + "\n",
        Files.readString(tmp.resolve("out.d")));
    assertTrue(
        Files.readString(tmp.resolve("out.map")).contains("leaf <- lib.leaf (util.func) at "));
    assertTrue(Files.readString(tmp.resolve("out.json")).contains("\"neededBy\": \"middle\""));
    assertTrue(run.stderr().startsWith("why @leaf:\n  @lib.first "), run.stderr());
    assertTrue(run.stderr().contains("  @leaf (lib.leaf at "), run.stderr());
    assertTrue(run.stderr().contains("why @nowhere: not linked"), run.stderr());
    assertNoTemporaryFilesLeft();
  }

  @Test
  void aReportThatCannotBeWrittenLeavesTheOutputFileUntouched() throws IOException {
    Path chain = CASES.resolve("transitive-chain");
    Path out = tmp.resolve("out.mlir");
    Files.writeString(out, "previous content");
    CliRun run =
        CliRun.of(
            null,
            file(chain, "main.mlir"),
            "--link-module",
            file(chain, "lib.mlir"),
            "-o",
            out.toString(),
            "--link-map",
            tmp.resolve("missing-dir/out.map").toString());
    assertEquals(1, run.exitCode());
    assertTrue(run.stderr().startsWith("error: cannot write '"), run.stderr());
    assertEquals("previous content", Files.readString(out));
    assertNoTemporaryFilesLeft();
  }

  @Test
  void oneDashLongOptionsWorkAsIreeLinksLlvmParserTakesThem() throws IOException {
    Path out = tmp.resolve("out.mlir");
    CliRun run =
        CliRun.of(
            null,
            file(HELPERS, "main.mlir"),
            "-link-module=" + file(HELPERS, "a.mlir"),
            "-link-module",
            file(HELPERS, "b.mlir"),
            "-o=" + out);
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(expected(HELPERS), Files.readString(out));
    CliRun list = CliRun.of(null, "-list-symbols", file(HELPERS, "a.mlir"));
    assertEquals(0, list.exitCode(), list.stderr());
    assertTrue(list.stdout().startsWith("Public symbols in "), list.stdout());
  }

  /** Listing a file's symbols reads every function header in it, and stops at a malformed one. */
  @Test
  void listSymbolsReportsAMalformedFunctionHeaderAtItsPlace() throws IOException {
    Path lib =
        Files.writeString(
            tmp.resolve("lib.mlir"),
            "module @lib {\n"
                + "  util.func public @f(%a: i32 garbage garbage, %b i32) -> i32 {\n"
                + "    util.return %a : i32\n"
                + "  }\n"
                + "}\n");
    CliRun list = CliRun.of(null, "--list-symbols", lib.toString());
    assertEquals(1, list.exitCode(), list.stderr());
    assertEquals("", list.stdout());
    assertEquals(
        lib
            + ":2:31: error: expected ',' or ')' in the argument list, found 'garbage'\n"
            + "  util.func public @f(%a: i32 garbage garbage, %b i32) -> i32 {\n"
            + "                              ^\n",
        list.stderr());
  }

  @Test
  void bytecodeOutputIsRecognizedByExtensionInAnyCase() {
    Path out = tmp.resolve("out.MLIRBC");
    CliRun run = linkHelpers("-o", out.toString());
    assertCustomFormRefused(run);
    assertFalse(Files.exists(out));
  }

  @Test
  void equalsAndSpaceFormsOfEveryOptionAreTheSame() throws IOException {
    Path lib = CASES.resolve("library-path-discovery");
    CliRun spaced =
        CliRun.of(
            null,
            file(lib, "main.mlir"),
            "--library-path",
            file(lib, "lib1"),
            "--library-path",
            file(lib, "lib2"),
            "-o",
            tmp.resolve("spaced.mlir").toString());
    CliRun equals =
        CliRun.of(
            null,
            file(lib, "main.mlir"),
            "--library-path=" + file(lib, "lib1"),
            "--library-path=" + file(lib, "lib2"),
            "-o=" + tmp.resolve("equals.mlir"));
    assertEquals(0, spaced.exitCode(), spaced.stderr());
    assertEquals(0, equals.exitCode(), equals.stderr());
    assertEquals(expected(lib), Files.readString(tmp.resolve("spaced.mlir")));
    assertEquals(expected(lib), Files.readString(tmp.resolve("equals.mlir")));

    CliRun linkEquals =
        CliRun.of(
            null,
            "--link-module=" + file(HELPERS, "a.mlir"),
            "--link-module=" + file(HELPERS, "b.mlir"),
            file(HELPERS, "main.mlir"));
    assertEquals(0, linkEquals.exitCode(), linkEquals.stderr());
    assertEquals(expected(HELPERS), linkEquals.stdout());
  }

  @Test
  void dashReadsTheInputFromStandardInput() throws IOException {
    String main = Files.readString(HELPERS.resolve("main.mlir"));
    CliRun run =
        CliRun.of(
            main,
            "-",
            "--link-module",
            file(HELPERS, "a.mlir"),
            "--link-module",
            file(HELPERS, "b.mlir"));
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(expected(HELPERS), run.stdout());
    CliRun byDefault =
        CliRun.of(
            main,
            "--link-module",
            file(HELPERS, "a.mlir"),
            "--link-module",
            file(HELPERS, "b.mlir"));
    assertEquals(expected(HELPERS), byDefault.stdout(), "INPUT defaults to '-'");
  }

  @Test
  void listSymbolsPrintsTheHeaderThenOneIndentedNamePerLine() throws IOException {
    Path dir = CASES.resolve("list-symbols");
    CliRun run = CliRun.of(null, "--list-symbols", file(dir, "main.mlir"));
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(
        Files.readString(dir.resolve("expected.out")).replace("main.mlir", file(dir, "main.mlir")),
        run.stdout());
  }

  /**
   * Bytecode is written from generic form only: a link of text in custom form asked for bytecode is
   * an error naming the first op in custom form and saying what to do, and writes nothing.
   */
  @Test
  void bytecodeOutputOfCustomFormTextIsAClearErrorAndWritesNothing() {
    Path out = tmp.resolve("out.mlir");
    CliRun flag = linkHelpers("--output-bytecode", "-o", out.toString());
    assertCustomFormRefused(flag);
    assertFalse(Files.exists(out));

    Path mlirbc = tmp.resolve("out.mlirbc");
    CliRun extension = linkHelpers("-o", mlirbc.toString());
    assertCustomFormRefused(extension);
    assertFalse(Files.exists(mlirbc));
    assertNoTemporaryFilesLeft();
  }

  private static void assertCustomFormRefused(CliRun run) {
    assertEquals(1, run.exitCode());
    assertEquals("", run.stdout());
    assertTrue(
        run.stderr().startsWith("the linked output:")
            && run.stderr().contains("is in custom form; bytecode output needs every op in generic")
            && run.stderr().contains("give the inputs as bytecode"),
        run.stderr());
  }

  @Test
  void exitCodeIsZeroOnSuccessOneOnALinkErrorTwoOnBadUsage() {
    Path unresolved = CASES.resolve("unresolved-symbol");
    assertEquals(0, linkHelpers().exitCode());
    assertEquals(
        1,
        CliRun.of(
                null, file(unresolved, "main.mlir"), "--link-module", file(unresolved, "lib.mlir"))
            .exitCode());
    assertEquals(1, CliRun.of(null, file(HELPERS, "no-such-file.mlir")).exitCode());
    assertEquals(2, CliRun.of(null, "--no-such-option").exitCode());
    assertEquals(2, CliRun.of(null, "--link-module").exitCode(), "option without its value");
    assertEquals(2, CliRun.of(null, "a.mlir", "b.mlir").exitCode(), "two INPUTs");
    assertEquals(
        2,
        CliRun.of(null, "--bundle", file(HELPERS, "main.mlir")).exitCode(),
        "--bundle takes no INPUT");
  }

  @Test
  void usageErrorIsReportedAsAnErrorLineOnStandardError() {
    CliRun run = CliRun.of(null, "--no-such-option");
    assertEquals(2, run.exitCode());
    assertEquals("", run.stdout());
    assertTrue(
        run.stderr().startsWith("error: Unknown option: '--no-such-option'\n"), run.stderr());
  }

  @Test
  void missingInputFileIsReportedByName() {
    CliRun run = CliRun.of(null, file(HELPERS, "no-such-file.mlir"));
    assertEquals(
        "error: cannot read '" + file(HELPERS, "no-such-file.mlir") + "': no such file\n",
        run.stderr());
  }

  @Test
  void linkErrorCreatesNoOutputFile() throws IOException {
    Path dir = CASES.resolve("type-mismatch");
    Path out = tmp.resolve("out.mlir");
    CliRun run =
        CliRun.of(
            null,
            file(dir, "main.mlir"),
            "--link-module",
            file(dir, "lib.mlir"),
            "-o",
            out.toString());
    assertEquals(1, run.exitCode());
    assertEquals(Files.readString(dir.resolve("expected.err")), run.stderrRelativeTo(dir));
    assertFalse(Files.exists(out));
    assertNoTemporaryFilesLeft();
  }

  @Test
  void linkErrorLeavesAnExistingOutputFileAsItWas() throws IOException {
    Path dir = CASES.resolve("unresolved-symbol");
    Path out = tmp.resolve("out.mlir");
    Files.writeString(out, "previous content\n");
    CliRun run =
        CliRun.of(
            null,
            file(dir, "main.mlir"),
            "--link-module",
            file(dir, "lib.mlir"),
            "-o",
            out.toString());
    assertEquals(1, run.exitCode());
    assertEquals("previous content\n", Files.readString(out));
    assertNoTemporaryFilesLeft();
  }

  @Test
  void successReplacesAnExistingOutputFile() throws IOException {
    Path out = tmp.resolve("out.mlir");
    Files.writeString(out, "previous content\n");
    CliRun run = linkHelpers("-o", out.toString());
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(expected(HELPERS), Files.readString(out));
    assertNoTemporaryFilesLeft();
  }

  @Test
  void anOutputThatIsAFifoIsWrittenThroughAndStaysAFifo() throws Exception {
    // A rename would swap a FIFO or a device such as /dev/null for a plain file (as root, for
    // every process on the machine); such a target is written directly instead.
    Path fifo = tmp.resolve("out.fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertEquals(0, mkfifo.waitFor());
    java.util.concurrent.CompletableFuture<String> read =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> {
              try {
                return Files.readString(fifo);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    CliRun run = linkHelpers("-o", fifo.toString());
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(expected(HELPERS), read.get(30, java.util.concurrent.TimeUnit.SECONDS));
    assertTrue(Files.exists(fifo), "the FIFO is still there");
    assertFalse(
        Files.isRegularFile(fifo, java.nio.file.LinkOption.NOFOLLOW_LINKS),
        "the FIFO was replaced by a regular file");
    assertNoTemporaryFilesLeft();
  }

  @Test
  void anOutputThatIsASymbolicLinkKeepsTheLinkAndReplacesTheFileItNames() throws IOException {
    Path real = Files.writeString(tmp.resolve("real.mlir"), "previous content\n");
    Path link = Files.createSymbolicLink(tmp.resolve("out.mlir"), real.getFileName());
    CliRun run = linkHelpers("-o", link.toString());
    assertEquals(0, run.exitCode(), run.stderr());
    assertTrue(Files.isSymbolicLink(link), "the link was replaced by a file");
    assertEquals(expected(HELPERS), Files.readString(real));
    assertNoTemporaryFilesLeft();
  }

  @Test
  void devStdoutIsStandardOutputAndTwoOutputsThereAreBothWritten() throws IOException {
    CliRun run = linkHelpers("-o", "/dev/stdout", "--link-map", "/dev/stdout");
    assertEquals(0, run.exitCode(), run.stderr());
    assertTrue(run.stdout().startsWith(expected(HELPERS)), run.stdout());
    String linkMap = run.stdout().substring(expected(HELPERS).length());
    assertTrue(linkMap.startsWith("# output name <- source name"), linkMap);
    assertTrue(
        linkMap.contains("\ninternal_helper <- module_a.internal_helper (util.func) at "), linkMap);
  }

  @Test
  void aDirectoryAsAnyOutputIsAnErrorBeforeAnythingIsWritten() {
    CliRun run = linkHelpers("-o", "/dev/stdout", "--link-map", tmp.toString());
    assertEquals(1, run.exitCode());
    assertEquals("", run.stdout());
    assertEquals("error: cannot write '" + tmp + "': it is a directory\n", run.stderr());
  }

  @Test
  void aVeryLongOutputNameStillGetsATemporaryNameThatFits() throws IOException {
    Path out = tmp.resolve("m".repeat(245) + ".mlir"); // 251 bytes: at the usual limit of 255
    CliRun run = linkHelpers("-o", out.toString());
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(expected(HELPERS), Files.readString(out));
    assertNoTemporaryFilesLeft();
  }

  @Test
  void twoOutputsNamingOneFileEvenSpelledTwoWaysAreAnErrorAndWriteNothing() {
    Path out = tmp.resolve("out.mlir");
    String sameFile = tmp.resolve(".").resolve("out.mlir").toString();
    CliRun run = linkHelpers("-o", out.toString(), "--depfile", sameFile);
    assertEquals(1, run.exitCode());
    assertEquals(
        "error: cannot write '" + sameFile + "': it is named by two outputs\n", run.stderr());
    assertFalse(Files.exists(out));
    assertNoTemporaryFilesLeft();
  }

  @Test
  void aReplacedOutputKeepsItsModeAndANewOneGetsTheUmasksMode() throws IOException {
    Path probe = Files.createFile(tmp.resolve("probe")); // what this process's umask gives
    Set<PosixFilePermission> narrow = PosixFilePermissions.fromString("rw-r-----");
    if (narrow.equals(Files.getPosixFilePermissions(probe))) {
      narrow = PosixFilePermissions.fromString("rw-------"); // must differ from the umask's
    }
    Path old = Files.writeString(tmp.resolve("old.mlir"), "previous content\n");
    Files.setPosixFilePermissions(old, narrow);
    Path fresh = tmp.resolve("new.mlir");
    for (Path out : List.of(old, fresh)) {
      CliRun run = linkHelpers("-o", out.toString());
      assertEquals(0, run.exitCode(), run.stderr());
      assertEquals(expected(HELPERS), Files.readString(out));
    }
    assertEquals(narrow, Files.getPosixFilePermissions(old));
    assertEquals(Files.getPosixFilePermissions(probe), Files.getPosixFilePermissions(fresh));
  }

  /** ".." after a symbolic link is the parent of where the link points, as for the shell. */
  @Test
  void dotDotAfterALinkedDirectoryIsResolvedByTheFileSystem() throws IOException {
    Path sub = Files.createDirectories(tmp.resolve("real/sub"));
    Path link = Files.createSymbolicLink(tmp.resolve("lnk"), sub);
    CliRun run = linkHelpers("-o", link + "/../out.mlir");
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(expected(HELPERS), Files.readString(tmp.resolve("real/out.mlir")));
    assertFalse(Files.exists(tmp.resolve("out.mlir")));
  }

  @Test
  void outputIntoAMissingDirectoryIsAnError() {
    Path out = tmp.resolve("missing").resolve("out.mlir");
    CliRun run = linkHelpers("-o", out.toString());
    assertEquals(1, run.exitCode());
    assertTrue(run.stderr().startsWith("error: cannot write '" + out + "'"), run.stderr());
    assertFalse(Files.exists(out));
  }

  @Test
  void helpAndVersionPrintAndExitZero() {
    CliRun help = CliRun.of(null, "--help");
    assertEquals(0, help.exitCode());
    // LLVM's style, as iree-link's help shows its options: a space, and the value in angle
    // brackets.
    assertTrue(help.stdout().contains("--link-module <file>"), help.stdout());
    assertTrue(help.stdout().contains("--library-path <dir>"), help.stdout());
    assertTrue(help.stdout().contains("-o <file>"), help.stdout());
    assertFalse(help.stdout().contains("=<"), help.stdout());
    assertTrue(help.stdout().contains("141"), "the exit code of a closed pipe: " + help.stdout());
    assertTrue(help.stdout().contains("--list-symbols"), help.stdout());
    assertTrue(help.stdout().contains("--bundle"), help.stdout());
    assertTrue(help.stdout().contains("--output-bytecode"), help.stdout());
    CliRun version = CliRun.of(null, "--version");
    assertEquals(0, version.exitCode());
    assertTrue(version.stdout().startsWith("mlir-link "), version.stdout());
    assertFalse(
        version.stdout().contains("unknown"),
        "the build's version is in the jar: " + version.stdout());
  }

  @Test
  void bundleWritesOneModuleOfAllLinkModules() throws IOException {
    Path dir = CASES.resolve("bundle-mode");
    CliRun run =
        CliRun.of(
            null,
            "--bundle",
            "--link-module",
            file(dir, "vec.mlir"),
            "--link-module",
            file(dir, "counter1.mlir"),
            "--link-module=" + file(dir, "counter2.mlir"),
            "--link-module",
            file(dir, "mat.mlir"));
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(expected(dir), run.stdout());
    assertEquals("module {}\n", CliRun.of(null, "--bundle").stdout());
  }

  private void assertNoTemporaryFilesLeft() {
    try (Stream<Path> files = Files.list(tmp)) {
      assertEquals(
          java.util.List.of(),
          files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
