package org.mlirlink.lsp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.DidChangeWorkspaceFoldersParams;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.WorkspaceSymbol;
import org.eclipse.lsp4j.WorkspaceSymbolParams;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.WorkspaceService;
import org.mlirlink.workspace.SymbolInfo;
import org.mlirlink.workspace.Workspace;

/** The {@code workspace/*} requests and notifications: symbol search, files and folders. */
final class MlirWorkspaceService implements WorkspaceService {
  private final MlirLanguageServer server;

  MlirWorkspaceService(MlirLanguageServer server) {
    this.server = server;
  }

  @Override
  public CompletableFuture<
          Either<List<? extends SymbolInformation>, List<? extends WorkspaceSymbol>>>
      symbol(WorkspaceSymbolParams params) {
    Workspace workspace = server.workspace();
    Either<List<? extends SymbolInformation>, List<? extends WorkspaceSymbol>> none =
        Either.forLeft(List.of());
    if (workspace == null) {
      return CompletableFuture.completedFuture(none);
    }
    String query = params.getQuery() == null ? "" : params.getQuery();
    return server
        .queries()
        .run(
            "workspace symbols for '" + query + "'",
            none,
            () -> {
              List<SymbolInformation> out = new ArrayList<>();
              for (SymbolInfo symbol : workspace.workspaceSymbols(query)) {
                out.add(server.convert().symbolInformation(symbol, null));
              }
              return Either.forLeft(out);
            });
  }

  @Override
  public void didChangeConfiguration(DidChangeConfigurationParams params) {
    // The settings are the initialization options and mlir-link.json, both read at start-up (the
    // file again when it changes).
  }

  @Override
  public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
    Workspace workspace = server.workspace();
    boolean settings = false;
    for (FileEvent event : params.getChanges()) {
      Path path = Documents.path(event.getUri()).orElse(null);
      if (path == null) {
        continue;
      }
      if (path.getFileName() != null
          && path.getFileName().toString().equals(LibraryRoots.CONFIG_FILE)) {
        settings = true;
        continue;
      }
      try {
        if (workspace != null) {
          workspace.refresh(path);
        }
      } catch (RuntimeException e) {
        Log.error("refreshing " + path + " failed", e);
      }
    }
    if (settings) {
      try {
        server.reloadRoots();
      } catch (RuntimeException e) {
        Log.error("reading the library paths again failed", e);
      }
    }
    server.diagnostics().schedule();
  }

  @Override
  public void didChangeWorkspaceFolders(DidChangeWorkspaceFoldersParams params) {
    List<Path> folders = new ArrayList<>(server.folders());
    if (params.getEvent() != null) {
      for (WorkspaceFolder removed : params.getEvent().getRemoved()) {
        Documents.path(removed.getUri()).ifPresent(folders::remove);
      }
      for (WorkspaceFolder added : params.getEvent().getAdded()) {
        Documents.path(added.getUri()).filter(p -> !folders.contains(p)).ifPresent(folders::add);
      }
    }
    try {
      server.setFolders(folders);
    } catch (RuntimeException e) {
      Log.error("changing the workspace folders failed", e);
    }
  }
}
