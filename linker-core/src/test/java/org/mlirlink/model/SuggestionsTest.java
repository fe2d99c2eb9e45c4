package org.mlirlink.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlirlink.LinkResult;
import org.mlirlink.Linker;
import org.mlirlink.Source;

/**
 * "Did you mean": the closest known name within a third of the name's length, else nothing; for a
 * dotted name, a close name in the module it names before any in another module.
 */
class SuggestionsTest {
  @Test
  void aTypoGetsTheNameItResembles() {
    assertEquals(
        "lib.helper", Suggestions.closest("lib.helpr", List.of("lib.other", "lib.helper")));
  }

  @Test
  void theClosestOfSeveralCandidatesWins() {
    assertEquals("m.scale", Suggestions.closest("m.scal", List.of("m.scales", "m.scale")));
  }

  @Test
  void aNameTooFarFromEveryCandidateGetsNoSuggestion() {
    assertNull(Suggestions.closest("lib.f", List.of("other.g", "lib.helper")));
    assertNull(Suggestions.closest("anything", List.of()));
  }

  @Test
  void aNameInTheNamedModuleComesBeforeAsCloseANameInAnother() {
    assertEquals(
        "activation_components.swiglu_x",
        Suggestions.closest(
            "activation_components.swiglu",
            List.of("activation_components_1.swiglu", "activation_components.swiglu_x")));
  }

  /** A function renamed to a longer name is still found by the name it starts with. */
  @Test
  void aNameInTheNamedModuleComesBeforeACloserDottedNameInAnother() {
    assertEquals(
        "activation_components.swiglu_fused",
        Suggestions.closest(
            "activation_components.swiglu",
            List.of("activation_components_10.swiglu", "activation_components.swiglu_fused")));
    assertEquals(
        "activation_components.swiglu_x",
        Suggestions.closest(
            "activation_components.swiglu",
            List.of("activation_components_10.swiglu", "activation_components.swiglu_x")));
  }

  /**
   * The named module's names are judged by their own part: the module's name, the same in both,
   * would let any of them through ("swiglu" is four edits from "gelu").
   */
  @Test
  void anotherModuleIsSuggestedOnlyWhenTheNamedOneHasNothingClose() {
    assertEquals(
        "activation_components_10.swiglu",
        Suggestions.closest(
            "activation_components.swiglu",
            List.of("activation_components.gelu", "activation_components_10.swiglu")));
    assertNull(
        Suggestions.closest("activation_components.swiglu", List.of("activation_components.gelu")));
    assertEquals(
        "activation_components.swiglu",
        Suggestions.closest(
            "activaton_components.swiglu", List.of("activation_components.swiglu")));
  }

  @Test
  void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
    assertEquals(0, Suggestions.editDistance("link", "link"));
    assertEquals(1, Suggestions.editDistance("--link-modul", "--link-module"));
    assertEquals(3, Suggestions.editDistance("kitten", "sitting"));
  }

  /** The module is the part before the first dot, as the link reads a dotted name. */
  @Test
  void aDottedFunctionNameStaysInItsModule() {
    assertEquals(
        "lib1.math_ops.twice",
        Suggestions.closest(
            "lib1.math_ops.twce", List.of("lib2.math_ops.twce", "lib1.math_ops.twice")));
    assertEquals("lib1", Suggestions.namedModule("lib1.math_ops.twice"));
  }

  @Test
  void anUnresolvedDeclarationSaysWhatItResembles() {
    LinkResult result =
        Linker.builder()
            .main(Source.of("main.mlir", "module @main {\n  util.func private @math.ad(i32)\n}\n"))
            .linkModule(
                Source.of(
                    "math.mlir",
                    "module @math {\n  util.func public @add(%x: i32) {\n    util.return\n  }\n}\n"))
            .build()
            .link();
    assertTrue(
        result
            .diagnostics()
            .get(0)
            .message()
            .equals("unresolved external symbol: 'math.ad'; did you mean 'math.add'?"),
        result.formattedDiagnostics());
  }
}
