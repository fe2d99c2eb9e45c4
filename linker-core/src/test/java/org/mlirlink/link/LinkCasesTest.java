package org.mlirlink.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.mlirlink.link.LinkCase.Dialects.UPSTREAM;
import static org.mlirlink.link.LinkCase.Dialects.UTIL_FUNCTIONS;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.mlirlink.LinkResult;
import org.mlirlink.Linker;
import org.mlirlink.Source;

/**
 * One test per folder of {@code testdata/link/}, each pinning one behaviour of the linker (what is
 * linked, where it goes, how names, aliases, resources and bundles are handled, what is an error).
 * The output must equal the folder's {@code expected.mlir} exactly and, where mlir-opt-22 can read
 * the dialects, parse and verify (every call resolves, call and callee types agree).
 */
class LinkCasesTest {

  /** The output of linking in-memory {@code main} with {@code lib.mlir}; the link must succeed. */
  private static String linkedText(String main, String lib) {
    LinkResult result = LinkCase.linkInMemory(main, lib);
    assertTrue(result.succeeded(), result.formattedDiagnostics());
    return result.text();
  }

  /** Links a case, compares with expected.mlir and verifies the output with mlir-opt-22. */
  private static String linksAndVerifies(String name, LinkCase.Dialects dialects) {
    String output = LinkCase.named(name).assertLinksAsExpected();
    LinkCase.verifyWithMlirOpt(name, output, dialects);
    return output;
  }

  // ---------------------------------------------------------------- what is linked, and where

  @Test
  void linkedOpsAreReindentedToWhereTheyGoLeavingBlankTabbedAndUnderIndentedLinesAlone() {
    linksAndVerifies("reindented-ops", UPSTREAM);
  }

  /**
   * Inside a dialect's {@code <...>} body whitespace is part of the value: such an op is copied as
   * it is.
   */
  @Test
  void anOpWithALineBreakInsideADialectBodyIsNotReindented() {
    String lib =
        "module @lib {\n"
            + "  func.func @f(%x: i32) -> i32 {\n"
            + "    %0 = \"foo.op\"(%x) {a = #foo.attr<x\n      y>} : (i32) -> !foo.t<a\n      b>\n"
            + "    %1 = \"foo.back\"(%0) : (!foo.t<a\n      b>) -> i32\n"
            + "    return %1 : i32\n"
            + "  }\n"
            + "  func.func @g(%x: i32) -> i32 {\n"
            + "    %c = arith.constant 1 : i32 // a comment with a < in it\n"
            + "    %r = arith.addi %x, %c : i32\n"
            + "    return %r : i32\n"
            + "  }\n"
            + "}\n";
    String main = "func.func private @lib.f(i32) -> i32\nfunc.func private @lib.g(i32) -> i32\n";
    String output = linkedText(main, lib);
    String f = lib.substring(lib.indexOf("func.func @f"), lib.indexOf("\n  func.func @g"));
    assertEquals(
        f.replace("@f", "@lib.f").replace("func.func", "func.func private")
            + "\n"
            + "func.func private @lib.g(%x: i32) -> i32 {\n"
            + "  %c = arith.constant 1 : i32 // a comment with a < in it\n"
            + "  %r = arith.addi %x, %c : i32\n"
            + "  return %r : i32\n"
            + "}\n",
        output);
    LinkCase.verifyWithMlirOpt("dialect bodies", output, UPSTREAM);
  }

  @Test
  void reindentingKeepsCrlfLineEndingsAndSkipsAByteOrderMark() {
    String lib = "\uFEFF  func.func @f(%x: i32) -> i32 {\r\n\r\n    return %x : i32\r\n  }\r\n";
    String main = "module @main {\n  func.func private @f(i32) -> i32\n}\n";
    String output = linkedText(main, lib);
    assertEquals(
        "module @main {\n  func.func private @f(%x: i32) -> i32 {\r\n\r\n    return %x : i32\r\n  }\n}\n",
        output);
  }

