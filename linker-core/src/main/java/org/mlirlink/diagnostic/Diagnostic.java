package org.mlirlink.diagnostic;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
 * @param code what kind of problem it is (a note has the code of the error it explains)
 * @param message the message, without location
 * @param location where it points, or null for a message about no place in particular
 * @param end where the text it points at ends (the end of a name), or null when it points at one
 *     place
 * @param sourceLine the text of the line it points at ("" without a location)
 * @param related further places, each with a note
 */
public record Diagnostic(
    Severity severity,
    DiagnosticCode code,
    String message,
    SourceLocation location,
    SourceLocation end,
    String sourceLine,
    List<Diagnostic> related) {

  /** How bad a diagnostic is: an error stops the link; a note only explains another diagnostic. */
  public enum Severity {
    /** Something wrong with the input: the link has no output. */
    ERROR,
    /** An explanation attached to an error (where else, what was looked for). */
    NOTE;

    /**
     * The word a compiler prints for it.
     *
     * @return {@code error} or {@code note}
     */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * A diagnostic; {@code related} is copied.
   *
   * @param severity how bad it is
   * @param code what kind of problem it is
   * @param message the message, without location
   * @param location where it points, or null for a message about no place in particular
   * @param end where the text it points at ends, or null when it points at one place
   * @param sourceLine the text of the line it points at (null or "" without a location)
   * @param related further places, each with a note
   */
  public Diagnostic {
    checkNotNull(severity);
    checkNotNull(code);
    checkNotNull(message);
    sourceLine = sourceLine == null ? "" : sourceLine;
    related = List.copyOf(related);
  }

  /**
   * An error with no source location, of code {@link DiagnosticCode#UNREADABLE} (most such errors
   * are about a file that cannot be read; others say their code with {@link #withCode}).
   *
   * @param message what is wrong
   * @return the error
   */
  public static Diagnostic error(String message) {
    return new Diagnostic(
        Severity.ERROR, DiagnosticCode.UNREADABLE, message, null, null, "", List.of());
  }

  /**
   * This diagnostic as a problem of another kind, its notes too.
   *
   * @param code the kind
   * @return a new diagnostic; this one is unchanged
   */
  public Diagnostic withCode(DiagnosticCode code) {
    List<Diagnostic> notes = new ArrayList<>(related.size());
    for (Diagnostic note : related) {
      notes.add(note.withCode(code));
    }
    return new Diagnostic(severity, code, message, location, end, sourceLine, notes);
  }

  /**
   * This diagnostic with a note added, which takes this diagnostic's code.
   *
   * @param note a diagnostic of severity {@link Severity#NOTE}, usually at another place
   * @return a new diagnostic; this one is unchanged
   */
  public Diagnostic withNote(Diagnostic note) {
    List<Diagnostic> notes = new ArrayList<>(related);
    notes.add(note.withCode(code));
    return new Diagnostic(severity, code, this.message, location, end, sourceLine, notes);
  }

  /**
   * This diagnostic with a note that points at no place (where something was looked for).
   *
   * @param message the note
   * @return a new diagnostic; this one is unchanged
   */
  public Diagnostic withNote(String message) {
    List<Diagnostic> notes = new ArrayList<>(related);
    notes.add(new Diagnostic(Severity.NOTE, code, message, null, null, "", List.of()));
    return new Diagnostic(severity, code, this.message, location, end, sourceLine, notes);
  }

  /**
   * Whether this is an error rather than a note.
   *
   * @return true for {@link Severity#ERROR}
   */
  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /**
   * The diagnostic as a compiler prints it: {@code FILE:LINE:COL: error: MESSAGE}, the source line
   * and a caret under the column, then each note the same way. Ends with a newline.
   *
   * @return the text a terminal shows
   */
  public String format() {
    StringBuilder out = new StringBuilder();
    appendTo(out, false);
    return out.toString();
  }

  /**
   * The diagnostic as {@link #format()} prints it, with its code after the message, as a check of
   * many files prints it for filtering: {@code FILE:LINE:COL: error: MESSAGE
   * [unresolved-external]}.
   *
   * @return the text a terminal shows
   */
  public String formatWithCode() {
    StringBuilder out = new StringBuilder();
    appendTo(out, true);
    return out.toString();
  }

  /** Longer source lines are shown as a window of about this many characters around the caret. */
  private static final int SHOWN_LINE = 160;

  /**
   * Writes the source line and a caret under {@code caret}. A long line (a minified file, a
   * one-line blob) is cut to a window around the caret; control characters (a binary file given as
   * input) are shown as their Unicode pictures, one character each, so nothing from the input can
   * act on the terminal and the caret still lines up.
   */
  private static void appendSourceLine(StringBuilder out, String line, int caret) {
    int from = 0;
    int to = line.length();
    if (to > SHOWN_LINE) {
      from = Math.max(0, Math.min(caret - SHOWN_LINE / 2, line.length() - SHOWN_LINE));
      to = Math.min(line.length(), from + SHOWN_LINE);
    }
    String before = from > 0 ? "..." : "";
    out.append(before);
    for (int i = from; i < to; i++) {
      out.append(displayable(line.charAt(i)));
    }
    out.append(to < line.length() ? "...\n" : "\n");
    out.append(" ".repeat(before.length()));
    // Copy tabs from the source line so the caret lines up in any terminal.
    for (int i = from; i < caret; i++) {
      out.append(line.charAt(i) == '\t' ? '\t' : ' ');
    }
    out.append("^\n");
  }

  private static char displayable(char c) {
    if (c < 0x20 && c != '\t') {
      return (char) (0x2400 + c); // U+2400 CONTROL PICTURES: NUL is shown as U+2400, ESC as U+241B
    }
    if (c == 0x7F) {
      return '\u2421';
    }
    if (c >= 0x80 && c < 0xA0) {
      return '\uFFFD';
    }
    return c;
  }

  private void appendTo(StringBuilder out, boolean withCode) {
    if (location != null) {
      out.append(location).append(": ");
    }
    out.append(severity.label()).append(": ").append(message);
    if (withCode && isError()) {
      out.append(" [").append(code.id()).append(']');
    }
    out.append('\n');
    if (location != null && !sourceLine.isEmpty()) {
      appendSourceLine(out, sourceLine, Math.min(location.column() - 1, sourceLine.length()));
    } else if (location != null && location.column() == 1) {
      out.append("\n^\n"); // an empty line, such as the first line of an empty file
    }
    for (Diagnostic note : related) {
      note.appendTo(out, withCode);
    }
  }
}
