package org.mlirlink.lsp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DidChangeWatchedFilesRegistrationOptions;
import org.eclipse.lsp4j.FileSystemWatcher;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.Registration;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.RenameOptions;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.WorkspaceFoldersOptions;
import org.eclipse.lsp4j.WorkspaceServerCapabilities;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;
import org.mlirlink.workspace.Workspace;

/**
 * The language server: the protocol's lifecycle and settings, over one {@link Workspace} of the
 * editor's folders and library paths. {@link Main} runs it over standard input and output; it can
 * as well be run in-process on any pair of streams.
 *
 * <pre>{@code
 * MlirLanguageServer server = new MlirLanguageServer();
 * Launcher<LanguageClient> launcher = LSPLauncher.createServerLauncher(server, in, out);
 * server.connect(launcher.getRemoteProxy());
 * launcher.startListening();
 * }</pre>
 *
 * <p>Settings: the workspace folders (or the root URI) are library roots, plus the folders of the
 * initialization option {@code {"libraryPaths": [...]}} (relative to the first workspace folder),
 * plus those of an {@code mlir-link.json} file in a workspace folder, of the same form. A setting
 * that cannot be used (an unknown key, a path that is no folder) is shown as a message, and in
 * {@code mlir-link.json} as a diagnostic where it is written.
 */
public final class MlirLanguageServer implements LanguageServer, LanguageClientAware {
  /** How long diagnostics wait for the typing to pause. */
  static final long DIAGNOSTICS_DELAY_MILLIS = 150;

  private final Documents documents = new Documents();
  private final Convert convert = new Convert(documents);
  private final Queries queries = new Queries(2);
  private final DiagnosticsPublisher diagnostics;
  private final MlirTextDocumentService textDocuments;
  private final MlirWorkspaceService workspaceService;

  private volatile LanguageClient client;
  private volatile Workspace workspace;
  private volatile ClientCapabilities capabilities = new ClientCapabilities();
  private volatile List<Path> folders = List.of();
  private volatile Object initializationOptions;
  private volatile List<Path> roots = List.of();
  private volatile boolean shutdown;

  /** A server waiting for {@code initialize}. */
  public MlirLanguageServer() {
    diagnostics =
        new DiagnosticsPublisher(
            () -> workspace, documents, convert, () -> client, DIAGNOSTICS_DELAY_MILLIS);
    textDocuments = new MlirTextDocumentService(this);
    workspaceService = new MlirWorkspaceService(this);
  }

  @Override
  public void connect(LanguageClient client) {
    this.client = client;
  }

  @Override
  public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
    if (params.getCapabilities() != null) {
      capabilities = params.getCapabilities();
    }
    folders = folders(params);
    initializationOptions = params.getInitializationOptions();
    roots = readRoots();
    Log.info("library roots: " + roots);
    try {
      workspace = new Workspace(roots);
    } catch (RuntimeException e) {
      // Without a workspace every request is answered empty; the editor still works.
      Log.error("cannot create the workspace", e);
    }

