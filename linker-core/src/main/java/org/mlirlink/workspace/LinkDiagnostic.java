package org.mlirlink.workspace;

import java.util.List;

/**
 * A problem the link of a document would have, found as the document is edited.
 *
 * <pre>{@code
 * for (LinkDiagnostic d : workspace.diagnostics(file)) {
 *   System.out.println(d.range().start() + " " + d.code().id() + ": " + d.message());
 *   for (LinkDiagnostic.Related note : d.related()) {
 *     System.out.println("  " + note.location() + ": " + note.message());
 *   }
 * }
 * }</pre>
 *
 * @param code what kind of problem
 * @param message the message, as the linker words it
 * @param path the document it is in
 * @param range where
 * @param related other places it involves (the definition of a mismatched declaration, the other
 *     definition of a duplicate), and notes without a place ({@code location} null)
 */
public record LinkDiagnostic(
    DiagnosticCode code,
    String message,
    java.nio.file.Path path,
    TextRange range,
    List<Related> related) {
  public LinkDiagnostic {
    related = List.copyOf(related);
  }

  /** A note on a diagnostic, at a place or ({@code location} null) at none. */
  public record Related(TextLocation location, String message) {}

  /** The diagnostic as a compiler prints it: {@code FILE:LINE:COL: error: MESSAGE [code]}. */
  public String format() {
    StringBuilder out = new StringBuilder();
    out.append(path).append(':').append(range.start()).append(": error: ").append(message);
    out.append(" [").append(code.id()).append("]\n");
    for (Related note : related) {
      if (note.location() != null) {
        out.append(note.location().path()).append(':').append(note.location().range().start());
        out.append(": ");
      }
      out.append("note: ").append(note.message()).append('\n');
    }
    return out.toString();
  }
}
