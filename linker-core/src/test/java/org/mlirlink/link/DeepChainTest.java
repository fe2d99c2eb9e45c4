package org.mlirlink.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mlirlink.LinkResult;
import org.mlirlink.Linker;
import org.mlirlink.Source;

/** Long dependency chains link on a small thread stack (the library is used inside IDEs). */
class DeepChainTest {
  private static final int LENGTH = 20_000;

  @Test
  void aCallChainTwentyThousandFunctionsLongLinksOnA256KiBStack() throws Exception {
    StringBuilder lib = new StringBuilder("module @chain {\n");
    for (int i = 0; i < LENGTH; i++) {
      lib.append("  func.func @f").append(i).append("(%x: i32) -> i32 {\n");
      if (i + 1 < LENGTH) {
        lib.append("    %r = func.call @f").append(i + 1).append("(%x) : (i32) -> i32\n");
        lib.append("    return %r : i32\n");
      } else {
        lib.append("    return %x : i32\n");
      }
      lib.append("  }\n");
    }
    lib.append("}\n");
    String main = "func.func private @chain.f0(i32) -> i32\n";
    LinkResult result =
        LinkCase.onSmallStack(
            () ->
                Linker.builder()
                    .main(Source.of("main.mlir", main))
                    .linkModule(Source.of("chain.mlir", lib.toString()))
                    .build()
                    .link());
    assertTrue(result.succeeded(), result.formattedDiagnostics());
    String text = result.text();
    assertEquals(LENGTH, text.split("func\\.func ", -1).length - 1);
    // Placed in chain order, each right after the one that calls it, under its qualified name.
    assertTrue(text.indexOf("@chain.f1(") > 0, "qualified");
    assertTrue(text.indexOf("@chain.f1(") < text.indexOf("@chain.f2("), "order");
    assertTrue(
        text.indexOf("@chain.f" + (LENGTH - 2) + "(")
            < text.indexOf("@chain.f" + (LENGTH - 1) + "("),
        "order");
  }
}
