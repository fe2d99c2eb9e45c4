package org.mlirlink.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlirlink.LinkResult;
import org.mlirlink.Linker;
import org.mlirlink.Source;
import org.mlirlink.report.LinkReport;
import org.mlirlink.report.LinkedSymbol;
import org.mlirlink.testing.MlirTools;

/** The link report: files read, what was linked from where, and why. */
class LinkReportTest {
  private static final Path CASES = MlirTools.projectRoot().resolve("testdata/link");

  private static LinkResult link(String caseName, String... modules) {
    Path dir = CASES.resolve(caseName);
    Linker.Builder builder = Linker.builder().main(Source.of(dir.resolve("main.mlir")));
    for (String module : modules) {
      builder.linkModule(Source.of(dir.resolve(module)));
    }
    LinkResult result = builder.build().link();
    assertTrue(result.succeeded(), result.formattedDiagnostics());
    return result;
  }

  @Test
  void reportListsEveryLinkedOpWithItsOutputNameSourceAndWhatNeededIt() {
    LinkReport report = link("transitive-chain", "lib.mlir").report();
    List<String> lines =
        report.symbols().stream()
            .map(s -> s.name() + " <- " + s.sourceName() + " by " + s.neededBy())
            .toList();
    assertEquals(
        List.of(
            "lib.first <- lib.first by null",
            "lib.second <- lib.second by null",
            "middle <- lib.middle by lib.first",
            "leaf <- lib.leaf by middle",
            "other <- lib.other by lib.second"),
        lines);
    LinkedSymbol leaf = report.symbols().get(3);
    assertTrue(leaf.definedAt().file().endsWith("transitive-chain/lib.mlir"), leaf.toString());
    assertEquals(2, leaf.definedAt().line());
  }

  @Test
  void whyGivesTheChainFromTheTargetDeclarationToTheSymbol() {
    LinkReport report = link("transitive-chain", "lib.mlir").report();
    List<String> chain = report.why("leaf").orElseThrow().stream().map(LinkedSymbol::name).toList();
    assertEquals(List.of("lib.first", "middle", "leaf"), chain);
    assertTrue(report.why("not_linked").isEmpty());
  }

  @Test
  void whyTextIsTheChainALineEachOrTheNamesCloseToOneNotLinked() {
    LinkReport report = link("transitive-chain", "lib.mlir").report();
    String chain = report.whyText("@leaf");
    assertEquals(4, chain.lines().count(), chain);
    assertTrue(chain.startsWith("why @leaf:\n  @lib.first (lib.first at "), chain);
    assertTrue(
        chain.contains(") replaces a declaration of the input\n  @middle (lib.middle at "), chain);
    assertTrue(chain.endsWith(") is used by @middle"), chain);
    assertEquals(chain, report.whyText("leaf"));
    assertEquals(
        "why @leef: not linked (it is not in the output, or it is the input's own); did you"
            + " mean @leaf, @lib.leaf?",
        report.whyText("leef"));
    assertEquals(
        "why @zzz: not linked (it is not in the output, or it is the input's own)",
        report.whyText("zzz"));
  }

  /**
   * A dotted name not linked gets the close names of the module it names, not as close a name of
   * another module ({@code act_1.swiglu} is two edits from {@code act.swiglu}, as {@code
   * act.swiglu_x} is).
   */
  @Test
  void whyTextOffersTheNamedModulesNamesBeforeAnotherModulesOnes() {
    String function = "  util.func public @%s(%%x: i32) {\n    util.return\n  }\n";
    LinkResult result =
        Linker.builder()
            .main(
                Source.of(
                    "main.mlir",
                    "module @main {\n"
                        + "  util.func private @act_1.swiglu(i32)\n"
                        + "  util.func private @act.swiglu_x(i32)\n"
                        + "  util.func public @entry(%x: i32) {\n"
                        + "    util.call @act_1.swiglu(%x) : (i32) -> ()\n"
                        + "    util.call @act.swiglu_x(%x) : (i32) -> ()\n"
                        + "    util.return\n"
                        + "  }\n"
                        + "}\n"))
            .linkModule(
                Source.of("act_1.mlir", "module @act_1 {\n" + function.formatted("swiglu") + "}\n"))
            .linkModule(
                Source.of("act.mlir", "module @act {\n" + function.formatted("swiglu_x") + "}\n"))
            .build()
            .link();
    assertTrue(result.succeeded(), result.formattedDiagnostics());
    assertEquals(List.of("act.swiglu_x"), result.report().namesLike("act.swiglu"));
    // Nothing in act_2: every module's close names, closest first.
    assertEquals(
        List.of("act_1.swiglu", "act.swiglu_x"), result.report().namesLike("act_2.swiglu"));
  }

  @Test
  void initializersAreReportedUnderTheGlobalTheyCameWith() {
    LinkReport report = link("globals-from-library", "counter.mlir").report();
    List<String> chain =
        report.why("util.initializer").orElseThrow().stream().map(LinkedSymbol::name).toList();
    assertEquals(List.of("counter.next", "count_0", "util.initializer"), chain);
  }

  @Test
  void makeDependenciesNameTheOutputAndEveryFileRead() {
    LinkReport report = link("named-modules-internal-helpers", "a.mlir", "b.mlir").report();
    String rule = report.makeDependencies("out dir/linked.mlir");
    assertTrue(rule.startsWith("out\\ dir/linked.mlir: \\\n"), rule);
    assertEquals(3, report.inputs().size());
    for (String input : report.inputs()) {
      assertTrue(rule.contains("  " + input), rule);
    }
  }

  @Test
  void jsonReportHoldsTheInputsAndOneObjectPerLinkedOp() {
    LinkReport report = link("transitive-chain", "lib.mlir").report();
    String json = report.json();
    assertTrue(json.contains("\"inputs\": [\""), json);
    assertEquals(5, json.split("\\{\"name\": ").length - 1, json);
    assertTrue(
        json.contains("{\"name\": \"leaf\", \"source\": \"lib.leaf\", \"op\": \"util.func\""),
        json);
    assertTrue(json.contains("\"neededBy\": \"middle\"}"), json);
  }

  @Test
  void aFailedLinkReportsTheFilesReadAndNoSymbols() {
    Path dir = CASES.resolve("unresolved-symbol");
    LinkResult result = Linker.builder().main(Source.of(dir.resolve("main.mlir"))).build().link();
    assertFalse(result.succeeded());
    assertEquals(1, result.report().inputs().size());
    assertTrue(result.report().symbols().isEmpty());
  }
}
