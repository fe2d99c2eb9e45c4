package org.mlirlink.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FileChangeType;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.PrepareRenameResult;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceContext;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.WorkspaceSymbolParams;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mlirlink.testing.MlirTools;

/**
 * The language server as an editor runs it: {@code bin/mlir-link-lsp} as a child process, driven by
 * an LSP4J client over its standard input and output, on a copy of the repository's {@code
 * components/}. Tagged {@code launcher}: Maven runs these in the package phase, after the jars are
 * built.
 */
// A server or an editor that stops answering fails its test instead of hanging the build.
@Timeout(90)
@Tag("launcher")
class LanguageServerEndToEndTest {
  /** The type both the declaration in the MoE block and the definition in mul_mat_id.mlir have. */
  private static final String MUL_MAT_ID_TYPE =
      "(tensor<?x?x?xf32>, tensor<?x?x?xf32>, tensor<?x?xi32>) -> tensor<?x?x?xf32>";

  /** The declaration's type after {@link #breakDeclaration}: the last argument's element type. */
  private static final String BROKEN_TYPE =
      "(tensor<?x?x?xf32>, tensor<?x?x?xf32>, tensor<?x?xi64>) -> tensor<?x?x?xf32>";

  @TempDir Path tmp;
  private Path components;
  private Path block;
  private Path mulMatId;
  private Path swiglu;

  /** The range of {@code @mul_mat_id}, the definition's name, in mul_mat_id.mlir. */
  private Range mulMatIdName;

  @BeforeEach
  void copyComponents() throws Exception {
    components = LspSession.copyComponents(tmp);
    block = components.resolve("moe/moe_ffn_block.mlir");
    mulMatId = components.resolve("moe/mul_mat_id.mlir");
    swiglu = components.resolve("activation/swiglu.mlir");
    Position start =
        LspSession.find(
            Files.readString(mulMatId), "util.func public @mul_mat_id(", "@mul_mat_id", 0);
    mulMatIdName =
        new Range(
            start, new Position(start.getLine(), start.getCharacter() + "@mul_mat_id".length()));
  }

  private static Position declarationName(String text) {
    return LspSession.find(
        text, "util.func private @moe_components.mul_mat_id(", "@moe_components.mul_mat_id", 20);
  }

  /** The text of the MoE block with the declaration's last argument made i64 (it is i32). */
  private static String breakDeclaration(String text) {
    String broken =
        text.replaceFirst(
            "tensor<\\?x\\?x\\?xf32>, tensor<\\?x\\?x\\?xf32>, tensor<\\?x\\?xi32>\n  \\) ->",
            "tensor<?x?x?xf32>, tensor<?x?x?xf32>, tensor<?x?xi64>\n  ) ->");
    assertFalse(broken.equals(text), "the declaration's argument list was found");
    return broken;
  }

  private List<Location> definition(LspSession lsp, String uri, Position at) throws Exception {
    Either<List<? extends Location>, List<? extends org.eclipse.lsp4j.LocationLink>> answer =
        lsp.get(
            lsp.server()
                .getTextDocumentService()
                .definition(new DefinitionParams(LspSession.document(uri), at)));
    assertTrue(answer.isLeft(), "locations, not links: " + answer);
    return List.copyOf(answer.getLeft());
  }

  @Test
  void definitionOfADottedDeclarationAndOfItsCallIsTheFunctionInItsModule() throws Exception {
    try (LspSession lsp = LspSession.start(components, null)) {
      String uri = lsp.open(block);
      String text = Files.readString(block);
      Location expected = new Location(LspSession.uri(mulMatId), mulMatIdName);

      assertEquals(List.of(expected), definition(lsp, uri, declarationName(text)));
      Position call =
          LspSession.find(
              text, "%up = util.call @moe_components.mul_mat_id(", "@moe_components", 3);
      assertEquals(List.of(expected), definition(lsp, uri, call));
      // On no symbol reference (a comment), there is nothing to go to.
      assertEquals(List.of(), definition(lsp, uri, new Position(0, 5)));
      assertEquals(0, lsp.shutdownAndExit(), lsp.log());
    }
  }

