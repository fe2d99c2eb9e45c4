package org.mlirlink.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.mlirlink.testing.IreeTools;
import org.mlirlink.testing.MlirTools;

/** The committed op table is what the generator makes of the pinned IREE release. */
class OpTableGeneratorTest {
  @Test
  void theCommittedTableIsTheOneThePinnedReleaseGives() throws IOException {
    Path dialects = IreeTools.requireCompilerBindings();
    assertEquals(
        IreeTools.VERSION,
        OpTableGenerator.version(dialects),
        "the table is kept for the pinned release; install it with .ci/install-tools");
    Path committed = MlirTools.projectRoot().resolve(OpTableGenerator.TABLE);
    assertEquals(
        OpTableGenerator.generate(dialects),
        Files.readString(committed, StandardCharsets.UTF_8),
        committed
            + " is not what "
            + dialects
            + " gives: regenerate it as OpTableGenerator's documentation says");
  }
}
