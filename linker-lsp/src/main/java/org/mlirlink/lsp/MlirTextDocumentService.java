package org.mlirlink.lsp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PrepareRenameDefaultBehavior;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.PrepareRenameResult;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.Either3;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.mlirlink.workspace.Completion;
import org.mlirlink.workspace.Replacement;
import org.mlirlink.workspace.SignatureInfo;
import org.mlirlink.workspace.SymbolInfo;
import org.mlirlink.workspace.TextLocation;
import org.mlirlink.workspace.TextRange;
import org.mlirlink.workspace.Workspace;

/**
 * The {@code textDocument/*} requests and notifications. Notifications (open, change, close) update
 * the workspace on the message thread, in the order they came, so that a request after a change
 * sees the changed text; requests run on query threads.
 */
final class MlirTextDocumentService implements TextDocumentService {
  private final MlirLanguageServer server;

  MlirTextDocumentService(MlirLanguageServer server) {
    this.server = server;
  }

  @Override
  public void didOpen(DidOpenTextDocumentParams params) {
    String uri = params.getTextDocument().getUri();
    int version = params.getTextDocument().getVersion();
    change(
        "opening",
        uri,
        path -> {
          server.documents().opened(path, uri, version);
          server.useFolderIfNoRoots(path);
        },
        (workspace, path) -> workspace.open(path, params.getTextDocument().getText(), version));
  }

  @Override
  public void didChange(DidChangeTextDocumentParams params) {
    String uri = params.getTextDocument().getUri();
    List<TextDocumentContentChangeEvent> changes = params.getContentChanges();
    if (changes == null || changes.isEmpty()) {
      return;
    }
    // Full sync: each change is the whole text, so the last one is the document.
    TextDocumentContentChangeEvent last = changes.get(changes.size() - 1);
    if (last.getRange() != null) {
      Log.warn("ignoring an incremental change of " + uri + ": the server asked for full text");
      return;
    }
    int version = params.getTextDocument().getVersion();
    change(
        "changing",
        uri,
        path -> server.documents().changed(path, version),
        (workspace, path) -> workspace.open(path, last.getText(), version));
  }

  @Override
  public void didClose(DidCloseTextDocumentParams params) {
    String uri = params.getTextDocument().getUri();
    // The file on disk counts again, which may differ from the text the editor discarded.
    change("closing", uri, server.documents()::closed, Workspace::close);
    server.diagnostics().clear(uri);
  }

  @Override
  public void didSave(DidSaveTextDocumentParams params) {
    // The open text already wins over the file; nothing changes when it is written.
  }

  @Override
  public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>>
      definition(DefinitionParams params) {
    return at(
        "definition",
        params.getTextDocument().getUri(),
        params.getPosition(),
        Either.forLeft(List.of()),
        (workspace, path, line, column) ->
            Either.forLeft(server.convert().locations(workspace.definition(path, line, column))));
  }

  @Override
  public CompletableFuture<List<? extends Location>> references(ReferenceParams params) {
    boolean includeDefinition =
        params.getContext() != null && params.getContext().isIncludeDeclaration();
    return at(
        "references",
        params.getTextDocument().getUri(),
        params.getPosition(),
        List.of(),
        (workspace, path, line, column) ->
            server
                .convert()
                .locations(workspace.references(path, line, column, includeDefinition)));
  }

  @Override
  public CompletableFuture<Hover> hover(HoverParams params) {
    return at(
        "hover",
        params.getTextDocument().getUri(),
        params.getPosition(),
        null,
        (workspace, path, line, column) ->
            workspace
                .signature(path, line, column)
                .map(
                    signature ->
                        new Hover(
                            new MarkupContent(
                                MarkupKind.MARKDOWN, HoverText.markdown(signature, server.roots())),
                            Convert.range(signature.range())))
                .orElse(null));
  }

  @Override
  public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(
      DocumentSymbolParams params) {
    boolean hierarchical =
        Optional.ofNullable(server.capabilities().getTextDocument())
            .map(t -> t.getDocumentSymbol())
            .map(d -> Boolean.TRUE.equals(d.getHierarchicalDocumentSymbolSupport()))
            .orElse(false);
    return document(
        "document symbols",
        params.getTextDocument().getUri(),
        List.of(),
        (workspace, path) -> {
          List<SymbolInfo> symbols = workspace.symbols(path);
          if (!hierarchical) {
            return server.convert().flatSymbols(symbols);
          }
          List<Either<SymbolInformation, DocumentSymbol>> out = new ArrayList<>();
          for (SymbolInfo symbol : symbols) {
            out.add(Either.forRight(Convert.documentSymbol(symbol)));
          }
          return out;
        });
  }

  @Override
  public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(
      CompletionParams params) {
    return at(
        "completion",
        params.getTextDocument().getUri(),
        params.getPosition(),
        Either.forRight(new CompletionList(false, List.of())),
        (workspace, path, line, column) -> {
          List<CompletionItem> items = new ArrayList<>();
          for (Completion completion : workspace.complete(path, line, column)) {
            items.add(Convert.completion(completion));
          }
          return Either.forRight(new CompletionList(false, items));
        });
  }

