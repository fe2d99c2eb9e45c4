package org.mlirlink.write.bytecode;

import com.google.common.util.concurrent.Uninterruptibles;
import java.util.function.Supplier;
import org.mlirlink.diagnostic.Diagnostic;
import org.mlirlink.diagnostic.DiagnosticException;

/**
 * Runs the writer's recursive work (regions in ops in regions) so that the input's nesting, not the
 * caller's thread, decides what can be written: first on the caller's thread, and if its stack runs
 * out, again on a thread of our own with a {@value #STACK_MB} MB stack (committed only as deep as
 * it is used). The work only builds in memory, so running it twice writes nothing twice.
 *
 * <pre>{@code
 * Prepared prepared = DeepStack.call(() -> prepare(text));
 * }</pre>
 */
final class DeepStack {
  static final int STACK_MB = 1024;

  private DeepStack() {}

  static <T> T call(Supplier<T> work) {
    try {
      return work.get();
    } catch (StackOverflowError shallow) {
      return onDeepStack(work);
    }
  }

  private static <T> T onDeepStack(Supplier<T> work) {
    Object[] result = new Object[1];
    Throwable[] failure = new Throwable[1];
    Thread thread =
        new Thread(
            null,
            () -> {
              try {
                result[0] = work.get();
              } catch (Throwable t) {
                failure[0] = t;
              }
            },
            "mlir-link-bytecode-writer",
            (long) STACK_MB << 20);
    thread.setDaemon(true);
    thread.start();
    Uninterruptibles.joinUninterruptibly(thread);
    if (failure[0] instanceof StackOverflowError) {
      throw new DiagnosticException(
          Diagnostic.error("the text is nested too deeply to be written as bytecode"));
    }
    if (failure[0] instanceof RuntimeException e) {
      throw e;
    }
    if (failure[0] instanceof Error e) {
      throw e;
    }
    @SuppressWarnings("unchecked")
    T value = (T) result[0];
    return value;
  }
}