  @Test
  void hoverShowsTheDeclaredAndTheDefinedTypeSideBySideWhenTheyDiffer() throws Exception {
    try (LspSession lsp = LspSession.start(components, null)) {
      String uri = lsp.open(block);
      String text = Files.readString(block);
      Position at = declarationName(text);

      Hover agreeing = hover(lsp, uri, at);
      String shown = agreeing.getContents().getRight().getValue();
      assertEquals("markdown", agreeing.getContents().getRight().getKind());
      assertTrue(shown.contains("moe_components.mul_mat_id"), shown);
      assertTrue(shown.contains(MUL_MAT_ID_TYPE), shown);
      assertTrue(shown.contains("types agree"), shown);
      assertTrue(shown.contains("moe/mul_mat_id.mlir:"), shown);
      assertTrue(shown.contains("declared here"), shown);

      // On a call, what is under the cursor is a use: the declaration is elsewhere in the file.
      Position call =
          LspSession.find(
              text, "%up = util.call @moe_components.mul_mat_id(", "@moe_components", 3);
      String onCall = hover(lsp, uri, call).getContents().getRight().getValue();
      assertFalse(onCall.contains("declared here"), onCall);
      assertTrue(
          onCall.contains("declared at line " + (at.getLine() + 1) + " and defined in"), onCall);
      assertTrue(onCall.contains(MUL_MAT_ID_TYPE), onCall);

      lsp.change(uri, 2, breakDeclaration(text));
      Hover differing = hover(lsp, uri, at);
      String table = differing.getContents().getRight().getValue();
      assertTrue(table.contains("| declared here | defined in"), table);
      assertTrue(table.contains("| `" + BROKEN_TYPE + "` | `" + MUL_MAT_ID_TYPE + "` |"), table);
      Range token = differing.getRange();
      assertNotNull(token, "the hover names the reference's range");
      assertEquals(at.getLine(), token.getStart().getLine());
    }
  }

  private static Hover hover(LspSession lsp, String uri, Position at) throws Exception {
    Hover hover =
        lsp.get(
            lsp.server()
                .getTextDocumentService()
                .hover(new HoverParams(LspSession.document(uri), at)));
    assertNotNull(hover, "a hover over the declaration");
    return hover;
  }

  @Test
  void aBrokenSignaturePublishesATypeMismatchPointingAtTheDefinition() throws Exception {
    try (LspSession lsp = LspSession.start(components, null)) {
      String uri = lsp.open(block);
      String text = Files.readString(block);
      // Opened as on disk: the components link, so the first diagnostics are none.
      PublishDiagnosticsParams clean = lsp.awaitDiagnostics(uri, p -> true);
      assertEquals(List.of(), clean.getDiagnostics());

      lsp.change(uri, 2, breakDeclaration(text));
      PublishDiagnosticsParams broken =
          lsp.awaitDiagnostics(uri, p -> p.getVersion() != null && p.getVersion() == 2);
      List<Diagnostic> mismatches =
          broken.getDiagnostics().stream()
              .filter(d -> d.getCode() != null && "type-mismatch".equals(d.getCode().getLeft()))
              .collect(Collectors.toList());
      assertEquals(1, mismatches.size(), "one type-mismatch: " + broken.getDiagnostics());
      Diagnostic mismatch = mismatches.get(0);
      assertEquals(DiagnosticSeverity.Error, mismatch.getSeverity());
      assertEquals("mlir-link", mismatch.getSource());
      assertEquals(declarationName(text).getLine(), mismatch.getRange().getStart().getLine());
      List<DiagnosticRelatedInformation> related = mismatch.getRelatedInformation();
      assertNotNull(related, "the definition as related information");
      assertTrue(
          related.stream()
              .anyMatch(
                  r ->
                      r.getLocation().getUri().equals(LspSession.uri(mulMatId))
                          && r.getLocation().getRange().getStart().getLine()
                              == mulMatIdName.getStart().getLine()),
          "related information at @mul_mat_id in mul_mat_id.mlir: " + related);

      // Mended again: the diagnostic goes away.
      lsp.change(uri, 3, text);
      PublishDiagnosticsParams mended =
          lsp.awaitDiagnostics(uri, p -> p.getVersion() != null && p.getVersion() == 3);
      assertEquals(List.of(), mended.getDiagnostics());

      // Broken and closed: the editor discards the text, and its diagnostics are cleared.
      lsp.change(uri, 4, breakDeclaration(text));
      lsp.awaitDiagnostics(uri, p -> p.getVersion() != null && p.getVersion() == 4);
      lsp.server()
          .getTextDocumentService()
          .didClose(new DidCloseTextDocumentParams(LspSession.document(uri)));
      PublishDiagnosticsParams cleared = lsp.awaitDiagnostics(uri, p -> p.getVersion() == null);
      assertEquals(List.of(), cleared.getDiagnostics());
    }
  }

