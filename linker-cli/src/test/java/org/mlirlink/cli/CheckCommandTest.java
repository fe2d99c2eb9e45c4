package org.mlirlink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlirlink.testing.MlirTools;

/**
 * {@code mlir-link check DIR...} run in this JVM: a clean tree, each kind of diagnostic at its
 * place, what a file or a library path given to it means, its usage errors, and that it writes
 * nothing.
 */
class CheckCommandTest {
  private static final Path COMPONENTS = MlirTools.projectRoot().resolve("components");

  @TempDir Path tmp;

  @Test
  void theComponentsCheckCleanly() throws IOException {
    CliRun run = CliRun.of(null, "check", COMPONENTS.toString());
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals("", run.stdout());
    assertEquals(mlirFiles(COMPONENTS) + " files checked, no errors\n", run.stderr());
  }

  @Test
  void aDeclarationOfTheWrongTypeIsATypeMismatchAtItsName() throws IOException {
    Path tree = copyOfComponents();
    Path block = tree.resolve("moe/moe_ffn_block.mlir");
    // The expert ids of the declaration of @moe_components.mul_mat_id become i64: the definition
    // takes i32.
    edit(
        block,
        "tensor<?x?xi32>\n  ) -> tensor<?x?x?xf32>",
        "tensor<?x?xi64>\n  ) -> tensor<?x?x?xf32>");
    Path definition = tree.resolve("moe/mul_mat_id.mlir");

    CliRun run = CliRun.of(null, "check", tree.toString());

    assertEquals(1, run.exitCode(), run.stderr());
    assertEquals("", run.stdout());
    List<String> lines = run.stderr().lines().toList();
    String error = lines.get(0);
    assertTrue(
        error.startsWith(
            block + ":" + position(block, "@moe_components.mul_mat_id(") + ": error: "),
        run.stderr());
    assertTrue(error.endsWith(" [type-mismatch]"), run.stderr());
    assertTrue(
        run.stderr().contains("\n" + definition + ":" + position(definition, "@mul_mat_id(%")),
        "a note at the definition: " + run.stderr());
    assertEquals(
        "1 error in 1 file (" + mlirFiles(tree) + " files checked)", lines.get(lines.size() - 1));
  }

  @Test
  void aDottedDeclarationNothingDefinesIsUnresolved() throws IOException {
    Path tree = copyOfComponents();
    Path block = tree.resolve("moe/moe_ffn_block.mlir");
    edit(
        block,
        "module @moe_ffn_components {\n",
        "module @moe_ffn_components {\n"
            + "  util.func private @moe_components.no_such_kernel(tensor<?xf32>) -> tensor<?xf32>\n");

    CliRun run = CliRun.of(null, "check", tree.toString());

    assertEquals(1, run.exitCode(), run.stderr());
    String error = run.stderr().lines().findFirst().orElseThrow();
    assertTrue(
        error.startsWith(
            block + ":" + position(block, "@moe_components.no_such_kernel") + ": error: "),
        run.stderr());
    assertTrue(error.endsWith(" [unresolved-external]"), run.stderr());
    assertTrue(
        run.stderr().endsWith("\n1 error in 1 file (" + mlirFiles(tree) + " files checked)\n"),
        run.stderr());
  }

  @Test
  void aFileThatDoesNotReadIsASyntaxErrorAtItsPlace() throws IOException {
    Path tree = copyOfComponents();
    Path main = tree.resolve("test_linking/main_module.mlir");
    edit(main, "%b: tensor<4xf32>) -> tensor<4xf32> {", "%b: tensor<4xf32>)) -> tensor<4xf32> {");

    CliRun run = CliRun.of(null, "check", tree.toString());

    assertEquals(1, run.exitCode(), run.stderr());
    String error = run.stderr().lines().findFirst().orElseThrow();
    assertTrue(
        error.startsWith(main + ":" + position(main, ")) -> tensor<4xf32> {", 1) + ": error: "),
        run.stderr());
    assertTrue(error.endsWith(" [syntax]"), run.stderr());
    assertTrue(
        run.stderr().endsWith("\n1 error in 1 file (" + mlirFiles(tree) + " files checked)\n"),
        run.stderr());
  }

  /**
   * A malformed function header is a syntax error at its first bad token though nothing declares
   * the function: its header is read with its file, not only when a type is compared.
   */
  @Test
  void aMalformedFunctionHeaderIsASyntaxErrorAtItsFirstBadToken() throws IOException {
    Path tree = copyOfComponents();
    Path main = tree.resolve("test_linking/main_module.mlir");
    edit(
        main,
        "@add_then_double(%a: tensor<4xf32>, %b: tensor<4xf32>)",
        "@add_then_double(%a: tensor<4xf32> %b: tensor<4xf32>)");

    CliRun run = CliRun.of(null, "check", tree.toString());

    assertEquals(1, run.exitCode(), run.stderr());
    assertEquals("", run.stdout());
    assertEquals(
        main
            + ":"
            + position(main, "%b: tensor<4xf32>) -> tensor<4xf32> {")
            + ": error: expected ',' or ')' in the argument list, found '%b' [syntax]",
        run.stderr().lines().findFirst().orElseThrow());
    assertTrue(
        run.stderr().endsWith("\n1 error in 1 file (" + mlirFiles(tree) + " files checked)\n"),
        run.stderr());
  }

