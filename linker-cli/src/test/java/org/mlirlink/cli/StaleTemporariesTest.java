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
 * Temporary outputs that a killed run ({@code kill -9}) left beside the output are removed by the
 * next run writing it, if their process is gone; a live process's are never touched.
 */
class StaleTemporariesTest {
  private static final Path HELPERS = CliRun.linkCases().resolve("named-modules-internal-helpers");

  /** Above any process id Linux hands out (at most 2^22), so certainly no process's. */
  private static final long DEAD_PID = Integer.MAX_VALUE;

  @TempDir Path tmp;

  @Test
  void aDeadProcesssTemporaryIsRemovedAndALiveOnesIsKept() throws IOException {
    assertTrue(ProcessHandle.of(DEAD_PID).isEmpty(), "the process id is in use");
    Path out = tmp.resolve("out.mlir");
    Path stale = Files.writeString(tmp.resolve(".out.mlir." + DEAD_PID + ".0.tmp"), "half written");
    long live = ProcessHandle.current().pid();
    Path ours = Files.writeString(tmp.resolve(".out.mlir." + live + ".3.tmp"), "being written");
    Path otherOutput =
        Files.writeString(tmp.resolve(".other.mlir." + DEAD_PID + ".0.tmp"), "not ours to judge");
    Path notATemporary =
        Files.writeString(tmp.resolve(".out.mlir." + DEAD_PID + ".0.tmp.bak"), "kept");

    CliRun run =
        CliRun.of(
            null,
            HELPERS.resolve("main.mlir").toString(),
            "--link-module",
            HELPERS.resolve("a.mlir").toString(),
            "--link-module",
            HELPERS.resolve("b.mlir").toString(),
            "-o",
            out.toString());
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(Files.readString(HELPERS.resolve("expected.mlir")), Files.readString(out));
    assertFalse(Files.exists(stale), "the dead process's temporary file is still there");
    assertEquals("being written", Files.readString(ours));
    assertTrue(Files.exists(otherOutput), "a temporary of another output was removed");
    assertTrue(Files.exists(notATemporary), "a file that only starts like a temporary was removed");
  }
}