  /**
   * One link reports every bad link module: one that cannot be read, and one defining a symbol
   * again.
   */
  @Test
  void everyBadLinkModuleIsReportedNotOnlyTheFirst() {
    String module = "module @m {\n  func.func @f() {\n    return\n  }\n}\n";
    LinkResult result =
        Linker.builder()
            .main(Source.of("main.mlir", "func.func private @m.f()\n"))
            .linkModule(Source.of("a.mlir", module))
            .linkModule(Source.of("broken.mlir", "module @n {\n"))
            .linkModule(Source.of("again.mlir", module))
            .build()
            .link();
    List<String> places = result.diagnostics().stream().map(d -> d.location().file()).toList();
    assertEquals(List.of("broken.mlir", "again.mlir"), places, result.formattedDiagnostics());
  }

  @Test
  void simpleLinkReplacesTheDeclarationInPlace() {
    linksAndVerifies("simple-link", UPSTREAM);
  }

  @Test
  void transitiveChainIsPlacedRightAfterTheDependent() {
    linksAndVerifies("transitive-chain", UTIL_FUNCTIONS);
  }

  @Test
  void selectiveLinkingCopiesNoUnusedFunction() {
    String output = linksAndVerifies("selective-linking", UTIL_FUNCTIONS);
    assertFalse(output.contains("unused"), output);
  }

  @Test
  void aDependencyTheTargetAlsoDeclaresIsLinkedOnceInPlaceOfTheDeclaration() {
    String output = linksAndVerifies("dependency-also-declared-by-target", UPSTREAM);
    assertFalse(output.contains("@lib.b_0"), output);
  }

  @Test
  void twoDeclarationsNamingOneDefinitionAreEachReplacedItsDependencyLinkedOnce() {
    // Found by LinkPropertyTest: @m0.g and plain @g both resolve to m0's public g. Nothing in the
    // target is renamed, so each declaration gets its own copy; what g needs comes once.
    String output = linksAndVerifies("two-declarations-one-definition", UPSTREAM);
    assertEquals(1, output.split("func\\.func private @m0\\.f\\(", -1).length - 1, output);
  }

  @Test
  void callsInsideScfForAndScfIfAreDependencies() {
    linksAndVerifies("calls-in-scf-for", UPSTREAM);
  }

  @Test
  void executablesAreLinkedWholeAndNotScannedInside() {
    // flow/hal ops: mlir-opt-22 cannot parse them, so the exact text compare is the check.
    String output = LinkCase.named("executables-linked-whole").assertLinksAsExpected();
    assertFalse(output.contains("util.func private @inner_only"), output);
    assertFalse(output.contains("util.func private @helper"), output);
  }

  @Test
  void globalsComeAlongWithTheirInitializersBeforeTheFirstFunction() {
    // util.global: mlir-opt-22 cannot parse it, so the exact text compare is the check.
    String output = LinkCase.named("globals-from-library").assertLinksAsExpected();
    assertTrue(output.indexOf("util.initializer") < output.indexOf("util.func"), output);
    assertFalse(output.contains("@unused_global"), output);
  }

  @Test
  void aMemrefGlobalIsMadePrivateWithItsOwnQuotedSyntax() {
    linksAndVerifies("memref-global-made-private", UPSTREAM);
  }

  @Test
  void aBundleIsALinkSource() {
    linksAndVerifies("bundle-as-link-source", UPSTREAM);
  }

  @Test
  void libraryPathFindsPrefixDotMlirInPathOrder() {
    // lib1/malformed/not-mlir.mlir is not MLIR: the test also pins that only DIR/prefix.mlir
    // and files declaring the wanted module are read from a library path.
    linksAndVerifies("library-path-discovery", UPSTREAM);
  }

  @Test
  void libraryPathFindsModulesByTheNameTheyDeclareInAnyFileBelowIt() {
    linksAndVerifies("library-path-by-module-name", UPSTREAM);
  }