    ServerCapabilities server = new ServerCapabilities();
    server.setTextDocumentSync(TextDocumentSyncKind.Full);
    server.setDefinitionProvider(true);
    server.setReferencesProvider(true);
    server.setHoverProvider(true);
    server.setDocumentSymbolProvider(true);
    server.setWorkspaceSymbolProvider(true);
    server.setCompletionProvider(new CompletionOptions(false, List.of("@", ".")));
    boolean prepare =
        Optional.ofNullable(capabilities.getTextDocument())
            .map(t -> t.getRename())
            .map(r -> Boolean.TRUE.equals(r.getPrepareSupport()))
            .orElse(false);
    server.setRenameProvider(
        prepare ? Either.forRight(new RenameOptions(true)) : Either.forLeft(true));
    WorkspaceFoldersOptions workspaceFolders = new WorkspaceFoldersOptions();
    workspaceFolders.setSupported(true);
    workspaceFolders.setChangeNotifications(true);
    server.setWorkspace(new WorkspaceServerCapabilities(workspaceFolders));
    return CompletableFuture.completedFuture(
        new InitializeResult(server, new ServerInfo("mlir-link-lsp", version())));
  }

  @Override
  public void initialized(InitializedParams params) {
    publishSettingsProblems(); // not before: only messages may be sent during initialize
    boolean canWatch =
        Optional.ofNullable(capabilities.getWorkspace())
            .map(w -> w.getDidChangeWatchedFiles())
            .map(d -> Boolean.TRUE.equals(d.getDynamicRegistration()))
            .orElse(false);
    LanguageClient to = client;
    if (canWatch && to != null) {
      // Files changed outside the editor (a checkout, a build): the workspace reads them again.
      List<FileSystemWatcher> watchers =
          List.of(
              new FileSystemWatcher(Either.forLeft("**/*.{mlir,mlirbc}")),
              new FileSystemWatcher(Either.forLeft("**/" + LibraryRoots.CONFIG_FILE)));
      to.registerCapability(
              new RegistrationParams(
                  List.of(
                      new Registration(
                          "mlir-link-watched-files",
                          "workspace/didChangeWatchedFiles",
                          new DidChangeWatchedFilesRegistrationOptions(watchers)))))
          .exceptionally(
              failure -> {
                Log.warn("the editor refused to watch files: " + failure.getMessage());
                watchFiles();
                return null;
              });
    } else {
      watchFiles();
    }
  }

  /**
   * Watches the roots from the server, for an editor that does not: without it a file changed on
   * disk (a checkout) would count only once the server is restarted.
   */
  private synchronized void watchFiles() {
    if (watcher != null || shutdown) {
      return;
    }
    try {
      watcher = RootWatcher.start(this::changedOnDisk);
      watcher.watch(roots);
      Log.info("the editor does not watch files: watching the library roots");
    } catch (IOException | RuntimeException e) {
      Log.warn("cannot watch the library roots: " + e.getMessage());
    }
  }

  /** What the server's own watcher saw change: as if the editor had reported it. */
  private void changedOnDisk(Path path) {
    Path name = path.getFileName();
    if (name != null && name.toString().equals(LibraryRoots.CONFIG_FILE)) {
      reloadRoots();
      return;
    }
    Workspace current = workspace;
    if (current != null) {
      diagnostics.cancel();
      current.refresh(path);
      diagnostics.schedule();
    }
  }

  /** The server's own watcher of the roots, or null while the editor watches files. */
  private RootWatcher watcher;

  @Override
  public CompletableFuture<Object> shutdown() {
    shutdown = true;
    synchronized (this) {
      if (watcher != null) {
        watcher.close();
      }
    }
    diagnostics.close();
    queries.close();
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void exit() {
    System.exit(exitCode());
  }

  /** The protocol's exit code: 0 after a {@code shutdown} request, 1 without one. */
  int exitCode() {
    return shutdown ? 0 : 1;
  }

  @Override
  public TextDocumentService getTextDocumentService() {
    return textDocuments;
  }

  @Override
  public WorkspaceService getWorkspaceService() {
    return workspaceService;
  }

  Workspace workspace() {
    return workspace;
  }

  Documents documents() {
    return documents;
  }

  Convert convert() {
    return convert;
  }

  Queries queries() {
    return queries;
  }

  DiagnosticsPublisher diagnostics() {
    return diagnostics;
  }

  ClientCapabilities capabilities() {
    return capabilities;
  }

  List<Path> roots() {
    return roots;
  }

  /** The workspace folders changed: the roots are worked out again. */
  void setFolders(List<Path> newFolders) {
    folders = List.copyOf(newFolders);
    reloadRoots();
  }

  List<Path> folders() {
    return folders;
  }

  /** Works the library roots out again (a folder or a settings file changed). */
  synchronized void reloadRoots() {
    List<Path> newRoots = readRoots();
    publishSettingsProblems();
    if (newRoots.equals(roots)) {
      return;
    }
    roots = newRoots;
    Log.info("library roots: " + roots);
    Workspace current = workspace;
    if (current != null) {
      current.setLibraryRoots(roots);
    }
    if (watcher != null) {
      watcher.watch(roots);
    }
    diagnostics.schedule();
  }

  /**
   * With no folder and no library path (an editor started on a single file), the folder of the
   * first document opened is the root, so that its neighbours resolve.
   */
  synchronized void useFolderIfNoRoots(Path document) {
    Workspace current = workspace;
    if (!roots.isEmpty() || current == null || document.getParent() == null) {
      return;
    }
    roots = List.of(document.getParent());
    Log.info("no workspace folder: library root " + roots.get(0));
    current.setLibraryRoots(roots);
    if (watcher != null) {
      watcher.watch(roots);
    }
  }

  /**
   * The library roots the settings give now; each problem with the settings is shown to the user as
   * a message, and one in a settings file is kept for {@link #publishSettingsProblems}.
   */
  private List<Path> readRoots() {
    Map<Path, List<Diagnostic>> found = new HashMap<>();
    List<Path> read =
        LibraryRoots.of(
            folders,
            initializationOptions,
            problem -> {
              warnUser(problem.message());
              if (problem.file() != null) {
                Range at =
                    new Range(
                        new Position(problem.line(), problem.column()),
                        new Position(problem.line(), problem.column() + problem.length()));
                Diagnostic diagnostic =
                    new Diagnostic(at, problem.message(), DiagnosticSeverity.Error, "mlir-link");
                found.computeIfAbsent(problem.file(), f -> new ArrayList<>()).add(diagnostic);
              }
            });
    settingsProblems = found;
    return read;
  }

  /** The problems of each settings file, by file, as the roots were last read. */
  private volatile Map<Path, List<Diagnostic>> settingsProblems = Map.of();

  /** The settings files diagnostics were published for, to clear once mended. */
  private final Set<Path> settingsWithDiagnostics = ConcurrentHashMap.newKeySet();

  /**
   * Publishes the problems of the settings files where they are written, and clears those of a file
   * mended since.
   */
  private void publishSettingsProblems() {
    LanguageClient to = client;
    if (to == null) {
      return;
    }
    Map<Path, List<Diagnostic>> now = settingsProblems;
    Set<Path> files = new HashSet<>(settingsWithDiagnostics);
    files.addAll(now.keySet());
    for (Path file : files) {
      List<Diagnostic> problems = now.getOrDefault(file, List.of());
      to.publishDiagnostics(new PublishDiagnosticsParams(documents.uri(file), problems));
      if (problems.isEmpty()) {
        settingsWithDiagnostics.remove(file);
      } else {
        settingsWithDiagnostics.add(file);
      }
    }
  }

  private void warnUser(String problem) {
    Log.warn(problem);
    LanguageClient to = client;
    if (to != null) {
      to.showMessage(new MessageParams(MessageType.Warning, "mlir-link: " + problem));
    }
  }

  private static List<Path> folders(InitializeParams params) {
    List<Path> out = new ArrayList<>();
    if (params.getWorkspaceFolders() != null) {
      for (WorkspaceFolder folder : params.getWorkspaceFolders()) {
        Documents.path(folder.getUri()).ifPresent(out::add);
      }
    }
    if (out.isEmpty() && params.getRootUri() != null) {
      Documents.path(params.getRootUri()).ifPresent(out::add);
    }
    @SuppressWarnings("deprecation")
    String rootPath = params.getRootPath();
    if (out.isEmpty() && rootPath != null) {
      out.add(Path.of(rootPath).toAbsolutePath().normalize());
    }
    return out;
  }

  private static String version() {
    String version = MlirLanguageServer.class.getPackage().getImplementationVersion();
    return version != null ? version : "development";
  }
}
