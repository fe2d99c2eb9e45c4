package org.mlirlink.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlirlink.LinkResult;
import org.mlirlink.Linker;
import org.mlirlink.Source;
import org.mlirlink.diagnostic.Diagnostic;
import org.mlirlink.diagnostic.DiagnosticCode;
import org.mlirlink.diagnostic.SourceLocation;
import org.mlirlink.testing.IreeTools;
import org.mlirlink.testing.MlirTools;

/** The workspace API on a copy of the project's components, edited as an editor would. */
class WorkspaceTest {
  @TempDir Path root;

  private Workspace workspace;
  private Path block;
  private Path mulMatId;
  private Path swiglu;

  @BeforeEach
  void copyComponents() throws IOException {
    Path components = MlirTools.projectRoot().resolve("components");
    try (Stream<Path> files = Files.walk(components)) {
      for (Path file : files.toList()) {
        Path copy = root.resolve(components.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(file, copy);
        }
      }
    }
    workspace = new Workspace(List.of(root));
    block = root.resolve("moe/moe_ffn_block.mlir");
    mulMatId = root.resolve("moe/mul_mat_id.mlir");
    swiglu = root.resolve("activation/swiglu.mlir");
  }

  /** Line and column (1-based) of the first {@code needle} on a line of the file, plus a shift. */
  private static int[] at(Path file, String needle, int shift) throws IOException {
    List<String> lines = Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      int column = lines.get(i).indexOf(needle);
      if (column >= 0 && !lines.get(i).trim().startsWith("//")) {
        return new int[] {i + 1, column + 1 + shift};
      }
    }
    throw new AssertionError(needle + " not in " + file);
  }

  /**
   * A library kept as bytecode (written by the real iree-opt) is a document like any other: the
   * block's declarations resolve against it, with no diagnostic, and lead to its definitions.
   */
  @Test
  void aBytecodeLibraryResolvesLikeText() throws IOException {
    for (Path text : List.of(mulMatId, swiglu)) {
      Path bytecode = text.resolveSibling(text.getFileName() + "bc");
      MlirTools.Run emit = IreeTools.emitBytecode(text, bytecode);
      assertTrue(emit.ok(), emit.stderr());
      Files.delete(text);
    }
    workspace = new Workspace(List.of(root));
    assertEquals(List.of(), workspace.diagnostics(block));
    int[] declaration = at(block, "@moe_components.mul_mat_id(", 5);
    List<TextLocation> found = workspace.definition(block, declaration[0], declaration[1]);
    assertEquals(1, found.size(), found.toString());
    assertEquals(
        mulMatId.resolveSibling("mul_mat_id.mlirbc").toAbsolutePath().normalize(),
        found.get(0).path());
  }

  @Test
  void aDottedDeclarationLeadsToTheDefinitionInTheModuleItNames() throws IOException {
    int[] declaration = at(block, "@moe_components.mul_mat_id(", 5);
    List<TextLocation> found = workspace.definition(block, declaration[0], declaration[1]);
    int[] definition = at(mulMatId, "@mul_mat_id(", 0);
    assertEquals(1, found.size(), found.toString());
    assertEquals(mulMatId.toAbsolutePath().normalize(), found.get(0).path());
    assertEquals(definition[0], found.get(0).range().start().line());
    assertEquals(definition[1], found.get(0).range().start().column());
    assertEquals(definition[1] + "@mul_mat_id".length(), found.get(0).range().end().column());
  }

  @Test
  void aCallOfADeclarationLeadsThereToo() throws IOException {
    int[] call = at(block, "util.call @activation_components.swiglu", 12);
    List<TextLocation> found = workspace.definition(block, call[0], call[1]);
    assertEquals(List.of(swiglu), found.stream().map(TextLocation::path).toList());
    assertEquals(at(swiglu, "@swiglu(", 0)[0], found.get(0).range().start().line());
  }

  @Test
  void aPlaceOnNoSymbolHasNoDefinition() {
    assertEquals(List.of(), workspace.definition(block, 1, 1));
  }

  @Test
  void referencesOfADefinitionAreItsDeclarationsAndCallsInOtherFiles() throws IOException {
    int[] definition = at(mulMatId, "@mul_mat_id(", 3);
    List<TextLocation> found = workspace.references(mulMatId, definition[0], definition[1], true);
    // its own name, the block's declaration and its three calls
    assertEquals(5, found.size(), found.toString());
    assertEquals(mulMatId, found.get(0).path());
    assertEquals(4, found.stream().filter(l -> l.path().equals(block)).count());
    assertEquals(4, workspace.references(mulMatId, definition[0], definition[1], false).size());
  }

  @Test
  void hoverShowsTheDeclaredAndTheDefinedType() throws IOException {
    int[] call = at(block, "util.call @moe_components.mul_mat_id", 12);
    SignatureInfo signature = workspace.signature(block, call[0], call[1]).orElseThrow();
    assertEquals("moe_components.mul_mat_id", signature.name());
    assertEquals(
        "(tensor<?x?x?xf32>, tensor<?x?x?xf32>, tensor<?x?xi32>) -> tensor<?x?x?xf32>",
        signature.definedType());
    assertEquals(signature.definedType(), signature.declaredType());
    assertTrue(signature.matches());
    assertEquals(mulMatId, signature.definition().orElseThrow().path());
  }

  @Test
  void anEditThatBreaksADeclarationGivesATypeMismatchWithBothPlaces() throws IOException {
    assertEquals(List.of(), workspace.diagnostics(block));
    String text = Files.readString(block);
    String broken =
        text.replaceFirst(
            "tensor<\\?x\\?x\\?xf32>, tensor<\\?x\\?x\\?xf32>, tensor<\\?x\\?xi32>\n",
            "tensor<?x?xf32>, tensor<?x?x?xf32>, tensor<?x?xi32>\n");
    assertFalse(broken.equals(text));
    workspace.open(block, broken, 2);
    List<Diagnostic> found = workspace.diagnostics(block);
    assertEquals(1, found.size(), found.toString());
    Diagnostic mismatch = found.get(0);
    assertEquals(DiagnosticCode.TYPE_MISMATCH, mismatch.code());
    assertTrue(
        mismatch.message().startsWith("type mismatch for symbol 'moe_components.mul_mat_id'"));
    assertEquals(at(block, "@moe_components.mul_mat_id(", 0)[0], mismatch.location().line());
    SourceLocation defined = mismatch.related().get(0).location();
    assertEquals(mulMatId.toString(), defined.file());
    assertEquals(at(mulMatId, "@mul_mat_id(", 0)[0], defined.line());
    assertEquals(2L, workspace.version(block).orElseThrow());
    SignatureInfo signature =
        workspace
            .signature(block, mismatch.location().line(), mismatch.location().column() + 3)
            .orElseThrow();
    assertFalse(signature.matches());

    workspace.close(block); // back to the file, which still matches
    assertEquals(List.of(), workspace.diagnostics(block));
  }

  @Test
  void anUnresolvedDeclarationSuggestsACloseNameAndNamesAPrivateOne() throws IOException {
    Path main = root.resolve("main.mlir");
    workspace.open(
        main,
        "module @m {\n"
            + "  util.func private @activation_components.swiglo(tensor<?x?x?xf32>, tensor<?x?x?xf32>) -> tensor<?x?x?xf32>\n"
            + "  util.func private @lib.hidden() -> ()\n"
            + "}\n",
        1);
    workspace.open(
        root.resolve("lib.mlir"),
        "module @lib {\n  util.func private @hidden() {\n    util.return\n  }\n}\n",
        1);
    List<Diagnostic> found = workspace.diagnostics(main);
    assertEquals(2, found.size(), found.toString());
    assertEquals(DiagnosticCode.UNRESOLVED_EXTERNAL, found.get(0).code());
    assertTrue(
        found.get(0).message().endsWith("did you mean 'activation_components.swiglu'?"),
        found.get(0).message());
    assertEquals(2, found.get(0).location().line());
    assertEquals(DiagnosticCode.UNRESOLVED_EXTERNAL, found.get(1).code());
    assertTrue(found.get(1).related().get(0).message().contains("is private to module @lib"));
    assertEquals(
        root.resolve("lib.mlir").toString(), found.get(1).related().get(0).location().file());
  }

  @Test
  void aPlainDeclarationIsLeftToTheLinkModulesABuildNames() {
    Path main = root.resolve("plain.mlir");
    workspace.open(main, "module @p {\n  util.func private @printf(i32) -> ()\n}\n", 1);
    assertEquals(List.of(), workspace.diagnostics(main));
  }

  @Test
  void editsAndQueriesFromManyThreadsSeeWholeDocuments() throws Exception {
    String text = Files.readString(block);
    String broken =
        text.replace("tensor<?x?xi32>\n  ) -> tensor<?x?x?xf32>", "i32\n  ) -> tensor<?x?x?xf32>");
    assertFalse(broken.equals(text));
    int[] declaration = at(block, "@moe_components.mul_mat_id(", 5);
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < 4; t++) {
      int id = t;
      threads.add(
          new Thread(
              () -> {
                try {
                  for (int i = 0; i < 200; i++) {
                    if (id == 0) {
                      workspace.open(block, i % 2 == 0 ? broken : text, i);
                    } else {
                      List<Diagnostic> found = workspace.diagnostics(block);
                      // either text, whole: no diagnostic, or the one mismatch
                      assertTrue(found.size() <= 1, found.toString());
                      assertEquals(
                          1, workspace.definition(block, declaration[0], declaration[1]).size());
                    }
                  }
                } catch (Throwable e) {
                  failures.add(e);
                }
              }));
    }
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join();
    }
    assertEquals(List.of(), failures);
    workspace.open(block, broken, 1000);
    assertEquals(DiagnosticCode.TYPE_MISMATCH, workspace.diagnostics(block).get(0).code());
  }

  @Test
  void aSyntaxErrorIsADiagnosticAtItsPlace() {
    Path bad = root.resolve("bad.mlir");
    workspace.open(bad, "module @x {\n  util.func @f( {\n}\n", 1);
    List<Diagnostic> found = workspace.diagnostics(bad);
    assertEquals(1, found.size());
    assertEquals(DiagnosticCode.SYNTAX, found.get(0).code());
    assertEquals(List.of(), workspace.symbols(bad));
  }

  /**
   * A malformed function header is a syntax error at its first bad token, in a definition that
   * something declares (not a type mismatch at the declaration) and in one nothing declares.
   */
  @Test
  void aMalformedFunctionHeaderIsASyntaxErrorAtItsFirstBadToken() throws IOException {
    String text = Files.readString(mulMatId);
    String broken =
        text.replace(
            "@mul_mat_id(%expert_weights: tensor<?x?x?xf32>, %input:",
            "@mul_mat_id(%expert_weights: tensor<?x?x?xf32> garbage, %input:");
    assertFalse(broken.equals(text));
    workspace.open(mulMatId, broken, 2);
    List<Diagnostic> found = workspace.diagnostics(mulMatId);
    assertEquals(1, found.size(), found.toString());
    assertEquals(DiagnosticCode.SYNTAX, found.get(0).code());
    assertEquals(
        "expected ',' or ')' in the argument list, found 'garbage'", found.get(0).message());
    int[] garbage = at(mulMatId, "tensor<?x?x?xf32>, %input:", 18);
    assertEquals(garbage[0], found.get(0).location().line());
    assertEquals(garbage[1], found.get(0).location().column());
    assertTrue(
        workspace.diagnostics(block).stream()
            .noneMatch(d -> d.code() == DiagnosticCode.TYPE_MISMATCH),
        workspace.diagnostics(block).toString());

    Path alone = root.resolve("alone.mlir");
    workspace.open(alone, "module @alone {\n  util.func private @f(i32) -> i32 garbage\n}\n", 1);
    List<Diagnostic> inAlone = workspace.diagnostics(alone);
    assertEquals(1, inAlone.size(), inAlone.toString());
    assertEquals(DiagnosticCode.SYNTAX, inAlone.get(0).code());
    assertEquals(
        "expected 'attributes' or the body after the results, found 'garbage'",
        inAlone.get(0).message());
    assertEquals(2, inAlone.get(0).location().line());
    assertEquals(36, inAlone.get(0).location().column());
  }

  @Test
  void aNameDefinedTwiceInOneModuleIsADuplicateDefinition() {
    Path twice = root.resolve("twice.mlir");
    workspace.open(
        twice,
        "module @t {\n  util.func @f() {\n    util.return\n  }\n  util.func @f() {\n    util.return\n  }\n}\n",
        1);
    List<Diagnostic> found = workspace.diagnostics(twice);
    assertEquals(DiagnosticCode.DUPLICATE_DEFINITION, found.get(0).code(), found.toString());
    assertEquals(5, found.get(0).location().line());
  }

  @Test
  void anOpThatOnlyNamesAFunctionBesideItIsNoDuplicateDefinition() throws IOException {
    Path kernels =
        MlirTools.projectRoot()
            .resolve("testdata/link/dispatch-config-names-its-function/kernels.mlir");
    Path copy = root.resolve("kernels.mlir");
    Files.copy(kernels, copy);
    workspace.open(copy, Files.readString(copy), 1);
    assertEquals(List.of(), workspace.diagnostics(copy));
    // Its @scale is a reference to the function.
    int[] use = at(copy, "dispatch_config @scale", 17);
    int[] function = at(copy, "@scale(", 0);
    List<TextLocation> found = workspace.definition(copy, use[0], use[1]);
    assertEquals(1, found.size(), found.toString());
    assertEquals(function[0], found.get(0).range().start().line());
  }

  @Test
  void anOpOfAnUnknownKindNamedLikeAFunctionIsNoDuplicateDefinition() {
    Path guessed = root.resolve("guessed.mlir");
    workspace.open(
        guessed,
        "module @g {\n  acme.config @f {level = 1}\n  util.func @f() {\n    util.return\n  }\n}\n",
        1);
    assertEquals(List.of(), workspace.diagnostics(guessed));
  }

  /**
   * Two files under the roots declaring the module a declaration names: the link of the declaring
   * document fails, and the workspace says so on the declaration, in the link's words, naming both
   * files. The two files link on their own, so they have no diagnostic; going to the definition
   * offers both, not a guess.
   */
  @Test
  void aModuleTwoFilesUnderTheRootsDeclareFailsTheDeclarationAsTheLinkDoes() throws IOException {
    Path tree = Files.createDirectories(root.resolve("tree"));
    Path one = Files.createDirectories(tree.resolve("a")).resolve("one.mlir");
    Path two = Files.createDirectories(tree.resolve("b")).resolve("two.mlir");
    Files.writeString(
        one, "module @dup {\n  func.func @f(%x: i32) -> i32 {\n    return %x : i32\n  }\n}\n");
    Files.writeString(two, Files.readString(one));
    Path main = tree.resolve("main.mlir");
    Files.writeString(main, "module @main {\n  func.func private @dup.f(i32) -> i32\n}\n");

    LinkResult linked = Linker.builder().main(Source.of(main)).libraryPath(tree).build().link();
    assertFalse(linked.succeeded());
    String linkSays = linked.diagnostics().get(0).message();
    assertTrue(linkSays.startsWith("module @dup is declared by 2 files"), linkSays);

    Workspace workspace = new Workspace(List.of(tree));
    List<Diagnostic> found = workspace.diagnostics(main);
    assertEquals(1, found.size(), found.toString());
    assertEquals(DiagnosticCode.AMBIGUOUS_MODULE, found.get(0).code());
    assertEquals(linkSays, found.get(0).message());
    assertEquals(2, found.get(0).location().line());
    assertEquals(
        List.of(one.toString(), two.toString()),
        found.get(0).related().stream().map(r -> r.location().file()).toList());
    assertEquals(List.of(), workspace.diagnostics(one));
    assertEquals(List.of(), workspace.diagnostics(two));
    assertEquals(
        List.of(one, two),
        workspace.definition(main, 2, 24).stream().map(TextLocation::path).toList());
    for (TextLocation definition : workspace.definition(main, 2, 24)) {
      assertEquals(2, definition.range().start().line()); // at each file's @f
    }

    // A file named after the module is what a link takes first: nothing is ambiguous then.
    Files.writeString(tree.resolve("dup.mlir"), Files.readString(one));
    workspace.refresh(tree);
    assertEquals(List.of(), workspace.diagnostics(main));
    assertTrue(Linker.builder().main(Source.of(main)).libraryPath(tree).build().link().succeeded());
  }

  /**
   * A copy of a library file opened from outside the roots is no file of the library: the
   * workspace's own file of that module stays the only one, with no ambiguity in either.
   */
  @Test
  void aDocumentOpenedOutsideTheRootsDeclaresNoModuleOfTheLibrary() throws IOException {
    Path copy =
        Files.createDirectories(root.resolveSibling(root.getFileName() + "-elsewhere"))
            .resolve("mul_mat_id.mlir");
    workspace.open(copy, Files.readString(mulMatId), 1);
    assertEquals(List.of(), workspace.diagnostics(mulMatId));
    assertEquals(List.of(), workspace.diagnostics(block));
    assertEquals(List.of(), workspace.diagnostics(copy));
    int[] declaration = at(block, "@moe_components.mul_mat_id(", 20);
    List<TextLocation> target = workspace.definition(block, declaration[0], declaration[1]);
    assertEquals(List.of(mulMatId), target.stream().map(TextLocation::path).toList());
  }

  /**
   * A declaration of a module no file under the roots declares: the note says where the link
   * looked, as the link's own note does.
   */
  @Test
  void anUnresolvedModuleIsNotedInTheLinksWords() throws IOException {
    Path main = root.resolve("nowhere.mlir");
    Files.writeString(main, "module @main {\n  func.func private @absent.f(i32) -> i32\n}\n");
    LinkResult linked = Linker.builder().main(Source.of(main)).libraryPath(root).build().link();
    assertFalse(linked.succeeded());
    List<String> linkNotes =
        linked.diagnostics().get(0).related().stream()
            .map(org.mlirlink.diagnostic.Diagnostic::message)
            .toList();
    assertTrue(
        linkNotes.contains(
            "module @absent is not at "
                + root.resolve("absent.mlir")
                + ", nor in any .mlir file under "
                + root),
        linkNotes.toString());

    List<Diagnostic> found = workspace.diagnostics(main);
    assertEquals(1, found.size(), found.toString());
    List<String> notes = found.get(0).related().stream().map(Diagnostic::message).toList();
    assertEquals(linkNotes, notes);
  }

  @Test
  void completionAfterAModuleNameOffersItsPublicFunctions() throws IOException {
    Path main = root.resolve("main.mlir");
    workspace.open(main, "module @m {\n  util.func private @activation_components.\n}\n", 1);
    List<Completion> found = workspace.complete(main, 2, 44);
    assertEquals(List.of("swiglu"), found.stream().map(Completion::label).toList());
    assertEquals(SymbolKind.FUNCTION, found.get(0).kind());
    assertEquals(44, found.get(0).replace().start().column());

    List<Completion> modules = workspace.complete(main, 2, 23);
    assertTrue(
        modules.stream().anyMatch(c -> c.label().equals("activation_components")),
        modules.toString());
  }

  @Test
  void whileAnEditDoesNotReadTheLastVersionsSymbolsStillCount() throws IOException {
    String text = Files.readString(block);
    String typing = text.replace("    // 8.", "    %x = util.call @\n    // 8.");
    assertFalse(typing.equals(text));
    workspace.open(block, typing, 2);
    assertEquals(DiagnosticCode.SYNTAX, workspace.diagnostics(block).get(0).code());
    assertEquals(1, workspace.symbols(block).size()); // the outline does not go blank
    int line = List.of(typing.split("\n")).indexOf("    %x = util.call @") + 1;
    List<String> offered =
        workspace.complete(block, line, "    %x = util.call @".length() + 1).stream()
            .map(Completion::label)
            .toList();
    assertTrue(offered.contains("moe_ffn_block"), offered.toString());
    assertTrue(offered.contains("moe_components"), offered.toString());

    // a library file half edited: the block's declarations still resolve to its last version
    String swigluText = Files.readString(swiglu);
    workspace.open(swiglu, swigluText.replace("util.return", "util.return {"), 2);
    workspace.open(block, text, 3);
    assertEquals(List.of(), workspace.diagnostics(block));
    assertEquals(DiagnosticCode.SYNTAX, workspace.diagnostics(swiglu).get(0).code());
  }

  @Test
  void completingInsideANameReplacesTheWholeName() throws IOException {
    Path main = root.resolve("main.mlir");
    workspace.open(main, "module @m {\n  util.func private @activation_components.swxyz()\n}\n", 1);
    // the cursor after "sw", in "swxyz" (columns 44 to 48)
    List<Completion> found = workspace.complete(main, 2, 46);
    assertEquals(List.of("swiglu"), found.stream().map(Completion::label).toList());
    assertEquals(44, found.get(0).replace().start().column());
    assertEquals(49, found.get(0).replace().end().column());
  }

  @Test
  void aFileGivenAsARootIsADocumentWhateverItsName() throws IOException {
    Path text =
        Files.writeString(
            root.resolve("lib.txt"),
            "module @txt {\n  util.func @f() {\n    util.return\n  }\n}\n");
    Workspace one = new Workspace(List.of(text));
    assertEquals(java.util.Set.of(text), one.documents());
    assertEquals("txt", one.symbols(text).get(0).name());
  }

  @Test
  void aLargeFileReadAWindowAtATimeIsReadAgainWhenItChangesOnDisk() throws IOException {
    // past the size held in memory: a function, then a comment of 70 MB
    Path big = root.resolve("big.mlir");
    String head = "module @big {\n  util.func public @first() {\n    util.return\n  }\n}\n";
    try (java.io.Writer out = Files.newBufferedWriter(big)) {
      out.write(head);
      String line = "// " + "x".repeat(1000) + "\n";
      for (int i = 0; i < 70_000; i++) {
        out.write(line);
      }
    }
    assertEquals(
        List.of("first"),
        workspace.symbols(big).get(0).children().stream().map(SymbolInfo::name).toList());
    // the same size, another name, a later time: the next question reads it again
    String renamed = head.replace("@first", "@secnd");
    try (java.nio.channels.FileChannel channel =
        java.nio.channels.FileChannel.open(big, java.nio.file.StandardOpenOption.WRITE)) {
      channel.write(
          java.nio.ByteBuffer.wrap(renamed.getBytes(java.nio.charset.StandardCharsets.UTF_8)), 0);
    }
    Files.setLastModifiedTime(
        big, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
    List<TextLocation> found = workspace.references(big, 2, 22, true);
    assertEquals(1, found.size(), found.toString());
    assertEquals(
        List.of("secnd"),
        workspace.symbols(big).get(0).children().stream().map(SymbolInfo::name).toList());
  }

  @Test
  void completingTheModulePartOfADottedNameKeepsTheRest() throws IOException {
    // the cursor in "activation_compo|nents" of the block's own declaration
    int[] at = at(block, "@activation_components.swiglu(", 1 + "activation_compo".length());
    List<Completion> found = workspace.complete(block, at[0], at[1]);
    Completion module =
        found.stream().filter(c -> c.kind() == SymbolKind.MODULE).findFirst().orElseThrow();
    assertEquals("activation_components", module.insertText()); // the dot is there already
    assertEquals(at[1] - "activation_compo".length(), module.replace().start().column());
    assertEquals(at[1] + "nents".length(), module.replace().end().column());
    Completion own =
        found.stream()
            .filter(c -> c.label().equals("activation_components.swiglu"))
            .findFirst()
            .orElseThrow();
    // the declaration's whole name is replaced, dots included
    assertEquals(at[1] + "nents.swiglu".length(), own.replace().end().column());
  }

  @Test
  void aCheckReportsTheDocumentsUnderItsRootsOnly() throws IOException {
    Path other = Files.createDirectories(root.getParent().resolve(root.getFileName() + "-lib"));
    try {
      Files.writeString(other.resolve("broken.mlir"), "module @broken {\n  util.func @f( {\n}\n");
      Path empty = Files.createDirectories(root.resolve("empty"));
      Workspace two = new Workspace(List.of(root, other));
      CheckReport report = two.check(List.of(root.resolve("moe"), empty));
      assertEquals(List.of(block, mulMatId), List.copyOf(report.files().keySet()));
      assertEquals(List.of(empty), report.emptyRoots());
      assertFalse(report.passed());
      // A check that fails says why, not "no errors".
      assertEquals(
          "no .mlir or .mlirbc file under the folder " + empty + " (2 files checked)",
          report.summary());
      assertTrue(two.check(List.of(root)).passed());

      two.open(block, Files.readString(block).replace("tensor<?x?xi32>\n", "i32\n"), 2);
      CheckReport broken = two.check(List.of(root));
      assertEquals(1, broken.errorCount());
      assertEquals("1 error in 1 file (5 files checked)", broken.summary());
      assertEquals(1, two.check(List.of(other)).errorCount()); // checked as a root of its own
    } finally {
      try (Stream<Path> files = Files.walk(other)) {
        for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
  }

  @Test
  void aRootThatIsASymbolicLinkIsFollowedByTheWorkspaceAndByALink() throws IOException {
    Path link = Files.createSymbolicLink(root.resolveSibling(root.getFileName() + "-link"), root);
    try {
      Workspace linked = new Workspace(List.of(link));
      Path linkedBlock = link.resolve("moe/moe_ffn_block.mlir");
      assertTrue(linked.documents().contains(linkedBlock), linked.documents().toString());
      assertEquals(List.of(), linked.diagnostics(linkedBlock));
      LinkResult result =
          Linker.builder().main(Source.of(linkedBlock)).libraryPath(link).build().link();
      assertTrue(result.succeeded(), result.formattedDiagnostics());
    } finally {
      Files.delete(link);
    }
  }

  @Test
  void refreshingAFolderReadsWhatIsThereNow() throws IOException {
    assertTrue(workspace.documents().contains(swiglu));
    Path activation = swiglu.getParent();
    Path moved = root.resolve("elsewhere");
    Files.move(activation, moved);
    workspace.refresh(activation);
    workspace.refresh(moved);
    assertFalse(workspace.documents().contains(swiglu));
    assertTrue(workspace.documents().contains(moved.resolve("swiglu.mlir")));
    assertEquals(List.of(), workspace.diagnostics(block)); // still found, by module name
  }

  @Test
  void aColumnPastALinesEndIsItsEnd() {
    Path main = root.resolve("cols.mlir");
    workspace.open(main, "#map = affine_map<(d0) -> (d0)>\n#map1 = affine_map<(d0) -> (d0)>\n", 1);
    // far past the end of line 1: on nothing, not on #map1 at the start of line 2
    assertEquals(List.of(), workspace.definition(main, 1, 200));
    assertEquals(1, workspace.definition(main, 2, 3).size());
  }

  @Test
  void closingADocumentForgetsItsTextEvenAsALastReadableVersion() throws IOException {
    String text = Files.readString(swiglu);
    workspace.open(swiglu, text.replace("tensor<?x?x?xf32>, %up", "tensor<?x?xf32>, %up"), 2);
    assertEquals(DiagnosticCode.TYPE_MISMATCH, workspace.diagnostics(block).get(0).code());
    Files.writeString(swiglu, text.replace("util.return", "util.return {")); // saved broken
    workspace.close(swiglu);
    // the editor's version is gone: the block no longer sees its changed type
    List<Diagnostic> found = workspace.diagnostics(block);
    assertTrue(
        found.stream().noneMatch(d -> d.code() == DiagnosticCode.TYPE_MISMATCH), found.toString());
  }

  @Test
  void theOutlineHoldsModulesWithTheirSymbols() {
    List<SymbolInfo> symbols = workspace.symbols(block);
    assertEquals(1, symbols.size());
    SymbolInfo module = symbols.get(0);
    assertEquals(SymbolKind.MODULE, module.kind());
    assertEquals("moe_ffn_components", module.name());
    assertEquals(
        List.of("moe_components.mul_mat_id", "activation_components.swiglu", "moe_ffn_block"),
        module.children().stream().map(SymbolInfo::name).toList());
    assertTrue(module.children().get(0).declaration());
    // a declaration's name is already the name it links by
    assertEquals("moe_components.mul_mat_id", module.children().get(0).qualifiedName());
    assertEquals("moe_ffn_components.moe_ffn_block", module.children().get(2).qualifiedName());
    assertEquals("public", module.children().get(2).visibility());
    assertEquals(
        List.of("moe_components.mul_mat_id"),
        workspace.workspaceSymbols("MUL_MAT").stream()
            .map(SymbolInfo::qualifiedName)
            .filter(n -> n.contains("."))
            .toList());
  }

  @Test
  void aRenameRewritesTheDefinitionAndEveryDottedUseAndTheLinkStillWorks() throws IOException {
    int[] definition = at(swiglu, "@swiglu(", 2);
    Map<Path, List<Replacement>> edits =
        workspace.rename(swiglu, definition[0], definition[1], "swiglu2");
    assertEquals(List.of(swiglu, block).stream().sorted().toList(), List.copyOf(edits.keySet()));
    assertEquals(
        List.of("@swiglu2"), edits.get(swiglu).stream().map(Replacement::newText).toList());
    assertEquals(2, edits.get(block).size()); // the declaration and the call
    edits.forEach(WorkspaceTest::apply);

    LinkResult linked =
        Linker.builder()
            .main(Source.of(block))
            .linkModule(Source.of(mulMatId))
            .linkModule(Source.of(swiglu))
            .build()
            .link();
    assertTrue(linked.succeeded(), linked.formattedDiagnostics());
    // the definition takes the name the block declares it by
    assertTrue(linked.text().contains("util.func private @activation_components.swiglu2("));
    assertFalse(linked.text().contains("@activation_components.swiglu("));
    workspace.refresh(swiglu);
    workspace.refresh(block);
    assertEquals(List.of(), workspace.diagnostics(block));
  }

  @Test
  void aRenameOntoANameAModuleDeclaringItHasIsRefused() throws IOException {
    // the block declares mul_mat_id's module's other name already: renaming swiglu's
    // declaration there would declare @activation_components.x twice
    workspace.open(
        block,
        Files.readString(block)
            .replace(
                "module @moe_ffn_components {\n",
                "module @moe_ffn_components {\n  util.func private @activation_components.x()\n"),
        2);
    int[] definition = at(swiglu, "@swiglu(", 2);
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () -> workspace.rename(swiglu, definition[0], definition[1], "x"));
    assertEquals(
        "module @moe_ffn_components already has a symbol 'activation_components.x'",
        refused.getMessage());
    assertEquals(2, workspace.rename(swiglu, definition[0], definition[1], "y").size());
  }

  @Test
  void aRenameToANameThatIsNotASymbolNameIsRefused() throws IOException {
    int[] definition = at(swiglu, "@swiglu(", 2);
    assertThrows(
        IllegalArgumentException.class,
        () -> workspace.rename(swiglu, definition[0], definition[1], "a.b"));
  }

  @Test
  void anInterruptedQueryIsCancelled() {
    Thread.currentThread().interrupt();
    try {
      assertThrows(CancellationException.class, () -> workspace.diagnostics());
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void aFileChangedOnDiskCountsAfterARefresh() throws IOException {
    assertEquals(List.of(), workspace.diagnostics(block));
    Files.writeString(swiglu, Files.readString(swiglu).replace("@swiglu(", "@swiglu_renamed("));
    assertEquals(List.of(), workspace.diagnostics(block)); // not refreshed yet: the old text
    workspace.refresh(swiglu);
    List<Diagnostic> found = workspace.diagnostics(block);
    assertEquals(DiagnosticCode.UNRESOLVED_EXTERNAL, found.get(0).code(), found.toString());
  }

  /** Applies replacements to a file, from the last to the first so that offsets stay right. */
  private static void apply(Path file, List<Replacement> replacements) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      List<Replacement> sorted = new ArrayList<>(replacements);
      sorted.sort((a, b) -> Long.compare(b.range().start().offset(), a.range().start().offset()));
      String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
      byte[] out = bytes;
      for (Replacement r : sorted) {
        int start = (int) r.range().start().offset();
        int end = (int) r.range().end().offset();
        byte[] with = r.newText().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] next = new byte[out.length - (end - start) + with.length];
        System.arraycopy(out, 0, next, 0, start);
        System.arraycopy(with, 0, next, start, with.length);
        System.arraycopy(out, end, next, start + with.length, out.length - end);
        out = next;
      }
      assertFalse(text.isEmpty());
      Files.write(file, out);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
