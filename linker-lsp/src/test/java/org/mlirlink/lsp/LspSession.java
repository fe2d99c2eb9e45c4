package org.mlirlink.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentSymbolCapabilities;
import org.eclipse.lsp4j.HoverCapabilities;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.RenameCapabilities;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentClientCapabilities;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;
import org.mlirlink.testing.MlirTools;

/**
 * The language server started by its launcher, {@code bin/mlir-link-lsp}, as an editor starts it,
 * and an LSP4J client talking to it over the process's standard input and output.
 *
 * <pre>{@code
 * try (LspSession lsp = LspSession.start(folder, null)) {
 *   String uri = lsp.open(folder.resolve("moe/moe_ffn_block.mlir"));
 *   lsp.server().getTextDocumentService().definition(...).get();
 * }
 * }</pre>
 */
final class LspSession implements AutoCloseable {
  /** How long a request or an expected notification may take before the test fails. */
  static final long TIMEOUT_SECONDS = 30;

  private final Process process;
  private final Path stderr;
  private final RecordingClient client;
  private final LanguageServer server;
  private InitializeResult initialized;

  private LspSession(Process process, Path stderr, RecordingClient client, LanguageServer server) {
    this.process = process;
    this.stderr = stderr;
    this.client = client;
    this.server = server;
  }

  /** The project's root folder, where {@code bin/} and {@code components/} are. */
  static Path projectRoot() {
    return MlirTools.projectRoot();
  }