  /** A library file changed on disk (not in the editor) counts once the editor reports it. */
  @Test
  void aFileChangedOnDiskIsReadAgainWhenTheEditorReportsIt() throws Exception {
    try (LspSession lsp = LspSession.start(components, null)) {
      String uri = lsp.open(block);
      lsp.awaitDiagnostics(uri, p -> p.getDiagnostics().isEmpty());
      // A checkout changes the definition's last argument.
      String library = Files.readString(mulMatId);
      Files.writeString(
          mulMatId,
          library.replace(
              "%expert_ids: tensor<?x?xi32>) -> tensor<?x?x?xf32> {",
              "%expert_ids: tensor<?x?xi64>) -> tensor<?x?x?xf32> {"));
      lsp.server()
          .getWorkspaceService()
          .didChangeWatchedFiles(
              new DidChangeWatchedFilesParams(
                  List.of(new FileEvent(LspSession.uri(mulMatId), FileChangeType.Changed))));
      PublishDiagnosticsParams republished =
          lsp.awaitDiagnostics(uri, p -> !p.getDiagnostics().isEmpty());
      assertEquals(
          List.of("type-mismatch"),
          republished.getDiagnostics().stream()
              .map(d -> d.getCode().getLeft())
              .collect(Collectors.toList()));
    }
  }

  /**
   * With an editor that does not watch files (this client offers no didChangeWatchedFiles, as
   * Neovim 0.7 does not), a change on disk counts all the same: a file changed, and a folder that
   * appears with a module in it (a checkout), with no notification from the editor.
   */
  @Test
  void filesChangedOnDiskCountWhenTheEditorDoesNotWatchThem() throws Exception {
    try (LspSession lsp = LspSession.start(components, null)) {
      String uri = lsp.open(block);
      lsp.awaitDiagnostics(uri, p -> p.getDiagnostics().isEmpty());
      String library = Files.readString(mulMatId);
      Files.writeString(
          mulMatId,
          library.replace(
              "%expert_ids: tensor<?x?xi32>) -> tensor<?x?x?xf32> {",
              "%expert_ids: tensor<?x?xi64>) -> tensor<?x?x?xf32> {"));
      PublishDiagnosticsParams changed =
          lsp.awaitDiagnostics(uri, p -> !p.getDiagnostics().isEmpty());
      assertEquals("type-mismatch", changed.getDiagnostics().get(0).getCode().getLeft());
      Files.writeString(mulMatId, library);
      lsp.awaitDiagnostics(uri, p -> p.getDiagnostics().isEmpty());

      // A declaration of a module no file has yet, then a folder checked out holding it.
      Path user = components.resolve("user.mlir");
      Files.writeString(user, "module @user {\n  util.func private @extra.f() -> ()\n}\n");
      String userUri = lsp.open(user);
      lsp.awaitDiagnostics(userUri, p -> !p.getDiagnostics().isEmpty());
      Path checkedOut = tmp.resolve("checkout");
      Files.createDirectories(checkedOut.resolve("deeper"));
      Files.writeString(
          checkedOut.resolve("deeper/extra.mlir"),
          "module @extra {\n  util.func public @f() {\n    util.return\n  }\n}\n");
      Files.move(checkedOut, components.resolve("extra"));
      lsp.awaitDiagnostics(userUri, p -> p.getDiagnostics().isEmpty());
      Files.writeString(components.resolve("extra/deeper/extra.mlir"), "module @extra {\n}\n");
      lsp.awaitDiagnostics(userUri, p -> !p.getDiagnostics().isEmpty());
    }
  }