  /**
   * Three errors in two files: each file's in turn, in path order, then the count; and the tree is
   * as it was, byte for byte and time for time, with no file added.
   */
  @Test
  void everyErrorIsReportedInPathOrderAndNothingIsWritten() throws IOException {
    Path tree = copyOfComponents();
    Path block = tree.resolve("moe/moe_ffn_block.mlir");
    edit(
        block,
        "tensor<?x?xi32>\n  ) -> tensor<?x?x?xf32>",
        "tensor<?x?xi64>\n  ) -> tensor<?x?x?xf32>");
    edit(
        block,
        "module @moe_ffn_components {\n",
        "module @moe_ffn_components {\n"
            + "  util.func private @moe_components.no_such_kernel(tensor<?xf32>) -> tensor<?xf32>\n");
    Path main = tree.resolve("test_linking/main_module.mlir");
    edit(main, "%b: tensor<4xf32>) -> tensor<4xf32> {", "%b: tensor<4xf32>)) -> tensor<4xf32> {");
    Map<String, String> before = snapshot(tree);

    CliRun run = CliRun.of(null, "check", tree.toString());

    assertEquals(1, run.exitCode(), run.stderr());
    assertEquals("", run.stdout());
    List<String> errors = run.stderr().lines().filter(line -> line.contains(": error: ")).toList();
    assertEquals(3, errors.size(), run.stderr());
    assertTrue(errors.get(0).startsWith(block + ":"), run.stderr());
    assertTrue(errors.get(1).startsWith(block + ":"), run.stderr());
    assertTrue(errors.get(2).startsWith(main + ":"), run.stderr());
    assertTrue(
        run.stderr().endsWith("\n3 errors in 2 files (" + mlirFiles(tree) + " files checked)\n"),
        run.stderr());
    assertEquals(before, snapshot(tree));
  }

  /**
   * A file given as DIR is checked alone: its siblings are no roots, so what only they define is
   * unresolved; given as well, they resolve it.
   */
  @Test
  void aFileIsCheckedAloneAgainstTheOtherRoots() throws IOException {
    Path block = COMPONENTS.resolve("moe/moe_ffn_block.mlir");
    Path activation = COMPONENTS.resolve("activation");

    CliRun alone =
        CliRun.of(null, "check", block.toString(), "--library-path", activation.toString());
    assertEquals(1, alone.exitCode(), alone.stderr());
    String error = alone.stderr().lines().findFirst().orElseThrow();
    assertTrue(
        error.startsWith(
            block + ":" + position(block, "@moe_components.mul_mat_id(") + ": error: "),
        alone.stderr());
    assertTrue(error.endsWith(" [unresolved-external]"), alone.stderr());
    assertTrue(alone.stderr().endsWith("\n1 error in 1 file (1 file checked)\n"), alone.stderr());

    CliRun both =
        CliRun.of(
            null,
            "check",
            block.toString(),
            COMPONENTS.resolve("moe/mul_mat_id.mlir").toString(),
            "-library-path",
            activation.toString());
    assertEquals(0, both.exitCode(), both.stderr());
    assertEquals("2 files checked, no errors\n", both.stderr());
  }

  /** A library path's modules are linked against, its own files' problems are not reported. */
  @Test
  void aLibraryPathIsReadButNotChecked() throws IOException {
    Path tree = copyOfComponents();
    edit(
        tree.resolve("test_linking/main_module.mlir"),
        "%b: tensor<4xf32>) -> tensor<4xf32> {",
        "%b: tensor<4xf32>)) -> tensor<4xf32> {");
    CliRun run =
        CliRun.of(
            null,
            "check",
            tree.resolve("moe").toString(),
            "--library-path",
            tree.resolve("activation").toString(),
            "--library-path",
            tree.resolve("test_linking").toString());
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals("2 files checked, no errors\n", run.stderr());
  }

  /** A missing DIR or library path is an error naming it, as a link reports a library path. */
  @Test
  void aMissingDirOrLibraryPathIsAnErrorNamingIt() throws IOException {
    Path missing = tmp.resolve("nonexistent");
    CliRun dir = CliRun.of(null, "check", COMPONENTS.toString(), missing.toString());
    assertEquals(1, dir.exitCode(), dir.stderr());
    assertEquals(
        "error: cannot check '" + missing + "': no such file or directory\n", dir.stderr());

    Path file = Files.writeString(tmp.resolve("lib.mlir"), "module @lib {}\n");
    CliRun library =
        CliRun.of(
            null,
            "check",
            COMPONENTS.toString(),
            "--library-path",
            missing.toString(),
            "--library-path",
            file.toString());
    assertEquals(1, library.exitCode(), library.stderr());
    assertEquals(
        "error: cannot use library path '"
            + missing
            + "': no such directory\n"
            + "error: cannot use library path '"
            + file
            + "': it is not a directory\n",
        library.stderr());
    assertEquals("", library.stdout());
  }