  /** A copy of the repository's {@code components/} in {@code dir}, to edit freely. */
  static Path copyComponents(Path dir) throws IOException {
    Path source = projectRoot().resolve("components");
    Path target = dir.toRealPath().resolve("components");
    try (var walk = Files.walk(source)) {
      for (Path from : (Iterable<Path>) walk.sorted()::iterator) {
        Path to = target.resolve(source.relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to);
        }
      }
    }
    return target;
  }

  /**
   * Starts {@code bin/mlir-link-lsp} in {@code folder} and initializes it with {@code folder} as
   * the workspace folder.
   *
   * @param initializationOptions sent as the initialization options (a map becomes a JSON object),
   *     or null
   */
  static LspSession start(Path folder, Object initializationOptions) throws Exception {
    Path stderr = Files.createTempFile("mlir-link-lsp", ".log");
    Process process =
        new ProcessBuilder(projectRoot().resolve("bin/mlir-link-lsp").toString())
            .directory(folder.toFile())
            .redirectError(stderr.toFile())
            .start();
    RecordingClient client = new RecordingClient();
    Launcher<LanguageServer> launcher =
        LSPLauncher.createClientLauncher(
            client, process.getInputStream(), process.getOutputStream());
    launcher.startListening();
    LspSession session = new LspSession(process, stderr, client, launcher.getRemoteProxy());
    try {
      session.initialize(folder, initializationOptions);
      return session;
    } catch (Exception | AssertionError e) {
      session.close();
      throw e;
    }
  }

  private void initialize(Path folder, Object initializationOptions) throws InterruptedException {

    InitializeParams params = new InitializeParams();
    params.setProcessId((int) ProcessHandle.current().pid());
    params.setRootUri(uri(folder));
    params.setWorkspaceFolders(List.of(new WorkspaceFolder(uri(folder), "components")));
    params.setInitializationOptions(initializationOptions);
    ClientCapabilities capabilities = new ClientCapabilities();
    TextDocumentClientCapabilities text = new TextDocumentClientCapabilities();
    DocumentSymbolCapabilities symbols = new DocumentSymbolCapabilities();
    symbols.setHierarchicalDocumentSymbolSupport(true);
    text.setDocumentSymbol(symbols);
    text.setRename(new RenameCapabilities(true, false));
    text.setHover(new HoverCapabilities(List.of(MarkupKind.MARKDOWN), false));
    capabilities.setTextDocument(text);
    params.setCapabilities(capabilities);
    initialized = get(server.initialize(params));
    server.initialized(new InitializedParams());
  }

  static String uri(Path path) {
    return path.toUri().toString();
  }

  LanguageServer server() {
    return server;
  }

  InitializeResult initializeResult() {
    return initialized;
  }

  /** Waits for a request's answer, failing the test (with the server's log) when it is late. */
  <T> T get(CompletableFuture<T> request) throws InterruptedException {
    try {
      return request.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no answer in " + TIMEOUT_SECONDS + " s; server log:\n" + log(), e);
    } catch (ExecutionException e) {
      throw new AssertionError(
          "the request failed: " + e.getCause() + "; server log:\n" + log(), e);
    }
  }

  /** Opens a file as version 1 with its text on disk; returns its URI. */
  String open(Path file) throws IOException {
    String uri = uri(file);
    server
        .getTextDocumentService()
        .didOpen(
            new DidOpenTextDocumentParams(
                new TextDocumentItem(uri, "mlir", 1, Files.readString(file))));
    return uri;
  }

  /** Sends a document's whole new text (full sync). */
  void change(String uri, int version, String text) {
    server
        .getTextDocumentService()
        .didChange(
            new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri, version),
                List.of(new TextDocumentContentChangeEvent(text))));
  }

  static TextDocumentIdentifier document(String uri) {
    return new TextDocumentIdentifier(uri);
  }

  /**
   * Waits until the diagnostics published for {@code uri} satisfy {@code until} and returns them;
   * fails with what was last published when they do not in time.
   */
  PublishDiagnosticsParams awaitDiagnostics(String uri, Predicate<PublishDiagnosticsParams> until)
      throws InterruptedException {
    return client.await(uri, until, TIMEOUT_SECONDS * 1000, this);
  }

  /** Every publication of diagnostics for {@code uri} so far, in the order they came. */
  List<PublishDiagnosticsParams> publishedDiagnostics(String uri) {
    synchronized (client) {
      return client.history.stream().filter(p -> p.getUri().equals(uri)).toList();
    }
  }

  /** The messages the server showed the user. */
  List<MessageParams> shownMessages() {
    synchronized (client) {
      return List.copyOf(client.shown);
    }
  }

  /** What the server wrote to its standard error. */
  String log() {
    try {
      return Files.readString(stderr);
    } catch (IOException e) {
      return "(cannot read the log: " + e + ")";
    }
  }

  /** Sends shutdown and exit, and returns the process's exit code. */
  int shutdownAndExit() throws InterruptedException {
    get(server.shutdown());
    server.exit();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      fail("the server did not exit; log:\n" + log());
    }
    return process.exitValue();
  }

  @Override
  public void close() throws Exception {
    if (process.isAlive()) {
      // Ended as an editor ends it, not killed: a round of diagnostics the server is sending (a
      // file the test wrote changed on disk, which the server watches) would otherwise meet a
      // pipe closed under it.
      try {
        server.shutdown().get(5, TimeUnit.SECONDS);
        server.exit();
        process.waitFor(5, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        // A server that does not answer is stopped below.
      }
    }
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
    String log = log();
    Files.deleteIfExists(stderr);
    // The server survives its errors by logging them and answering empty, which a test of the
    // answers alone could miss: no session of these tests may log one.
    if (log.contains("mlir-link-lsp error:") || log.contains("Exception")) {
      fail("the server logged an error:\n" + log);
    }
  }

  /**
   * Writes a workspace edit to the files it names, as an editor applies a rename to files it has
   * not open. Only {@code changes} is read: the server sends no other form.
   */
  static void applyToDisk(WorkspaceEdit edit) throws IOException {
    assertNotNull(edit.getChanges(), "a workspace edit with changes: " + edit);
    assertEquals(null, edit.getDocumentChanges(), "the server sends changes only");
    for (Map.Entry<String, List<TextEdit>> entry : edit.getChanges().entrySet()) {
      Path file = Path.of(java.net.URI.create(entry.getKey()));
      Files.writeString(file, apply(Files.readString(file), entry.getValue()));
    }
  }

  /** The text with the edits made, each range as in the original text. */
  static String apply(String text, List<TextEdit> edits) {
    List<TextEdit> sorted = new ArrayList<>(edits);
    // From the end backwards, so that an edit does not move the ranges of those still to make.
    sorted.sort(
        Comparator.comparing((TextEdit e) -> offset(text, e.getRange().getStart())).reversed());
    StringBuilder out = new StringBuilder(text);
    for (TextEdit edit : sorted) {
      out.replace(
          offset(text, edit.getRange().getStart()),
          offset(text, edit.getRange().getEnd()),
          edit.getNewText());
    }
    return out.toString();
  }

  /** The index in {@code text} (UTF-16, as the protocol counts) of a 0-based position. */
  static int offset(String text, Position at) {
    int index = 0;
    for (int line = 0; line < at.getLine(); line++) {
      index = text.indexOf('\n', index) + 1;
      if (index == 0) {
        throw new IllegalArgumentException("no line " + at.getLine());
      }
    }
    return index + at.getCharacter();
  }

  /**
   * The 0-based position of {@code token} in the first line of {@code text} that contains {@code
   * line}, moved {@code into} characters into the token.
   */
  static Position find(String text, String line, String token, int into) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(line)) {
        int at = lines[i].indexOf(token);
        if (at < 0) {
          throw new IllegalArgumentException("'" + token + "' is not in line: " + lines[i]);
        }
        return new Position(i, at + into);
      }
    }
    throw new IllegalArgumentException("no line contains: " + line);
  }

  /** Records what the server sends the client. */
  static final class RecordingClient implements LanguageClient {
    private final Map<String, PublishDiagnosticsParams> diagnostics = new java.util.HashMap<>();
    private final List<MessageParams> shown = new ArrayList<>();
    private final List<PublishDiagnosticsParams> history = new ArrayList<>();

    @Override
    public synchronized void publishDiagnostics(PublishDiagnosticsParams params) {
      diagnostics.put(params.getUri(), params);
      history.add(params);
      notifyAll();
    }

    synchronized PublishDiagnosticsParams await(
        String uri, Predicate<PublishDiagnosticsParams> until, long millis, LspSession session)
        throws InterruptedException {
      long deadline = System.nanoTime() + millis * 1_000_000;
      while (true) {
        PublishDiagnosticsParams last = diagnostics.get(uri);
        if (last != null && until.test(last)) {
          return last;
        }
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          throw new AssertionError(
              "the diagnostics of "
                  + uri
                  + " were not as expected in time; last published: "
                  + last
                  + "\nserver log:\n"
                  + session.log());
        }
        wait(left);
      }
    }

    @Override
    public synchronized void showMessage(MessageParams message) {
      shown.add(message);
    }

    @Override
    public void telemetryEvent(Object object) {}

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(
        ShowMessageRequestParams request) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void logMessage(MessageParams message) {}
  }
}
