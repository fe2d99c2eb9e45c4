package org.mlirlink.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlirlink.testing.MlirTools;

/**
 * The upstream-dialect twins under {@code testdata/e2e/} stand in for the IREE components in the
 * execution tests, so they must verify with {@code mlir-opt-22} and link the same way: same module
 * name, same functions with the same visibility and types, same dotted declarations.
 */
class UpstreamTwinsTest {
  @ParameterizedTest
  @ValueSource(strings = {"activation/swiglu.mlir", "moe/mul_mat_id.mlir", "moe/moe_ffn_block.mlir"})
  void twinVerifiesWithMlirOpt(String file) {
    var opt = MlirTools.require(MlirTools.OPT);
    MlirTools.Run run =
        MlirTools.run(List.of(opt.toString(), MlirExecution.twin(file).toString()), null);
    assertTrue(run.ok(), () -> file + " does not verify:\n" + run.stderr());
  }

  @ParameterizedTest
  @ValueSource(strings = {"activation/swiglu.mlir", "moe/mul_mat_id.mlir", "moe/moe_ffn_block.mlir"})
  void twinHasTheComponentsModuleNameFunctionsAndDeclarations(String file) throws IOException {
    String component = Files.readString(MlirExecution.component(file));
    String twin = Files.readString(MlirExecution.twin(file));
    assertEquals(FunctionOps.moduleName(component), FunctionOps.moduleName(twin), "module name");
    assertEquals(shape(component, "util.func"), shape(twin, "func.func"), "functions of " + file);
  }

  /** "kind visibility @name type [decl]" per function, with the dialect's func op as "FUNC". */
  private static List<String> shape(String text, String kind) {
    List<String> out = new ArrayList<>();
    for (FunctionOps.FunctionOp op : FunctionOps.all(text)) {
      assertEquals(kind, op.kind(), "@" + op.name());
      out.add("FUNC " + op.visibility() + " @" + op.name() + " " + op.type()
          + (op.isDeclaration() ? " [declaration]" : ""));
    }
    return out;
  }
}
