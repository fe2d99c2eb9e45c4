package org.mlirlink.diagnostic;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Thrown inside the library when input cannot be read or linked; {@link org.mlirlink.Linker} turns
 * it into {@link org.mlirlink.LinkResult#diagnostics()}, so it never reaches a caller of {@code
 * link()}. Readers used on their own ({@code MlirReader.read}) throw it directly.
 *
 * <pre>{@code
 * try {
 *   MlirFile file = MlirReader.read(source);
 * } catch (DiagnosticException e) {
 *   System.err.print(e.diagnostic().format());
 * }
 * }</pre>
 */
public final class DiagnosticException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Diagnostic diagnostic;

  public DiagnosticException(Diagnostic diagnostic) {
    super(checkNotNull(diagnostic).message(), null, false, false);
    this.diagnostic = diagnostic;
  }

  public Diagnostic diagnostic() {
    return diagnostic;
  }
}
