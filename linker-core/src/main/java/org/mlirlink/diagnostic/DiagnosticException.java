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

  /**
   * An exception carrying one diagnostic, whose message is the diagnostic's.
   *
   * @param diagnostic what went wrong, and where
   */
  public DiagnosticException(Diagnostic diagnostic) {
    super(checkNotNull(diagnostic).message(), null, false, false);
    this.diagnostic = diagnostic;
  }

  /**
   * The diagnostic this exception carries.
   *
   * @return the diagnostic
   */
  public Diagnostic diagnostic() {
    return diagnostic;
  }
}
