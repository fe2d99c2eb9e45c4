package org.mlirlink.read;

import java.util.function.Supplier;
import org.mlirlink.diagnostic.DiagnosticException;
import org.mlirlink.model.DeepThread;

/**
 * Runs the reader's recursive work (nested modules, nested types in a function header) so that the
 * input, not the caller's thread, decides what can be read. The work runs first on the caller's
 * thread; if that thread's stack is too small for the input's nesting, it runs again on a thread of
 * our own with a {@value #STACK_MB} MB stack, and only nesting too deep for that is an error. So an
 * embedding program's small thread stacks and the command line's large one give the same answers.
 *
 * <pre>{@code
 * MlirFile file = DeepStack.call(() -> readOnce(source));
 * }</pre>
 */
final class DeepStack {
  /**
   * Virtual memory, committed only as deep as the input needs: 20 000 nested modules use ~20 MB.
   */
  static final int STACK_MB = DeepThread.STACK_MB;

  private static final ThreadLocal<Boolean> ON_DEEP_STACK = ThreadLocal.withInitial(() -> false);

  private DeepStack() {}

  /**
   * The work ran out of stack. It carries the error to report if even the deep stack is not enough:
   * where the nesting got too deep.
   */
  static final class TooDeep extends RuntimeException {
    private final transient DiagnosticException error;

    TooDeep(DiagnosticException error) {
      super(error.getMessage(), null, false, false);
      this.error = error;
    }

    DiagnosticException error() {
      return error;
    }
  }

  /** Runs {@code work}, again on a deep stack if it throws {@link TooDeep}. */
  static <T> T call(Supplier<T> work) {
    if (ON_DEEP_STACK.get()) {
      return work.get(); // already as deep as we go: TooDeep reaches the outer call
    }
    try {
      return work.get();
    } catch (TooDeep shallow) {
      return onDeepStack(work);
    }
  }

  private static <T> T onDeepStack(Supplier<T> work) {
    try {
      return DeepThread.run(
          "mlir-link-deep-reader",
          () -> {
            ON_DEEP_STACK.set(true);
            return work.get();
          });
    } catch (TooDeep tooDeep) {
      throw tooDeep.error();
    }
  }
}