  @Test
  void twoFilesDeclaringTheWantedModuleUnderALibraryPathAreAnErrorNamingBoth() {
    LinkCase.named("library-path-ambiguous-module").assertFailsAsExpected();
  }

  @Test
  void genericFormFunctionIsLinkedRenamedAndMadePrivate() {
    linksAndVerifies("generic-form-function", UPSTREAM);
  }

  @Test
  void targetDeclarationKeepsItsNameVisibilityAndAttributes() {
    linksAndVerifies("target-visibility-kept", UTIL_FUNCTIONS);
  }

  @Test
  void nothingToLinkGivesTheInputByteForByte() throws IOException {
    LinkCase.named("nothing-to-link").assertOutputIsInputByteForByte();
  }

  // ---------------------------------------------------------------- names

  @Test
  void twoNamedModulesWithInternalHelpers() {
    linksAndVerifies("named-modules-internal-helpers", UTIL_FUNCTIONS);
  }

  @Test
  void publicNamesOfNamedModulesAreQualified() {
    linksAndVerifies("public-names-qualified", UTIL_FUNCTIONS);
  }

  @Test
  void privateShadowingBetweenTwoModulesRenamesTheLaterOne() {
    linksAndVerifies("private-shadowing-two", UTIL_FUNCTIONS);
  }

  @Test
  void privateShadowingBetweenThreeModulesCountsInOrderOfFirstNeed() {
    linksAndVerifies("private-shadowing-three", UTIL_FUNCTIONS);
  }

  @Test
  void privateShadowingBetweenTwoAnonymousModules() {
    linksAndVerifies("private-shadowing-anonymous", UPSTREAM);
  }

  @Test
  void collisionWithATargetDefinitionTakesTheLowestFreeCounter() {
    linksAndVerifies("collision-with-target", UTIL_FUNCTIONS);
  }

  @Test
  void plainNameReferenceToAnotherModulesPublicSymbolFollowsTheRename() {
    linksAndVerifies("plain-name-public-reference", UPSTREAM);
  }

  // ---------------------------------------------------------------- aliases and resources

  @Test
  void aliasesDefinedDifferentlyInTwoFilesAreRenamed() {
    linksAndVerifies("aliases-defined-differently", UPSTREAM);
  }

  @Test
  void aliasUsingARenamedAliasFollowsTheRenameAndTypesCompareExpanded() {
    linksAndVerifies("alias-using-a-renamed-alias", UPSTREAM);
  }

  @Test
  void aliasesThatDifferOnlyDeepDownAreKeptApart() {
    // 36 levels of #aI = [#aI-1] over 0 in the main file and over 1 in the library.
    String output = linksAndVerifies("aliases-differing-deep-down", UPSTREAM);
    assertTrue(
        output.contains("#a0_0 = 1 : i32") && output.contains("attributes {y = #a36_0}"), output);
  }

  /**
   * Aliases that double at each level expand to 2^60 characters: they are compared without being
   * written out, kept apart when they differ at the bottom and shared when they are the same. The
   * timeout only guards against a hang (expanding them as text never ends).
   */
  @Test
  @org.junit.jupiter.api.Timeout(120)
  void exponentiallyLongAliasesAreComparedWithoutExpandingThem() {
    String main =
        doubling("0")
            + "module @main {\n  func.func private @lib.f() -> i32\n"
            + "  func.func private @same.g() -> i32\n}\n";
    String lib =
        doubling("1")
            + "module @lib {\n  func.func @f() -> i32 attributes {y = #a60} {\n"
            + "    %c = arith.constant 1 : i32\n    return %c : i32\n  }\n}\n";
    String same =
        doubling("0")
            + "module @same {\n  func.func @g() -> i32 attributes {z = #a60} {\n"
            + "    %c = arith.constant 2 : i32\n    return %c : i32\n  }\n}\n";
    LinkResult result =
        Linker.builder()
            .main(Source.of("main.mlir", main))
            .linkModule(Source.of("lib.mlir", lib))
            .linkModule(Source.of("same.mlir", same))
            .build()
            .link();
    assertTrue(result.succeeded(), result.formattedDiagnostics());
    String output = result.text();
    assertTrue(
        output.contains("#a0_0 = [1]") && output.contains("attributes {y = #a60_0}"), output);
    assertTrue(output.contains("attributes {z = #a60}"), output);
    assertEquals(-1, output.indexOf("#a0_1"), output);
  }

