package org.mlirlink.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlirlink.model.FunctionSignature;
import org.mlirlink.model.MlirFile;
import org.mlirlink.model.Operation;
import org.mlirlink.model.ResourceSection;
import org.mlirlink.model.SourceText;
import org.mlirlink.write.ModuleWriter;

/**
 * Large generated inputs read completely and correctly. Deliberately not timed: speed is measured
 * by the benchmark, not asserted in unit tests.
 */
class LargeInputTest {
  private static final int FUNCTIONS = 20_000;

  @Test
  void twentyThousandFunctions() {
    StringBuilder text = new StringBuilder(FUNCTIONS * 700);
    text.append("#map = affine_map<(d0) -> (d0)>\nmodule @big {\n");
    for (int i = 0; i < FUNCTIONS; i++) {
      if (i % 2 == 0) {
        text.append("  // function ").append(i).append(" with a } in a comment\n");
        text.append("  func.func private @decl")
            .append(i)
            .append("(tensor<?xf32>, index) -> tensor<?xf32>\n");
      }
      text.append("  func.func @f")
          .append(i)
          .append("(%arg0: tensor<?xf32>, %arg1: index) -> tensor<?xf32>")
          .append(" attributes {note = \"@not_a_use } {\"} {\n")
          .append("    %c0 = arith.constant 0 : index\n")
          .append("    %d = tensor.dim %arg0, %c0 : tensor<?xf32>\n")
          .append("    %0 = func.call @decl")
          .append(i - i % 2)
          .append("(%arg0, %arg1) : (tensor<?xf32>, index) -> tensor<?xf32>\n")
          .append(
              "    %1 = linalg.generic {indexing_maps = [#map, #map], iterator_types = [\"parallel\"]}")
          .append(" ins(%0 : tensor<?xf32>) outs(%arg0 : tensor<?xf32>) {\n")
          .append(
              "    ^bb0(%in: f32, %out: f32):\n      linalg.yield %in : f32\n    } -> tensor<?xf32>\n")
          .append("    return %1 : tensor<?xf32>\n  }\n");
    }
    text.append("}\n");
    String input = text.toString();
    assertTrue(input.length() > 10_000_000, "several MB: " + input.length());

    MlirFile file = MlirReader.read(new SourceText("big.mlir", input));
    List<Operation> ops = file.operations();
    assertEquals(FUNCTIONS + FUNCTIONS / 2, ops.size());
    Operation last = ops.get(ops.size() - 1);
    assertEquals("f" + (FUNCTIONS - 1), last.symbolName().orElseThrow());
    assertEquals(List.of("decl" + (FUNCTIONS - 2)), ReaderFixtures.useRoots(last));
    assertEquals(List.of("#map", "#map"), last.aliasUses().stream().map(u -> u.name()).toList());
    FunctionSignature expected =
        new FunctionSignature(List.of("tensor<?xf32>", "index"), List.of("tensor<?xf32>"));
    assertEquals(expected, last.signature());
    assertEquals(expected, ops.get(0).signature());
    long declarations = ops.stream().filter(Operation::isDeclaration).count();
    assertEquals(FUNCTIONS / 2, declarations);
    assertEquals(input, ModuleWriter.write(file).toString());
  }

  @Test
  void aLargeResourceBlob() {
    int bytes = 8 << 20;
    StringBuilder text = new StringBuilder(2 * bytes + 1000);
    text.append("module {\n  func.func @w() -> tensor<")
        .append(bytes / 4)
        .append("xi32> {\n")
        .append("    %0 = arith.constant dense_resource<big> : tensor<")
        .append(bytes / 4)
        .append("xi32>\n")
        .append("    return %0 : tensor<")
        .append(bytes / 4)
        .append(
            "xi32>\n  }\n}\n\n{-#\n  dialect_resources: {\n    builtin: {\n      big: \"0x04000000");
    for (int i = 0; i < bytes; i++) {
      text.append("0123456789ABCDEF".charAt(i & 15));
    }
    text.append("\"\n    }\n  }\n#-}\n");
    String input = text.toString();
    MlirFile file = MlirReader.read(new SourceText("blob.mlir", input));
    ResourceSection.Entry entry = file.resources().orElseThrow().entries().get(0);
    assertEquals("big", entry.key());
    assertEquals(bytes + 12, entry.valueSpan().length());
    assertEquals(
        List.of("big"),
        file.operations().get(0).resourceUses().stream().map(u -> u.key()).toList());
    assertEquals(input, ModuleWriter.write(file).toString());
  }
}
