package org.mlirlink.write.bytecode;

import java.util.function.Supplier;
import org.mlirlink.diagnostic.Diagnostic;
import org.mlirlink.diagnostic.DiagnosticCode;
import org.mlirlink.diagnostic.DiagnosticException;
import org.mlirlink.model.DeepThread;

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
  static final int STACK_MB = DeepThread.STACK_MB;

  private DeepStack() {}

  static <T> T call(Supplier<T> work) {
    try {
      return work.get();
    } catch (StackOverflowError shallow) {
      return onDeepStack(work);
    }
  }

  private static <T> T onDeepStack(Supplier<T> work) {
    try {
      return DeepThread.run("mlir-link-bytecode-writer", work);
    } catch (StackOverflowError tooDeep) {
      throw new DiagnosticException(
          Diagnostic.error("the text is nested too deeply to be written as bytecode")
              .withCode(DiagnosticCode.BYTECODE_OUTPUT));
    }
  }
}
