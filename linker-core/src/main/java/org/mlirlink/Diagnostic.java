package org.mlirlink;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.List;
import org.mlirlink.model.SourceLocation;
import org.mlirlink.model.SourceText;

/**
 * A message about the input: its severity, its text, where it points (file, line, column, and the
 * source line for display) and related places, such as the other definition of a symbol defined
 * twice.
 *
 * <pre>{@code
 * for (Diagnostic d : result.diagnostics()) {
 *   System.err.print(d.format());
 *   // main.mlir:3:19: error: unresolved external symbol: 'foo'
 *   // util.func private @foo(i32) -> i32
 *   //                   ^
 * }
 * }</pre>
 *
 * @param severity how bad it is
 * @param message the message, without location
 * @param location where it points, or null for a message about no place in particular
 * @param sourceLine the text of the line it points at ("" without a location)
 * @param related further places, each with a note
 */
public record Diagnostic(
    Severity severity,
    String message,
    SourceLocation location,
    String sourceLine,
    List<Diagnostic> related) {

  /** How bad a diagnostic is. */
  public enum Severity {
    ERROR,
    WARNING,
    NOTE;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public Diagnostic {
    checkNotNull(severity);
    checkNotNull(message);
    sourceLine = sourceLine == null ? "" : sourceLine;
    related = List.copyOf(related);
  }

  /** An error at a character offset of a source. */
  public static Diagnostic error(SourceText source, int offset, String message) {
    return at(Severity.ERROR, source, offset, message);
  }

  /** An error with no source location (a missing file, a bad option). */
  public static Diagnostic error(String message) {
    return new Diagnostic(Severity.ERROR, message, null, "", List.of());
  }

  private static Diagnostic at(Severity severity, SourceText source, int offset, String message) {
    SourceLocation location = source.locationOf(offset);
    return new Diagnostic(
        severity, message, location, source.lineText(location.line()), List.of());
  }

  /** This diagnostic with a note at another place added. */
  public Diagnostic withNote(SourceText source, int offset, String message) {
    List<Diagnostic> notes = new ArrayList<>(related);
    notes.add(at(Severity.NOTE, source, offset, message));
    return new Diagnostic(severity, this.message, location, sourceLine, notes);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /**
   * The diagnostic as a compiler prints it: {@code FILE:LINE:COL: error: MESSAGE}, the source line
   * and a caret under the column, then each note the same way. Ends with a newline.
   */
  public String format() {
    StringBuilder out = new StringBuilder();
    appendTo(out);
    return out.toString();
  }

  private void appendTo(StringBuilder out) {
    if (location != null) {
      out.append(location).append(": ");
    }
    out.append(severity.label()).append(": ").append(message).append('\n');
    if (location != null) {
      out.append(sourceLine).append('\n');
      // Copy tabs from the source line so the caret lines up in any terminal.
      int column = Math.min(location.column() - 1, sourceLine.length());
      for (int i = 0; i < column; i++) {
        out.append(sourceLine.charAt(i) == '\t' ? '\t' : ' ');
      }
      out.append("^\n");
    }
    for (Diagnostic note : related) {
      note.appendTo(out);
    }
  }
}
