package org.mlirlink.maven;

import java.util.List;
import org.apache.maven.plugin.logging.Log;
import org.mlirlink.diagnostic.Diagnostic;
import org.mlirlink.diagnostic.SourceLocation;

/**
 * Diagnostics in the form Maven's compiler plugin logs them, {@code /abs/file.mlir:[line,col]
 * message}, one line each, which IDEs turn into links to the place.
 */
final class MavenDiagnostics {
  private MavenDiagnostics() {}

  /** Logs a link's diagnostics, each note on a line of its own; returns how many errors. */
  static int log(Log log, List<Diagnostic> diagnostics) {
    int errors = 0;
    for (Diagnostic diagnostic : diagnostics) {
      log.error(line(diagnostic.location(), diagnostic.message()));
      for (Diagnostic note : diagnostic.related()) {
        log.error(line(note.location(), "note: " + note.message()));
      }
      errors++;
    }
    return errors;
  }

  /** Logs the workspace check's diagnostics, with their codes; returns how many. */
  static int logChecked(Log log, List<Diagnostic> diagnostics) {
    for (Diagnostic diagnostic : diagnostics) {
      log.error(
          line(diagnostic.location(), diagnostic.message() + " [" + diagnostic.code().id() + "]"));
      for (Diagnostic note : diagnostic.related()) {
        log.error(line(note.location(), "note: " + note.message()));
      }
    }
    return diagnostics.size();
  }

  private static String line(SourceLocation at, String message) {
    return at == null ? message : at.file() + ":[" + at.line() + "," + at.column() + "] " + message;
  }

  /** "1 error" or "3 errors". */
  static String count(int n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }
}
