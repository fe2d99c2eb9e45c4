package org.mlirlink.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds and runs the upstream MLIR tools ({@code mlir-opt-22}, {@code mlir-runner-22}) that the
 * differential and execution tests check our output against.
 *
 * <p>In CI (environment variable {@code CI} set) a missing tool fails the test, so a broken install
 * can never turn into a green run of skipped tests; on a developer machine the test is skipped with
 * a message that says how to install the tool.
 *
 * <pre>{@code
 * Path opt = MlirTools.require(MlirTools.OPT);
 * MlirTools.Run run = MlirTools.run(List.of(opt.toString(), file.toString()), null);
 * }</pre>
 */
public final class MlirTools {
  public static final String OPT = "mlir-opt-22";
  public static final String RUNNER = "mlir-runner-22";

  private static final String INSTALL_HINT =
      "install it with: apt-get update && apt-get install -y mlir-22-tools llvm-22-tools";

  private MlirTools() {}

  /** The tool's path; fails in CI and skips elsewhere when it is not installed. */
  public static Path require(String tool) {
    Path found = find(tool);
    if (found == null) {
      String message = tool + " is not on PATH or in /usr/lib/llvm-22/bin; " + INSTALL_HINT;
      if (System.getenv("CI") != null) {
        fail(message);
      }
      assumeTrue(false, message);
    }
    return found;
  }

  private static Path find(String tool) {
    List<Path> candidates = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        if (!dir.isEmpty()) {
          candidates.add(Path.of(dir, tool));
        }
      }
    }
    candidates.add(Path.of("/usr/lib/llvm-22/bin", tool.replace("-22", "")));
    for (Path candidate : candidates) {
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /** What a finished tool printed and its exit code. */
  public record Run(int exitCode, String stdout, String stderr) {
    public boolean ok() {
      return exitCode == 0;
    }
  }

  /**
   * Runs a command with optional standard input and waits for it (at most two minutes). Its
   * standard output and error are captured in temporary files.
   *
   * <p>Never name {@code /dev/null} as a tool's output: an LLVM tool deletes its {@code -o} file
   * when it fails, and as root that removes the device for every later process on the machine. The
   * captured standard output already serves to discard output, so such a command is refused.
   */
  public static Run run(List<String> command, String stdin) {
    return run(command, stdin, null);
  }

  /** Like {@link #run(List, String)}, in the working directory {@code cwd} (null: this one). */
  public static Run run(List<String> command, String stdin, Path cwd) {
    if (command.stream().anyMatch(arg -> arg.contains("/dev/null"))) {
      fail(
          "do not hand /dev/null to a tool (a failing LLVM tool deletes its output file): "
              + command);
    }
    try {
      Path out = Files.createTempFile("mlir-tool", ".out");
      Path err = Files.createTempFile("mlir-tool", ".err");
      try {
        ProcessBuilder builder =
            new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        if (cwd != null) {
          builder.directory(cwd.toFile());
        }
        Process process = builder.start();
        // No input is an empty pipe, closed at once (not /dev/null, which a machine may lack).
        try (var in = process.getOutputStream()) {
          if (stdin != null) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
          }
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          fail("timed out: " + String.join(" ", command));
        }
        return new Run(
            process.exitValue(),
            // Lenient decoding: a tool may echo a source line that is not valid UTF-8.
            new String(Files.readAllBytes(out), StandardCharsets.UTF_8),
            new String(Files.readAllBytes(err), StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Deletes a folder and everything in it, as far as it can (test clean-up). */
  public static void deleteRecursively(Path dir) {
    try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a folder left in the temporary directory does no harm
    }
  }

  /** The project's root folder (where {@code testdata/} and {@code components/} live). */
  public static Path projectRoot() {
    String root = System.getProperty("mlirlink.root");
    Path dir = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("testdata"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("cannot find the project root (a folder holding testdata/)");
    }
    return dir;
  }
}