  /** An edit of a library file changes what the other open documents' declarations resolve to. */
  @Test
  void changingADefinitionRepublishesTheDocumentsThatDeclareIt() throws Exception {
    try (LspSession lsp = LspSession.start(components, null)) {
      String blockUri = lsp.open(block);
      String libraryUri = lsp.open(mulMatId);
      lsp.awaitDiagnostics(blockUri, p -> p.getDiagnostics().isEmpty());
      String library = Files.readString(mulMatId);
      String changed =
          library.replace(
              "%expert_ids: tensor<?x?xi32>) -> tensor<?x?x?xf32> {",
              "%expert_ids: tensor<?x?xi64>) -> tensor<?x?x?xf32> {");
      assertFalse(changed.equals(library));
      lsp.change(libraryUri, 2, changed);
      PublishDiagnosticsParams republished =
          lsp.awaitDiagnostics(blockUri, p -> !p.getDiagnostics().isEmpty());
      assertTrue(
          republished.getDiagnostics().stream()
              .anyMatch(d -> "type-mismatch".equals(d.getCode().getLeft())),
          republished.getDiagnostics().toString());
    }
  }

  @Test
  void completionAfterAModuleNameOffersItsPublicFunctions() throws Exception {
    try (LspSession lsp = LspSession.start(components, null)) {
      String uri = lsp.open(block);
      String text = Files.readString(block);
      // Typing a new call in the function's body, the cursor after the dot.
      String typed = "    %x = util.call @activation_components.";
      String edited =
          text.replace("    // 8. DOWN projection", typed + "\n    // 8. DOWN projection");
      lsp.change(uri, 2, edited);
      Position cursor = LspSession.find(edited, typed, typed, typed.length());

      Either<List<CompletionItem>, CompletionList> answer =
          lsp.get(
              lsp.server()
                  .getTextDocumentService()
                  .completion(new CompletionParams(LspSession.document(uri), cursor)));
      List<CompletionItem> items =
          answer.isLeft() ? answer.getLeft() : answer.getRight().getItems();
      CompletionItem swiglu =
          items.stream()
              .filter(i -> i.getLabel().equals("swiglu"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no swiglu in " + items));
      TextEdit insert = swiglu.getTextEdit().getLeft();
      assertEquals("swiglu", insert.getNewText());
      assertEquals(cursor, insert.getRange().getEnd());
      // Nothing of mul_mat_id's module: only activation_components' functions.
      assertTrue(
          items.stream().noneMatch(i -> i.getLabel().contains("mul_mat_id")), items.toString());
      List<String> triggers =
          lsp.initializeResult().getCapabilities().getCompletionProvider().getTriggerCharacters();
      assertEquals(List.of("@", "."), triggers);
    }
  }

  @Test
  void renamingADefinitionRewritesItsDottedUsesAndTheResultStillLinks() throws Exception {
    try (LspSession lsp = LspSession.start(components, null)) {
      String uri = lsp.open(swiglu);
      Position at =
          LspSession.find(Files.readString(swiglu), "util.func public @swiglu(", "@swiglu", 2);

      PrepareRenameResult prepared = prepare(lsp, uri, at);
      assertEquals("swiglu", prepared.getPlaceholder());
      assertEquals(at.getLine(), prepared.getRange().getStart().getLine());

      ResponseErrorException invalid =
          assertThrows(ResponseErrorException.class, () -> rename(lsp, uri, at, "not a name!"));
      assertEquals(
          ResponseErrorCode.InvalidParams.getValue(), invalid.getResponseError().getCode());

      WorkspaceEdit edit = rename(lsp, uri, at, "swiglu2");
      assertNotNull(edit, "a rename of @swiglu");
      Map<String, List<TextEdit>> changes = edit.getChanges();
      assertTrue(changes.containsKey(LspSession.uri(swiglu)), changes.toString());
      assertTrue(changes.containsKey(LspSession.uri(block)), changes.toString());
      LspSession.applyToDisk(edit);
    }
    String block = Files.readString(this.block);
    assertTrue(block.contains("@activation_components.swiglu2("), block);
    assertFalse(block.contains("@activation_components.swiglu("), block);

    Path out = components.resolve("out.mlir");
    MlirTools.Run link =
        MlirTools.run(
            List.of(
                LspSession.projectRoot().resolve("bin/mlir-link").toString(),
                "moe/moe_ffn_block.mlir",
                "--link-module",
                "moe/mul_mat_id.mlir",
                "--link-module",
                "activation/swiglu.mlir",
                "-o",
                out.toString()),
            null,
            components);
    assertEquals(0, link.exitCode(), link.stderr());
    String linked = Files.readString(out);
    assertTrue(
        linked
            .lines()
            .anyMatch(
                l ->
                    l.contains("util.func")
                        && l.contains("@activation_components.swiglu2(")
                        && l.endsWith("{")),
        "the linked module defines the renamed function:\n" + linked);
    assertFalse(linked.contains("@activation_components.swiglu("), linked);
    assertFalse(linked.contains("@swiglu("), linked);
  }

  private static PrepareRenameResult prepare(LspSession lsp, String uri, Position at)
      throws Exception {
    var answer =
        lsp.get(
            lsp.server()
                .getTextDocumentService()
                .prepareRename(new PrepareRenameParams(LspSession.document(uri), at)));
    assertNotNull(answer, "something to rename at " + at);
    assertTrue(answer.isSecond(), "a range and a placeholder: " + answer);
    return answer.getSecond();
  }

  private static WorkspaceEdit rename(LspSession lsp, String uri, Position at, String name)
      throws Exception {
    try {
      return lsp.server()
          .getTextDocumentService()
          .rename(new RenameParams(LspSession.document(uri), at, name))
          .get(LspSession.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ResponseErrorException) {
        throw (ResponseErrorException) e.getCause();
      }
      throw e;
    }
  }

  @Test
  void outlineReferencesAndWorkspaceSymbols() throws Exception {
    try (LspSession lsp = LspSession.start(components, null)) {
      String uri = lsp.open(block);
      String text = Files.readString(block);

      var outline =
          lsp.get(
              lsp.server()
                  .getTextDocumentService()
                  .documentSymbol(new DocumentSymbolParams(LspSession.document(uri))));
      assertEquals(1, outline.size(), "one module: " + outline);
      DocumentSymbol module = outline.get(0).getRight();
      assertEquals("moe_ffn_components", module.getName());
      assertEquals(org.eclipse.lsp4j.SymbolKind.Module, module.getKind());
      List<String> children =
          module.getChildren().stream().map(DocumentSymbol::getName).collect(Collectors.toList());
      assertTrue(children.contains("moe_ffn_block"), children.toString());
      assertTrue(children.stream().anyMatch(c -> c.contains("mul_mat_id")), children.toString());

      // From the definition: its three calls and the declaration in the MoE block.
      lsp.open(mulMatId);
      Position definition = mulMatIdName.getStart();
      List<? extends Location> uses =
          lsp.get(
              lsp.server()
                  .getTextDocumentService()
                  .references(
                      new ReferenceParams(
                          LspSession.document(LspSession.uri(mulMatId)),
                          new Position(definition.getLine(), definition.getCharacter() + 3),
                          new ReferenceContext(false))));
      List<Integer> lines =
          uses.stream()
              .filter(l -> l.getUri().equals(uri))
              .map(l -> l.getRange().getStart().getLine())
              .sorted()
              .collect(Collectors.toList());
      long calls =
          text.lines().filter(l -> l.contains("util.call @moe_components.mul_mat_id(")).count();
      assertEquals(calls + 1, lines.size(), "the declaration and " + calls + " calls: " + uses);
      assertEquals(declarationName(text).getLine(), lines.get(0));

      Either<List<? extends SymbolInformation>, List<? extends org.eclipse.lsp4j.WorkspaceSymbol>>
          found =
              lsp.get(lsp.server().getWorkspaceService().symbol(new WorkspaceSymbolParams("swig")));
      // The same JSON reads as either form; LSP4J's client side takes the newer one.
      List<String> symbols = new ArrayList<>();
      if (found.isLeft()) {
        found.getLeft().forEach(s -> symbols.add(s.getName() + " " + s.getLocation().getUri()));
      } else {
        found
            .getRight()
            .forEach(s -> symbols.add(s.getName() + " " + s.getLocation().getLeft().getUri()));
      }
      assertTrue(
          symbols.contains("activation_components.swiglu " + LspSession.uri(swiglu)),
          symbols.toString());
    }
  }

  /**
   * A tree whose root file declares a module two files under it declare: the editor shows the
   * link's error on the declaration, and going to its definition offers both files. A copy of one
   * of them opened from outside the tree changes nothing.
   */
  @Test
  void aModuleTwoFilesDeclareIsTheLinksErrorOnTheDeclarationAndBothAreOffered() throws Exception {
    Path tree = components;
    Path one = Files.createDirectories(tree.resolve("a")).resolve("hparams.mlir");
    Path two = Files.createDirectories(tree.resolve("b")).resolve("hparams.mlir");
    String hparams =
        "module @hparams {\n  util.func public @n_embd() -> i64 {\n"
            + "    %n = arith.constant 4096 : i64\n    util.return %n : i64\n  }\n}\n";
    Files.writeString(one, hparams);
    Files.writeString(two, hparams);
    Path main = tree.resolve("llm_inference.mlir");
    Files.writeString(main, "module @llm {\n  util.func private @hparams.n_embd() -> i64\n}\n");
    try (LspSession lsp = LspSession.start(tree, null)) {
      String uri = lsp.open(main);
      PublishDiagnosticsParams published =
          lsp.awaitDiagnostics(uri, p -> !p.getDiagnostics().isEmpty());
      assertEquals(1, published.getDiagnostics().size(), published.toString());
      Diagnostic ambiguous = published.getDiagnostics().get(0);
      assertEquals("ambiguous-module", ambiguous.getCode().getLeft());
      assertEquals(DiagnosticSeverity.Error, ambiguous.getSeverity());
      assertEquals(1, ambiguous.getRange().getStart().getLine());
      assertTrue(
          ambiguous.getMessage().startsWith("module @hparams is declared by 2 files"),
          ambiguous.getMessage());
      List<Location> targets =
          definition(lsp, uri, LspSession.find(Files.readString(main), "@hparams", "@hp", 2));
      assertEquals(
          List.of(LspSession.uri(one), LspSession.uri(two)),
          targets.stream().map(Location::getUri).collect(Collectors.toList()));

      // An unrelated copy opened from elsewhere is no file of the tree.
      Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere")).resolve("mul_mat_id.mlir");
      Files.copy(mulMatId, elsewhere);
      lsp.open(elsewhere);
      String mulMatIdUri = lsp.open(mulMatId);
      String blockUri = lsp.open(block);
      assertEquals(List.of(), lsp.awaitDiagnostics(mulMatIdUri, p -> true).getDiagnostics());
      assertEquals(List.of(), lsp.awaitDiagnostics(blockUri, p -> true).getDiagnostics());
      assertEquals(
          List.of(new Location(LspSession.uri(mulMatId), mulMatIdName)),
          definition(lsp, blockUri, declarationName(Files.readString(block))));
    }
  }

  /**
   * Editing one document republishes the others only when their diagnostics change: an unchanged
   * document's diagnostics for the same version are sent once.
   */
  @Test
  void diagnosticsAreSentOncePerVersionUnlessTheyChange() throws Exception {
    try (LspSession lsp = LspSession.start(components, null)) {
      String blockUri = lsp.open(block);
      lsp.awaitDiagnostics(blockUri, p -> true);
      String libraryUri = lsp.open(mulMatId);
      lsp.awaitDiagnostics(libraryUri, p -> true);
      String library = Files.readString(mulMatId);
      for (int version = 2; version <= 3; version++) {
        lsp.change(libraryUri, version, "// edit " + version + "\n" + library);
        int expected = version;
        lsp.awaitDiagnostics(libraryUri, p -> p.getVersion() == expected);
      }
      // A round that sent the library's version 3 has checked the block too.
      List<PublishDiagnosticsParams> sent = lsp.publishedDiagnostics(blockUri);
      assertEquals(1, sent.size(), sent.toString());
      assertEquals(3, lsp.publishedDiagnostics(libraryUri).size());

      // A change that does change the block's diagnostics is sent, for the same version.
      lsp.change(
          libraryUri,
          4,
          library.replace("tensor<?x?xi32>) -> tensor", "tensor<?x?xi64>) -> tensor"));
      lsp.awaitDiagnostics(blockUri, p -> !p.getDiagnostics().isEmpty());
      assertEquals(2, lsp.publishedDiagnostics(blockUri).size());
    }
  }

  /**
   * A misspelled key in mlir-link.json and library paths that do not exist (there and in the
   * initialization options) are shown to the user, and marked in the file where they are written,
   * rather than only logged.
   */
  @Test
  void unusableLibraryPathsAndUnknownSettingsAreShownWhereTheUserLooks() throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("project"));
    Path settings = folder.resolve("mlir-link.json");
    Files.writeString(
        settings,
        "{\n  \"libraryPath\": [\"../components/moe\"],\n  \"libraryPaths\": [\"../compnents\"]\n}\n");
    try (LspSession lsp =
        LspSession.start(folder, Map.of("libraryPaths", List.of("../components/mo")))) {
      PublishDiagnosticsParams marked =
          lsp.awaitDiagnostics(LspSession.uri(settings), p -> p.getDiagnostics().size() == 2);
      Diagnostic key = marked.getDiagnostics().get(0);
      assertEquals(new Position(1, 2), key.getRange().getStart());
      assertTrue(key.getMessage().contains("did you mean 'libraryPaths'?"), key.getMessage());
      Diagnostic path = marked.getDiagnostics().get(1);
      assertEquals(new Position(2, 19), path.getRange().getStart());
      assertTrue(
          path.getMessage()
              .contains(
                  "cannot use library path '" + tmp.resolve("compnents") + "': no such directory"),
          path.getMessage());
      List<String> shown =
          lsp.shownMessages().stream().map(m -> m.getMessage()).collect(Collectors.toList());
      assertEquals(3, shown.size(), shown.toString());
      assertTrue(
          shown.stream()
              .anyMatch(
                  m ->
                      m.contains(
                          "the initialization options: cannot use library path '"
                              + tmp.resolve("components/mo")
                              + "'")),
          shown.toString());
      assertTrue(
          lsp.shownMessages().stream().allMatch(m -> m.getType() == MessageType.Warning),
          shown.toString());
    }
  }