  /** An alias that names itself inside a dialect's opaque body is text, not a cycle. */
  @Test
  @org.junit.jupiter.api.Timeout(120)
  void anAliasNamingItselfInAnOpaqueBodyIsComparedAsText() {
    String alias = "#a = #foo<[#a, #a]>\n";
    String output =
        linkedText(
            alias + "module @main {\n  func.func private @lib.f() -> i32\n}\n",
            alias
                + "module @lib {\n  func.func @f() -> i32 attributes {y = #a} {\n"
                + "    %c = arith.constant 1 : i32\n    return %c : i32\n  }\n}\n");
    assertTrue(output.contains("attributes {y = #a}") && !output.contains("#a_0"), output);
  }

  /** #a0 = [BOTTOM], then #aI = [#aI-1, #aI-1] up to #a60. */
  private static String doubling(String bottom) {
    StringBuilder text = new StringBuilder("#a0 = [" + bottom + "]\n");
    for (int i = 1; i <= 60; i++) {
      text.append("#a")
          .append(i)
          .append(" = [#a")
          .append(i - 1)
          .append(", #a")
          .append(i - 1)
          .append("]\n");
    }
    return text.toString();
  }

  @Test
  void resourceSectionsAreMergedAndACollidingKeyRenamed() {
    String output = linksAndVerifies("resources-merged-with-key-collision", UPSTREAM);
    assertFalse(output.contains("unused"), "an unused resource was copied:\n" + output);
  }

  // ---------------------------------------------------------------- errors

  @Test
  void unresolvedSymbolIsReportedAtTheDeclaration() {
    LinkCase.named("unresolved-symbol").assertFailsAsExpected();
  }

  @Test
  void typeMismatchIsReportedAtBothPlaces() {
    LinkCase.named("type-mismatch").assertFailsAsExpected();
  }

  @Test
  void symbolDefinedTwiceIsReportedAtBothPlaces() {
    LinkCase.named("defined-twice").assertFailsAsExpected();
  }

  @Test
  void aSymbolDefinedTwiceInOneLibraryModuleIsAnErrorNotTheFirstOneLinked() {
    LinkCase.named("defined-twice-in-one-file").assertFailsAsExpected();
  }

  @Test
  void aSymbolDefinedTwiceInANestedModuleOfTheTargetIsAnError() {
    LinkCase.named("defined-twice-in-the-target").assertFailsAsExpected();
  }

  @Test
  void anOpThatOnlyNamesAFunctionBesideItIsNoSecondDefinitionOfIt() {
    String output = linksAndVerifies("dispatch-config-names-its-function", UPSTREAM);
    assertFalse(output.contains("dispatch_config"), "nothing uses it, so it is not linked");
  }

  /**
   * An op of a kind nothing here knows, written {@code op @name}, is taken to define {@code @name}
   * (so that it can be linked), but it may only refer to it: beside a function of that name it is
   * no error, and the function is what a declaration links, whichever comes first.
   */
  @Test
  void anOpOfAnUnknownKindNamedLikeAFunctionLeavesTheNameToTheFunction() {
    String function = "  func.func @f(%x: i32) -> i32 {\n    return %x : i32\n  }\n";
    String main =
        "func.func private @lib.f(i32) -> i32\n"
            + "func.func @entry(%x: i32) -> i32 {\n"
            + "  %r = func.call @lib.f(%x) : (i32) -> i32\n"
            + "  return %r : i32\n"
            + "}\n";
    String linked =
        "func.func private @lib.f(%x: i32) -> i32 {\n  return %x : i32\n}\n"
            + main.substring(main.indexOf("func.func @entry"));
    for (String lib :
        List.of(
            "module @lib {\n  acme.config @f {level = 1}\n" + function + "}\n",
            "module @lib {\n" + function + "  acme.config @f {level = 1}\n}\n")) {
      assertEquals(linked, linkedText(main, lib), lib);
    }
  }

