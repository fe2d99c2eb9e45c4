package org.mlirlink.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * The tool runner keeps the machine intact: a failing LLVM tool deletes its {@code -o} file, and a
 * CI run as root once lost {@code /dev/null} that way, failing every later test that needed it.
 */
class MlirToolsTest {
  @Test
  void aCommandNamingDevNullIsRefusedBeforeItRuns(@TempDir Path tmp) {
    for (String output : List.of("/dev/null", "-o=/dev/null")) {
      Path marker = tmp.resolve("ran");
      AssertionFailedError refused =
          assertThrows(
              AssertionFailedError.class,
              () -> MlirTools.run(List.of("touch", marker.toString(), output), null));
      assertTrue(refused.getMessage().contains("/dev/null"), refused.getMessage());
      assertFalse(Files.exists(marker), "the command ran");
    }
  }

  @Test
  void aCommandWithoutInputReadsAnEmptyStream() {
    MlirTools.Run run = MlirTools.run(List.of("wc", "-c"), null);
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals("0", run.stdout().trim());
  }
}
