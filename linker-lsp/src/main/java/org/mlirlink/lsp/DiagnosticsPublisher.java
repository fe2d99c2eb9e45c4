package org.mlirlink.lsp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.services.LanguageClient;
import org.mlirlink.workspace.Workspace;

/**
 * Publishes the link diagnostics of every open document, a short while after the last change.
 *
 * <p>Every open document, not only the one edited: a declaration elsewhere may resolve to what the
 * edit changed (a library file's signature), so its diagnostics change too. Debounced, because an
 * editor sends a change per keystroke: a new change cancels (interrupts) the pending or running
 * round and starts the wait again, so only the text the user paused at is checked.
 */
final class DiagnosticsPublisher implements AutoCloseable {
  private final Supplier<Workspace> workspace;
  private final Documents documents;
  private final Convert convert;
  private final Supplier<LanguageClient> client;
  private final long delayMillis;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "mlir-link-diagnostics");
            thread.setDaemon(true);
            return thread;
          });
  private ScheduledFuture<?> pending;

  /**
   * What was last sent for each open document: a round republishes every open document, and most of
   * them have not changed since the last round (another document was edited), so what is the same
   * for the same version is not sent again.
   */
  private final Map<Path, PublishDiagnosticsParams> published = new ConcurrentHashMap<>();

  DiagnosticsPublisher(
      Supplier<Workspace> workspace,
      Documents documents,
      Convert convert,
      Supplier<LanguageClient> client,
      long delayMillis) {
    this.workspace = workspace;
    this.documents = documents;
    this.convert = convert;
    this.client = client;
    this.delayMillis = delayMillis;
  }

  /**
   * Stops the pending or running round: called before a change reaches the workspace, so that the
   * change need not wait for the workspace's lock while a round that is stale anyway finishes.
   */
  synchronized void cancel() {
    if (pending != null) {
      pending.cancel(true);
      pending = null;
    }
  }

  /** Republishes every open document's diagnostics after the delay, unless changed again. */
  synchronized void schedule() {
    cancel();
    try {
      pending = scheduler.schedule(this::publishAll, delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // A change after shutdown: nobody is waiting for diagnostics any more.
      pending = null;
    }
  }

  /** Clears a closed document's diagnostics, which editors would otherwise keep showing. */
  void clear(String uri) {
    published.values().removeIf(sent -> sent.getUri().equals(uri));
    LanguageClient to = client.get();
    if (to != null) {
      to.publishDiagnostics(new PublishDiagnosticsParams(uri, List.of()));
    }
  }

  private void publishAll() {
    Workspace current = workspace.get();
    LanguageClient to = client.get();
    if (current == null || to == null) {
      return;
    }
    // Everything is computed before anything is sent, so that a round interrupted by a newer
    // change sends nothing stale; the newer round sends it all.
    Map<Path, Documents.Open> versions = new LinkedHashMap<>();
    Map<Path, List<Diagnostic>> computed = new LinkedHashMap<>();
    try {
      for (Path path : documents.paths()) {
        Documents.Open open = documents.get(path).orElse(null);
        if (open == null) {
          continue;
        }
        List<Diagnostic> diagnostics = new ArrayList<>();
        for (org.mlirlink.diagnostic.Diagnostic problem : current.diagnostics(path)) {
          diagnostics.add(convert.diagnostic(problem));
        }
        versions.put(path, open);
        computed.put(path, diagnostics);
      }
    } catch (CancellationException e) {
      return;
    } catch (RuntimeException | Error e) {
      // Even running out of memory on one document (a huge file) must not end the server: what
      // the round allocated is garbage once it is abandoned.
      Log.error("computing diagnostics failed", e);
      return;
    }
    if (Thread.currentThread().isInterrupted()) {
      return;
    }
    computed.forEach(
        (path, diagnostics) -> {
          Documents.Open open = versions.get(path);
          // Closed or changed meanwhile: its diagnostics were cleared at the close, or the round
          // the change scheduled sends them.
          PublishDiagnosticsParams params =
              new PublishDiagnosticsParams(open.uri(), diagnostics, open.version());
          if (documents.get(path).filter(open::equals).isPresent()
              && !params.equals(published.get(path))) {
            published.put(path, params);
            to.publishDiagnostics(params);
          }
        });
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