  /** The same across two files declaring one module: no error, and the function is linked. */
  @Test
  void anOpOfAnUnknownKindInAnotherFileOfTheModuleLeavesTheNameToTheFunction() {
    LinkResult result =
        Linker.builder()
            .main(Source.of("main.mlir", "func.func private @lib.f(i32) -> i32\n"))
            .linkModule(Source.of("a.mlir", "module @lib {\n  acme.config @f {level = 1}\n}\n"))
            .linkModule(
                Source.of(
                    "b.mlir",
                    "module @lib {\n  func.func @f(%x: i32) -> i32 {\n    return %x : i32\n"
                        + "  }\n}\n"))
            .build()
            .link();
    assertTrue(result.succeeded(), result.formattedDiagnostics());
    assertEquals(
        "func.func private @lib.f(%x: i32) -> i32 {\n  return %x : i32\n}\n", result.text());
  }

  @Test
  void anUnresolvedNameWhoseModuleHasItPrivateSaysSo() {
    LinkCase.named("unresolved-private-symbol").assertFailsAsExpected();
  }

  @Test
  void aNameALibraryFunctionNeedsIsTracedBackToTheInputAndTheSearchIsNamed() {
    LinkCase.named("unresolved-in-a-library-function").assertFailsAsExpected();
  }

  @Test
  void aLibraryFunctionNamedLikeOneOfTheInputKeepsItsQualifiedName() {
    linksAndVerifies("library-name-also-in-the-input", UTIL_FUNCTIONS);
  }

  @Test
  void oneFileGivenTwiceIsReportedAsTheSameFile() {
    LinkCase.named("same-file-twice").assertFailsAsExpected();
  }

  @Test
  void aFunctionWithoutANameIsAnErrorAtItsPlace() {
    LinkCase.named("function-without-a-name").assertFailsAsExpected();
  }

  /**
   * A definition whose header does not read is an error at its first bad token, not a type mismatch
   * with its declaration made of the stray words.
   */
  @Test
  void aMalformedFunctionHeaderIsAnErrorAtItsFirstBadToken() {
    LinkCase.named("malformed-function-header").assertFailsAsExpected();
  }

  // ---------------------------------------------------------------- bundles

  @Test
  void bundleNestsNamedModulesAndMergesAnonymousOnesRenamingGlobalsAndInitializersTogether() {
    // util.global/util.initializer: mlir-opt-22 cannot read them; the text compare is the check.
    LinkCase.named("bundle-mode").assertLinksAsExpected();
  }

  @Test
  void bundleRenameTakesACounterNoLaterModuleUses() {
    linksAndVerifies("bundle-rename-avoids-later-names", UPSTREAM);
  }

  @Test
  void bundleWithoutInputsIsAnEmptyModule() {
    String output = linksAndVerifies("bundle-no-inputs", UPSTREAM);
    assertEquals("module {}\n", output);
  }

  @Test
  void aBundleOfAFunctionAndAnOpOfAnUnknownKindNamedLikeItIsNoError() {
    LinkResult result =
        Linker.builder()
            .bundle(true)
            .linkModule(Source.of("a.mlir", "acme.config @f {level = 1}\n"))
            .linkModule(Source.of("b.mlir", "func.func @f() {\n  return\n}\n"))
            .build()
            .link();
    assertTrue(result.succeeded(), result.formattedDiagnostics());
    assertEquals(
        "module {\n  acme.config @f {level = 1}\n  func.func @f() {\n    return\n  }\n}\n",
        result.text());
  }