  /**
   * A check that would check nothing is an error, not a pass: a folder without a .mlir file, and a
   * file the workspace would not hold.
   */
  @Test
  void aDirWithNothingToCheckIsAnError() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    Files.writeString(empty.resolve("notes.txt"), "module @lib {}\n");
    CliRun folder = CliRun.of(null, "check", COMPONENTS.toString(), empty.toString());
    assertEquals(1, folder.exitCode(), folder.stderr());
    assertEquals(
        "error: cannot check '"
            + empty
            + "': found no .mlir file in it (or cannot read a folder in it)\n",
        folder.stderr());

    Path text = empty.resolve("notes.txt");
    CliRun file = CliRun.of(null, "check", text.toString());
    assertEquals(1, file.exitCode(), file.stderr());
    assertEquals(
        "error: cannot check '" + text + "': it is not a .mlir or .mlirbc file\n", file.stderr());
  }

  @Test
  void usageErrorsExitWithTwoAndPointAtTheHelpOfCheck() {
    CliRun noDir = CliRun.of(null, "check");
    assertEquals(2, noDir.exitCode(), noDir.stderr());
    assertTrue(
        noDir.stderr().startsWith("error: Missing required parameter: 'DIR'"), noDir.stderr());
    assertTrue(
        noDir.stderr().endsWith("Try 'mlir-link check --help' for more information.\n"),
        noDir.stderr());

    CliRun typo = CliRun.of(null, "check", COMPONENTS.toString(), "--library-pth", "lib");
    assertEquals(2, typo.exitCode(), typo.stderr());
    assertTrue(typo.stderr().contains("\ndid you mean --library-path?\n"), typo.stderr());
  }

  @Test
  void helpOfCheckAndTheLinkHelpListingIt() {
    CliRun check = CliRun.of(null, "check", "--help");
    assertEquals(0, check.exitCode(), check.stderr());
    assertTrue(check.stdout().startsWith("Usage: mlir-link check "), check.stdout());
    assertTrue(check.stdout().contains("DIR..."), check.stdout());
    assertTrue(check.stdout().contains("--library-path <dir>"), check.stdout());
    assertTrue(check.stdout().contains("Exit codes:"), check.stdout());

    CliRun link = CliRun.of(null, "--help");
    assertEquals(0, link.exitCode(), link.stderr());
    assertTrue(link.stdout().contains("\nCommands:\n  check "), link.stdout());
    assertTrue(link.stdout().contains("./check"), link.stdout());
    assertFalse(link.stdout().contains("[COMMAND]"), "check comes first only: " + link.stdout());
  }

  /** Only the first argument names the subcommand: a second file named check is what it was. */
  @Test
  void checkAnywhereButFirstIsAFileAsBefore() {
    CliRun run = CliRun.of(null, "main.mlir", "check");
    assertEquals(2, run.exitCode(), run.stderr());
    assertTrue(
        run.stderr().contains("give each module to link from with --link-module check"),
        run.stderr());
  }

  private Path copyOfComponents() throws IOException {
    Path tree = tmp.resolve("components");
    try (Stream<Path> files = Files.walk(COMPONENTS)) {
      for (Path from : files.toList()) {
        Path to = tree.resolve(COMPONENTS.relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to);
        }
      }
    }
    return tree;
  }

  private static long mlirFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(f -> f.toString().endsWith(".mlir")).count();
    }
  }

  /** Replaces the one occurrence of {@code text} in {@code file}. */
  private static void edit(Path file, String text, String replacement) throws IOException {
    String old = Files.readString(file);
    int at = old.indexOf(text);
    assertTrue(at >= 0 && old.indexOf(text, at + 1) < 0, "once in " + file + ": " + text);
    Files.writeString(file, old.replace(text, replacement));
  }

  /** {@code LINE:COL} of the first {@code text} in {@code file}. */
  static String position(Path file, String text) throws IOException {
    return position(file, text, 0);
  }

  /** {@code LINE:COL} of the character {@code skip} past the first {@code text} in {@code file}. */
  private static String position(Path file, String text, int skip) throws IOException {
    String content = Files.readString(file);
    int at = content.indexOf(text);
    assertTrue(at >= 0, text + " in " + file);
    at += skip;
    int lineStart = content.lastIndexOf('\n', at - 1) + 1;
    long line = content.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    return line + ":" + (at - lineStart + 1);
  }

  /** Every file and folder under {@code dir}: its content (files) and its modification time. */
  private static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : walk.toList()) {
        String content = Files.isDirectory(path) ? "(folder)" : Files.readString(path);
        files.put(dir.relativize(path).toString(), Files.getLastModifiedTime(path) + " " + content);
      }
    }
    return files;
  }
}
