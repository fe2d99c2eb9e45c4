package org.mlirlink.model;

import java.util.List;
import org.mlirlink.diagnostic.Diagnostic;
import org.mlirlink.diagnostic.DiagnosticCode;
import org.mlirlink.diagnostic.SourceLocation;

/**
 * The linker's own way to make a {@link Diagnostic} at a byte offset of a text it read: the line
 * and column are counted, and the line's text kept for display. Not part of the API, which only
 * hands out diagnostics.
 *
 * <pre>{@code
 * throw new DiagnosticException(
 *     Diagnostics.error(source, offset, "symbol 'f' is defined twice")
 *         .withNote(Diagnostics.note(source, first, "first defined here")));
 * }</pre>
 */
public final class Diagnostics {
  private Diagnostics() {}

  /**
   * An error at a byte offset of a text, of code {@link DiagnosticCode#SYNTAX}: most errors with a
   * place are the reader's; others say their code with {@link Diagnostic#withCode}.
   */
  public static Diagnostic error(SourceLines source, long offset, String message) {
    return at(Diagnostic.Severity.ERROR, source, offset, -1, message);
  }

  /**
   * An error about the text {@code [start, end)} (a name), of code {@link DiagnosticCode#SYNTAX}.
   */
  public static Diagnostic error(SourceLines source, Span span, String message) {
    return at(Diagnostic.Severity.ERROR, source, span.start(), span.end(), message);
  }

  /** A note at a byte offset of a text, for {@link Diagnostic#withNote(Diagnostic)}. */
  public static Diagnostic note(SourceLines source, long offset, String message) {
    return at(Diagnostic.Severity.NOTE, source, offset, -1, message);
  }

  /** A note about the text a span covers (a name), for {@link Diagnostic#withNote(Diagnostic)}. */
  public static Diagnostic note(SourceLines source, Span span, String message) {
    return at(Diagnostic.Severity.NOTE, source, span.start(), span.end(), message);
  }

  private static Diagnostic at(
      Diagnostic.Severity severity, SourceLines source, long offset, long end, String message) {
    SourceLocation location = source.locationOf(offset);
    return new Diagnostic(
        severity,
        DiagnosticCode.SYNTAX,
        message,
        location,
        end < 0 ? null : source.locationOf(end),
        source.lineText(location.line()),
        List.of());
  }
}
