package org.mlirlink.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlirlink.model.FunctionSignature;
import org.mlirlink.model.MlirFile;
import org.mlirlink.model.Operation;
import org.mlirlink.model.SourceText;
import org.mlirlink.write.ModuleWriter;

/**
 * Shapes of valid MLIR the reader once rejected or misread, found by running it over IREE's test
 * suite (one case each, written here rather than copied).
 */
class CorpusRegressionTest {

  private static MlirFile read(String text) {
    MlirFile file = MlirReader.read(new SourceText("case.mlir", text));
    assertEquals(text, ModuleWriter.write(file).toString(), "round trip");
    return file;
  }

  private static Operation only(MlirFile file, String symbol) {
    return ReaderFixtures.op(file, symbol);
  }

  @Test
  void utilFuncTakesSeveralResultsWithoutParentheses() {
    MlirFile file =
        read(
            """
            module {
              util.func public @pair(%x: index, %y: i64) -> index, i64 {
                util.return %x, %y : index, i64
              }
              util.func private @tied_pair(%t: tensor<?xf32>, %n: index) -> %t, index, %t as tensor<4xf32>
              util.func private @after() -> i1
            }
            """);
    assertEquals(
        new FunctionSignature(List.of("index", "i64"), List.of("index", "i64")),
        only(file, "pair").signature());
    assertEquals(
        new FunctionSignature(
            List.of("tensor<?xf32>", "index"), List.of("tensor<?xf32>", "index", "tensor<4xf32>")),
        only(file, "tied_pair").signature());
    assertEquals(new FunctionSignature(List.of(), List.of("i1")), only(file, "after").signature());
  }
}
