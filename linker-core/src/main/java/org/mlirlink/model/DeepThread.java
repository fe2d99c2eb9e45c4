package org.mlirlink.model;

import com.google.common.util.concurrent.Uninterruptibles;
import java.util.function.Supplier;

/**
 * Runs recursive work (a reader or writer walking nested regions) on a thread of its own with a
 * {@value #STACK_MB} MB stack, committed only as deep as the work goes, and waits for it: the
 * input's nesting, not the caller's thread, decides what can be done.
 *
 * <pre>{@code
 * MlirFile file = DeepThread.run("mlir-link-deep-reader", () -> read(source));
 * }</pre>
 */
public final class DeepThread {
  /** The stack of the thread: virtual memory, committed only as deep as the work needs. */
  public static final int STACK_MB = 1024;

  private DeepThread() {}

  /**
   * The value of {@code work} run on a deep-stacked thread named {@code name}; what it throws is
   * thrown here as it is. The work cannot be stopped half way: an interrupt waits for it.
   */
  public static <T> T run(String name, Supplier<T> work) {
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
            name,
            (long) STACK_MB << 20);
    thread.setDaemon(true);
    thread.start();
    Uninterruptibles.joinUninterruptibly(thread);
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