  @Override
  public CompletableFuture<WorkspaceEdit> rename(RenameParams params) {
    return at(
        "rename",
        params.getTextDocument().getUri(),
        params.getPosition(),
        null,
        (workspace, path, line, column) -> {
          Map<Path, List<Replacement>> replacements;
          try {
            replacements = workspace.rename(path, line, column, params.getNewName());
          } catch (IllegalArgumentException e) {
            // The one error the editor should show as is: the name typed cannot be a symbol's.
            throw new ResponseErrorException(
                new ResponseError(ResponseErrorCode.InvalidParams, e.getMessage(), null));
          }
          if (replacements.isEmpty()) {
            return null;
          }
          Map<String, List<TextEdit>> changes = new HashMap<>();
          replacements.forEach(
              (file, edits) -> {
                List<TextEdit> converted = new ArrayList<>(edits.size());
                for (Replacement edit : edits) {
                  converted.add(Convert.edit(edit));
                }
                changes.put(server.documents().uri(file), converted);
              });
          return new WorkspaceEdit(changes);
        });
  }

  /**
   * The name a rename would change at the position, and the name to offer: the name of the symbol
   * defined or declared there, or the reference's own name (after the module's) for a use.
   */
  @Override
  public CompletableFuture<Either3<Range, PrepareRenameResult, PrepareRenameDefaultBehavior>>
      prepareRename(PrepareRenameParams params) {
    return at(
        "prepare rename",
        params.getTextDocument().getUri(),
        params.getPosition(),
        null,
        (workspace, path, line, column) -> {
          Optional<SymbolInfo> symbol = symbolNamedAt(workspace.symbols(path), line, column);
          if (symbol.isPresent()) {
            return prepared(symbol.get().selection(), symbol.get().name());
          }
          Optional<SignatureInfo> reference = workspace.signature(path, line, column);
          if (reference.isPresent()) {
            return prepared(reference.get().range(), reference.get().name());
          }
          for (TextLocation use : workspace.references(path, line, column, true)) {
            if (use.path().equals(path) && use.range().contains(line, column)) {
              // A reference of another kind (an alias, a global): the editor's own word range.
              return Either3.forThird(new PrepareRenameDefaultBehavior(true));
            }
          }
          return null;
        });
  }

  private static Either3<Range, PrepareRenameResult, PrepareRenameDefaultBehavior> prepared(
      TextRange range, String name) {
    String own = name.substring(name.lastIndexOf('.') + 1);
    return Either3.forSecond(new PrepareRenameResult(Convert.range(range), own));
  }

  private static Optional<SymbolInfo> symbolNamedAt(
      List<SymbolInfo> symbols, int line, int column) {
    for (SymbolInfo symbol : symbols) {
      if (symbol.selection().contains(line, column)) {
        return Optional.of(symbol);
      }
      Optional<SymbolInfo> child = symbolNamedAt(symbol.children(), line, column);
      if (child.isPresent()) {
        return child;
      }
    }
    return Optional.empty();
  }

  /** A query about a position in a document. */
  interface PositionQuery<T> {
    T answer(Workspace workspace, Path path, int line, int column) throws Exception;
  }

  /** A query about a whole document. */
  interface DocumentQuery<T> {
    T answer(Workspace workspace, Path path) throws Exception;
  }

  private <T> CompletableFuture<T> at(
      String what, String uri, Position position, T empty, PositionQuery<T> query) {
    return document(
        what,
        uri,
        empty,
        (workspace, path) ->
            query.answer(workspace, path, Convert.line(position), Convert.column(position)));
  }

  private <T> CompletableFuture<T> document(
      String what, String uri, T empty, DocumentQuery<T> query) {
    Workspace workspace = server.workspace();
    Optional<Path> path = Documents.path(uri);
    if (workspace == null || path.isEmpty()) {
      return CompletableFuture.completedFuture(empty);
    }
    Callable<T> task = () -> query.answer(workspace, path.get());
    return server.queries().run(what + " in " + uri, empty, task);
  }

  /** Runs a notification's work; an error is logged, the server goes on. */
  /**
   * Applies an editor's change of a document: the running diagnostics round is stopped first (it is
   * stale, and would hold the workspace), the open documents' record and the workspace are updated
   * on this thread, in the order the notifications came, and a new round is scheduled.
   */
  private void change(
      String what, String uri, Consumer<Path> record, BiConsumer<Workspace, Path> apply) {
    server.diagnostics().cancel();
    Documents.path(uri)
        .ifPresent(
            path ->
                guarded(
                    what + " " + uri,
                    () -> {
                      record.accept(path);
                      Workspace workspace = server.workspace();
                      if (workspace != null) {
                        apply.accept(workspace, path);
                      }
                    }));
    server.diagnostics().schedule();
  }

  private static void guarded(String what, Runnable work) {
    try {
      work.run();
    } catch (RuntimeException | Error e) {
      Log.error(what + " failed", e);
    }
  }
}
