package org.mlirlink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
  private static String position(Path file, String text) throws IOException {
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
