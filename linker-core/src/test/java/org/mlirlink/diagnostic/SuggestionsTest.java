package org.mlirlink.diagnostic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlirlink.LinkResult;
import org.mlirlink.Linker;
import org.mlirlink.Source;

/** "Did you mean": the closest known name within a third of the name's length, else nothing. */
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
  void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
    assertEquals(0, Suggestions.editDistance("link", "link"));
    assertEquals(1, Suggestions.editDistance("--link-modul", "--link-module"));
    assertEquals(3, Suggestions.editDistance("kitten", "sitting"));
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