  /**
   * Library paths outside the workspace folder: one from {@code mlir-link.json} in the folder, one
   * from the initialization options, each relative to the folder.
   */
  @Test
  void libraryPathsComeFromTheSettingsFileAndTheInitializationOptions() throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("project"));
    Files.move(block, folder.resolve("moe_ffn_block.mlir"));
    Files.writeString(
        folder.resolve("mlir-link.json"), "{\"libraryPaths\": [\"../components/activation\"]}");
    try (LspSession lsp =
        LspSession.start(folder, Map.of("libraryPaths", List.of("../components/moe")))) {
      Path moved = folder.resolve("moe_ffn_block.mlir");
      String uri = lsp.open(moved);
      String text = Files.readString(moved);
      Position swigluCall =
          LspSession.find(text, "util.call @activation_components.swiglu(", "@activation", 3);
      List<Location> toSwiglu = definition(lsp, uri, swigluCall);
      assertEquals(1, toSwiglu.size(), toSwiglu.toString());
      assertEquals(LspSession.uri(swiglu), toSwiglu.get(0).getUri());
      assertEquals(
          List.of(new Location(LspSession.uri(mulMatId), mulMatIdName)),
          definition(lsp, uri, declarationName(text)));
      // Both resolve, so the block links: no unresolved-external.
      assertEquals(List.of(), lsp.awaitDiagnostics(uri, p -> true).getDiagnostics());
      assertEquals(List.of(), lsp.shownMessages());
    }
  }
}
