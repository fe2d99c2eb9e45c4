package org.mlirlink.lsp;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the editors the tests use as real clients of the server ({@code nvim}).
 *
 * <p>As for the MLIR tools the other modules' tests need: in CI (environment variable {@code CI}
 * set) a missing editor fails the test, so a broken install cannot turn into a green run of skipped
 * tests; elsewhere the test is skipped with a message that says how to install it.
 *
 * <pre>{@code
 * Path nvim = EditorTools.require(EditorTools.NVIM);
 * }</pre>
 */
final class EditorTools {
  static final String NVIM = "nvim";

  private static final String INSTALL_HINT =
      "install it with: apt-get update && apt-get install -y neovim";

  private EditorTools() {}

  /** The tool's path; fails in CI and skips elsewhere when it is not installed. */
  static Path require(String tool) {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
          return Path.of(dir, tool);
        }
      }
    }
    String message = tool + " is not on PATH; " + INSTALL_HINT;
    if (System.getenv("CI") != null) {
      fail(message);
    }
    assumeTrue(false, message);
    return null;
  }
}
