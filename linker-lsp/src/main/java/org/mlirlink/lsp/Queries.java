package org.mlirlink.lsp;

import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;

/**
 * Runs the editor's requests off the protocol's message thread, which must stay free to read the
 * next message (a cancellation, a change), and cancels a request by interrupting its thread: the
 * workspace stops a query whose thread is interrupted.
 *
 * <p>LSP4J cancels the future a request returned when the editor sends {@code $/cancelRequest}; a
 * {@link CompletableFuture} does not stop what computes it, so the cancellation is passed on to the
 * task here.
 */
final class Queries implements AutoCloseable {
  private final ExecutorService executor;

  /** A pool of {@code threads} daemon threads (they must not keep the process alive at exit). */
  Queries(int threads) {
    AtomicInteger count = new AtomicInteger();
    executor =
        Executors.newFixedThreadPool(
            threads,
            task -> {
              Thread thread = new Thread(task, "mlir-link-query-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * The answer of {@code query}, computed on a query thread. An error is logged and answered with
   * {@code empty}, so no request can take the server down; a {@link ResponseErrorException} is
   * passed on, for answers that are errors by design (an invalid new name).
   */
  <T> CompletableFuture<T> run(String what, T empty, Callable<T> query) {
    CompletableFuture<T> answer = new CompletableFuture<>();
    Future<?> task;
    try {
      task = submit(answer, what, empty, query);
    } catch (RejectedExecutionException e) {
      // A request after shutdown: the protocol forbids it, and an empty answer is harmless.
      return CompletableFuture.completedFuture(empty);
    }
    answer.whenComplete(
        (result, failure) -> {
          if (answer.isCancelled()) {
            task.cancel(true);
          }
        });
    return answer;
  }

  private <T> Future<?> submit(
      CompletableFuture<T> answer, String what, T empty, Callable<T> query) {
    return executor.submit(
        () -> {
          try {
            answer.complete(query.call());
          } catch (CancellationException e) {
            // Interrupted because the editor cancelled: the future is cancelled already.
            answer.complete(empty);
          } catch (ResponseErrorException e) {
            answer.completeExceptionally(e);
          } catch (Exception | Error e) {
            // Errors too (a stack overflow on deep nesting, memory running out on a huge file):
            // the editor gets an answer, and the query's garbage is freed.
            Log.error(what + " failed", e);
            answer.complete(empty);
          }
        });
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
