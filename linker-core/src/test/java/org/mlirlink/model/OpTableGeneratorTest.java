package org.mlirlink.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.mlirlink.testing.IreeTools;
import org.mlirlink.testing.MlirTools;

/**
 * The committed op table is what the generator makes of its sources: the pinned release's Python
 * bindings and LLVM 22's {@code .td} files always (both are installed wherever the tests run), and
 * IREE's {@code .td} files when a checkout of IREE's sources is named with {@code
 * -Dmlirlink.iree.source=DIR} (CI has none: that part is skipped there, with a message).
 */
class OpTableGeneratorTest {
  @Test
  void theBindingsAndLlvmPartsAreWhatTheirSourcesGive() throws IOException {
    check(null);
  }

  @Test
  void theIreePartIsWhatIreeSourcesGive() throws IOException {
    Path ireeSource = OpTableGenerator.ireeSource();
    assumeTrue(
        ireeSource != null,
        "the rows from IREE's .td files are not regenerated: name a checkout of IREE commit "
            + OpTableGenerator.IREE_COMMIT
            + " (with third_party/stablehlo and third_party/torch-mlir) with -D"
            + OpTableGenerator.IREE_SOURCE_PROPERTY
            + "=DIR");
    check(ireeSource);
  }

  private static void check(Path ireeSource) throws IOException {
    Path dialects = IreeTools.requireCompilerBindings();
    assertEquals(
        IreeTools.VERSION,
        OpTableGenerator.version(dialects),
        "the table is kept for the pinned release; install it with .ci/install-tools");
    Path tblgen = MlirTools.require(OpTableGenerator.TBLGEN);
    Path llvmInclude = requireLlvmInclude();
    Path committed = MlirTools.projectRoot().resolve(OpTableGenerator.TABLE);
    String text = Files.readString(committed, StandardCharsets.UTF_8);
    OpTableGenerator.Generated generated =
        OpTableGenerator.generate(
            dialects, IreeTools.require("iree-opt"), tblgen, llvmInclude, ireeSource, text);
    assertEquals(
        generated.table(),
        text,
        committed
            + " is not what its sources give: regenerate it as OpTableGenerator's documentation"
            + " says");
  }

  /** LLVM 22's {@code .td} files; fails in CI and skips elsewhere when they are not installed. */
  private static Path requireLlvmInclude() {
    Path include = OpTableGenerator.LLVM_INCLUDE;
    if (!Files.isRegularFile(include.resolve("mlir/IR/OpBase.td"))) {
      String message =
          "LLVM 22's .td files are not in "
              + include
              + "; install them with: apt-get install -y libmlir-22-dev";
      if (System.getenv("CI") != null) {
        fail(message);
      }
      assumeTrue(false, message);
    }
    return include;
  }
}
