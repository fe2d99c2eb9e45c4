package org.mlirlink.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlirlink.testing.MlirTools;

/**
 * The upstream-dialect twin of {@code moe_ffn_block} under {@code testdata/e2e/} is what the
 * benchmark ({@code bench/run.sh}, row (c)) times {@code mlir-opt-22} on, since {@code mlir-opt}
 * cannot parse the IREE component itself. For that comparison to mean something the twin must
 * verify with {@code mlir-opt-22} and have the component's shape: same module name, same functions
 * with the same visibility and types, same dotted declarations.
 */
class UpstreamTwinsTest {
  private static final String FILE = "moe/moe_ffn_block.mlir";

  private static Path twin() {
    return MlirTools.projectRoot().resolve("testdata/e2e").resolve(FILE);
  }

  @Test
  void twinVerifiesWithMlirOpt() {
    var opt = MlirTools.require(MlirTools.OPT);
    MlirTools.Run run = MlirTools.run(List.of(opt.toString(), twin().toString()), null);
    assertTrue(run.ok(), () -> FILE + " does not verify:\n" + run.stderr());
  }

  @Test
  void twinHasTheComponentsModuleNameFunctionsAndDeclarations() throws IOException {
    String component = Files.readString(IreeExecution.component(FILE));
    String twin = Files.readString(twin());
    assertEquals(FunctionOps.moduleName(component), FunctionOps.moduleName(twin), "module name");
    assertEquals(shape(component, "util.func"), shape(twin, "func.func"), "functions of " + FILE);
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