  @Test
  void bundleOutputLinksAsAnArchive() {
    String bundle = LinkCase.named("bundle-mode").assertLinksAsExpected();
    String main =
        """
        module @app {
          util.func private @vec.add(%a: i32, %b: i32) -> i32
          util.func private @mat.identity(%t: tensor<8xf32>) -> tensor<8xf32>
        }
        """;
    LinkResult result =
        Linker.builder()
            .main(Source.of("app.mlir", main))
            .linkModule(Source.of("bundle.mlir", bundle))
            .build()
            .link();
    assertTrue(result.succeeded(), result.formattedDiagnostics());
    String output = result.text();
    // The nested modules of the bundle are source modules: their names qualify, their aliases come.
    assertTrue(output.startsWith("!t_0 = tensor<8xf32>\n"), output);
    assertTrue(output.contains("util.func private @vec.add(%a: i32, %b: i32) -> i32 {"), output);
    assertTrue(output.contains("util.func private @mat.identity(%t: !t_0) -> !t_0 {"), output);
    assertTrue(output.contains("util.call @helper(%t) : (!t_0) -> !t_0"), output);
    LinkCase.verifyWithMlirOpt("bundle-mode as a link source", output, UTIL_FUNCTIONS);
  }

  // ---------------------------------------------------------------- --list-symbols

  @Test
  void listSymbolsNamesPublicFunctionDefinitionsOnly() throws IOException {
    LinkCase listing = LinkCase.named("list-symbols");
    Linker.SymbolListing symbols =
        Linker.listPublicSymbols(Source.of(listing.dir().resolve("main.mlir")));
    assertTrue(symbols.succeeded(), symbols.diagnostics().toString());
    List<String> expected =
        Files.readAllLines(listing.dir().resolve("expected.out")).stream()
            .skip(1)
            .map(line -> line.substring("  @".length()))
            .toList();
    assertEquals(expected, symbols.symbols());
  }

  // ---------------------------------------------------------------- every folder, as it says

  /**
   * Every folder of {@code testdata/link/} is checked against its expectation, whether or not a
   * test above also names it: {@code expected.mlir} (the exact output), {@code expected.err} (the
   * exact diagnostics), {@code expected.out} (the exact listing), or, for a folder named {@code
   * nothing-to-link}, the input back byte for byte. A folder without one fails.
   */
  @TestFactory
  Stream<DynamicTest> everyCaseFolderGivesWhatItsExpectationSays() throws IOException {
    List<DynamicTest> tests = new java.util.ArrayList<>();
    try (Stream<Path> dirs = Files.list(LinkCase.root())) {
      for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
        String name = dir.getFileName().toString();
        tests.add(
            DynamicTest.dynamicTest(
                name,
                () -> {
                  LinkCase linkCase = LinkCase.named(name);
                  if (Files.exists(dir.resolve("expected.mlir"))) {
                    linkCase.assertLinksAsExpected();
                  } else if (Files.exists(dir.resolve("expected.err"))) {
                    linkCase.assertFailsAsExpected();
                  } else if (Files.exists(dir.resolve("expected.out"))) {
                    Linker.SymbolListing listing =
                        Linker.listPublicSymbols(Source.of(dir.resolve("main.mlir")));
                    StringBuilder text = new StringBuilder("Public symbols in main.mlir:\n");
                    listing
                        .symbols()
                        .forEach(symbol -> text.append("  @").append(symbol).append('\n'));
                    assertEquals(
                        Files.readString(dir.resolve("expected.out")), text.toString(), name);
                  } else if (name.equals("nothing-to-link")) {
                    linkCase.assertOutputIsInputByteForByte();
                  } else {
                    fail(name + " has no expected.mlir, expected.err or expected.out");
                  }
                }));
      }
    }
    return tests.stream();
  }
}
