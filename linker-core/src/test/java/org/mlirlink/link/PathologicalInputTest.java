package org.mlirlink.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlirlink.LinkResult;
import org.mlirlink.Linker;
import org.mlirlink.Source;

/**
 * Inputs at the edges of what MLIR allows: deep nesting on a caller's small thread stack, line
 * endings and bytes MLIR's lexer takes as whitespace. The library must give the answer the input
 * calls for, never an exception, whatever thread it runs on.
 */
class PathologicalInputTest {

  private static final String LIB =
      "module @lib {\n  util.func public @f(%a: i32) {\n    util.return\n  }\n}\n";

  @Test
  void twentyThousandNestedModulesReadOnASmallStack() {
    String nested = "module {\n".repeat(20_000) + "}\n".repeat(20_000);
    LinkResult result =
        LinkCase.onSmallStack(
            () -> Linker.builder().main(Source.of("nested.mlir", nested)).build().link());
    assertTrue(result.succeeded(), result::formattedDiagnostics);
    assertEquals(nested, result.text());
  }

  @Test
  void aTypeNestedOneHundredThousandDeepIsCheckedOnASmallStack() {
    String deep = "tuple<".repeat(100_000) + "i32" + ">".repeat(100_000);
    String main = "module @m {\n  util.func private @lib.f(" + deep + ")\n}\n";
    LinkResult result = LinkCase.onSmallStack(() -> LinkCase.linkInMemory(main, LIB));
    assertFalse(result.succeeded());
    assertEquals(1, result.diagnostics().size(), result::formattedDiagnostics);
    assertTrue(
        result.diagnostics().get(0).message().startsWith("type mismatch for symbol 'lib.f'"),
        result.diagnostics().get(0).message().substring(0, 60));
  }

  /**
   * A function of megabytes (a hex constant) from a library indented by four spaces sits at the
   * output's two, its lines moved left as a short one's are, whether read from a file (through a
   * cursor's window) or from memory.
   */
  @Test
  void anOpOfMegabytesMovedToAnotherIndentationIsReindentedLineByLine(@TempDir Path dir)
      throws IOException {
    String hex = "0123456789ABCDEF".repeat(200_000); // 3.2 MB
    String function =
        "util.func public @f() -> tensor<1600000xi8> {\n"
            + "        %c = arith.constant dense<\"0x"
            + hex
            + "\"> : tensor<1600000xi8>\n"
            + "        util.return %c : tensor<1600000xi8>\n"
            + "    }";
    String lib = "module @lib {\n    " + function + "\n}\n";
    String main = "module @main {\n  util.func private @lib.f() -> tensor<1600000xi8>\n}\n";
    Path libFile = Files.writeString(dir.resolve("lib.mlir"), lib);
    Path mainFile = Files.writeString(dir.resolve("main.mlir"), main);
    LinkResult fromFiles =
        Linker.builder().main(Source.of(mainFile)).linkModule(Source.of(libFile)).build().link();
    assertTrue(fromFiles.succeeded(), fromFiles::formattedDiagnostics);
    String expected =
        function
            .replace("public @f()", "private @lib.f()")
            .replace("\n        ", "\n      ")
            .replace("\n    }", "\n  }");
    assertTrue(fromFiles.text().contains("\n  " + expected + "\n"), "the function reindented");
    assertEquals(LinkCase.linkInMemory(main, lib).text(), fromFiles.text());
  }

  @Test
  void aLoneCarriageReturnEndsLinesAndComments() {
    String main = "// the main module\rmodule @main {\r  util.func private @lib.f(i32)\r}\r";
    String lib =
        "// a library\rmodule @lib {\r  util.func public @f(%a: i32) {\r"
            + "    util.return\r  }\r}\r";
    LinkResult result = LinkCase.linkInMemory(main, lib);
    assertTrue(result.succeeded(), result::formattedDiagnostics);
    assertTrue(
        result.text().contains("util.func private @lib.f(%a: i32) {\r    util.return"),
        result.text());
  }

  @Test
  void aNulByteBetweenOpsIsWhitespaceAsForMlir() {
    String main = "module @main {\n  util.func private @lib.f(i32)\n}\n\0\n";
    LinkResult result = LinkCase.linkInMemory(main, LIB);
    assertTrue(result.succeeded(), result::formattedDiagnostics);
  }

  @Test
  void anAliasWithNoValueBeforeTheNextItemIsAnErrorAtItsPlace() {
    LinkResult result =
        Linker.builder().main(Source.of("m.mlir", "#map = module {\n}\n")).build().link();
    assertEquals(
        "m.mlir:1:8: error: expected a value after '=' in the definition of alias '#map'\n"
            + "#map = module {\n       ^\n",
        result.formattedDiagnostics());
  }

  @Test
  void aGenericFunctionWithoutSymNameIsAnErrorAtItsPlace() {
    String main =
        "module @m {\n  \"func.func\"() <{function_type = (i32) -> i32}> ({\n  }) : () -> ()\n}\n";
    LinkResult result = Linker.builder().main(Source.of("m.mlir", main)).build().link();
    assertEquals(1, result.diagnostics().size(), result::formattedDiagnostics);
    assertTrue(
        result
            .formattedDiagnostics()
            .startsWith(
                "m.mlir:2:3: error: expected a string"
                    + " 'sym_name' in the attributes of 'func.func'"),
        result.formattedDiagnostics());
  }
}
