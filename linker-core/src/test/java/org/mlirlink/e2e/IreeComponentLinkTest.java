package org.mlirlink.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mlirlink.Source;

/**
 * Links the IREE components themselves ({@code components/}) and checks the result's shape: every
 * declaration resolved, exactly the expected functions under the expected names, and every op of
 * every component kept as written. That the linked MoE block compiles and computes the right values
 * is the execution tests' part ({@link MoeFfnBlockExecutionTest}).
 */
class IreeComponentLinkTest {
  private static final String MOE_FFN = "moe/moe_ffn_block.mlir";
  private static final String MUL_MAT_ID = "moe/mul_mat_id.mlir";
  private static final String SWIGLU = "activation/swiglu.mlir";

  private static String linkedMoe;
  private static String linkedMath;

  @BeforeAll
  static void link() {
    linkedMoe =
        IreeExecution.link(
            Source.of(IreeExecution.component(MOE_FFN)),
            List.of(IreeExecution.component(MUL_MAT_ID), IreeExecution.component(SWIGLU)));
    linkedMath =
        IreeExecution.link(
            Source.of(IreeExecution.component("test_linking/main_module.mlir")),
            List.of(IreeExecution.component("test_linking/math_module.mlir")));
  }

  @Test
  void moeLinkResolvesEveryDeclaration() {
    for (FunctionOps.FunctionOp op : FunctionOps.all(linkedMoe)) {
      assertFalse(
          op.isDeclaration(), () -> "unresolved declaration @" + op.name() + "\n" + linkedMoe);
    }
    assertFalse(
        linkedMoe.contains("util.func private @moe_components.mul_mat_id(\n"),
        "declaration of mul_mat_id left in the output");
  }

  @Test
  void moeLinkHoldsExactlyTheExpectedFunctionsUnderTheExpectedNames() {
    assertEquals("@moe_ffn_components", FunctionOps.moduleName(linkedMoe));
    Map<String, String> found = new LinkedHashMap<>();
    for (FunctionOps.FunctionOp op : FunctionOps.all(linkedMoe)) {
      String previous = found.put(op.name(), op.kind() + " " + op.visibility());
      assertEquals(null, previous, "@" + op.name() + " defined twice");
    }
    // Definitions replace the declarations in place: same position, name and visibility.
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("moe_components.mul_mat_id", "util.func private");
    expected.put("activation_components.swiglu", "util.func private");
    expected.put("moe_ffn_block", "util.func public");
    assertEquals(
        new ArrayList<>(expected.entrySet()),
        new ArrayList<>(found.entrySet()),
        "functions in order, with kind and visibility\n" + linkedMoe);
  }

  @Test
  void moeLinkKeepsTheSignaturesOfTheDeclarations() throws IOException {
    Map<String, String> declared = new HashMap<>();
    for (FunctionOps.FunctionOp op : FunctionOps.all(read(MOE_FFN))) {
      if (op.isDeclaration()) {
        declared.put(op.name(), op.type());
      }
    }
    for (FunctionOps.FunctionOp op : FunctionOps.all(linkedMoe)) {
      if (declared.containsKey(op.name())) {
        assertEquals(declared.get(op.name()), op.type(), "type of @" + op.name());
      }
    }
  }

  @Test
  void moeLinkKeepsEveryOpOfEachComponentTextually() throws IOException {
    for (String component : List.of(MOE_FFN, MUL_MAT_ID, SWIGLU)) {
      assertBodiesKept(component, read(component), linkedMoe);
    }
  }

  @Test
  void testLinkingPairPullsInThePublicFunctionsAndThePrivateHelper() throws IOException {
    Map<String, String> found = new LinkedHashMap<>();
    for (FunctionOps.FunctionOp op : FunctionOps.all(linkedMath)) {
      assertFalse(op.isDeclaration(), () -> "unresolved declaration @" + op.name());
      found.put(op.name(), op.visibility());
    }
    assertEquals(
        Map.of(
            "math_module.add",
            "private",
            "math_module.scale",
            "private",
            "add_then_double",
            "public",
            "broadcast_mul",
            "private"),
        found,
        linkedMath);
    assertTrue(linkedMath.contains("util.call @broadcast_mul("), linkedMath);
    assertBodiesKept(
        "test_linking/math_module.mlir", read("test_linking/math_module.mlir"), linkedMath);
    assertBodiesKept(
        "test_linking/main_module.mlir", read("test_linking/main_module.mlir"), linkedMath);
  }

  /**
   * Every non-blank line of every function body of {@code source} occurs in {@code linked}, as
   * often as in the source, once symbol names are masked (linking may rename those).
   */
  static void assertBodiesKept(String what, String source, String linked) {
    Map<String, Integer> available = new HashMap<>();
    for (String line : linked.split("\\R")) {
      available.merge(mask(line), 1, Integer::sum);
    }
    List<String> missing = new ArrayList<>();
    for (FunctionOps.FunctionOp op : FunctionOps.all(source)) {
      if (op.isDeclaration()) {
        continue;
      }
      for (String line : op.body().split("\\R")) {
        if (line.isBlank()) {
          continue;
        }
        String key = mask(line);
        Integer left = available.get(key);
        if (left == null || left == 0) {
          missing.add(line);
        } else {
          available.put(key, left - 1);
        }
      }
    }
    if (!missing.isEmpty()) {
      fail(
          what
              + ": lines of the component missing from the linked output:\n"
              + String.join("\n", missing)
              + "\n--- linked output:\n"
              + linked);
    }
  }

  private static String mask(String line) {
    return line.strip().replaceAll("@[\\w.$\\-]+", "@SYMBOL");
  }

  private static String read(String component) throws IOException {
    return Files.readString(IreeExecution.component(component));
  }
}
