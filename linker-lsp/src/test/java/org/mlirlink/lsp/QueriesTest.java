package org.mlirlink.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How a request's query is cancelled: the editor cancels the answer, the query is interrupted. */
@Timeout(30)
class QueriesTest {
  @Test
  void cancellingTheAnswerInterruptsTheQueryAndTheThreadServesTheNextOneUninterrupted()
      throws Exception {
    try (Queries queries = new Queries(1)) {
      CountDownLatch started = new CountDownLatch(1);
      CountDownLatch interrupted = new CountDownLatch(1);
      CompletableFuture<String> answer =
          queries.run(
              "a slow query",
              "empty",
              () -> {
                started.countDown();
                try {
                  Thread.sleep(60_000);
                } catch (InterruptedException e) {
                  // as the workspace does when its thread is interrupted
                  interrupted.countDown();
                  throw new CancellationException();
                }
                return "too late";
              });
      assertTrue(started.await(10, TimeUnit.SECONDS));
      // What LSP4J does on $/cancelRequest.
      answer.cancel(true);
      assertTrue(interrupted.await(10, TimeUnit.SECONDS), "the query's thread was interrupted");
      assertTrue(answer.isCancelled());

      CompletableFuture<String> next =
          queries.run(
              "the next query",
              "empty",
              () -> Thread.currentThread().isInterrupted() ? "interrupted" : "answered");
      assertEquals("answered", next.get(10, TimeUnit.SECONDS));
    }
  }
}
