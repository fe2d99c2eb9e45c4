package org.mlirlink.lsp;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/**
 * The server's log, on standard error: standard output carries the protocol, and a stray line there
 * would corrupt it. Editors show a server's standard error in their log panel.
 */
final class Log {
  private static final PrintStream ERR = System.err;

  private Log() {}

  static void info(String message) {
    print("info", message, null);
  }

  static void warn(String message) {
    print("warning", message, null);
  }

  /** An error the server survives: it is logged, and the request that met it is answered empty. */
  static void error(String message, Throwable cause) {
    print("error", message, cause);
  }

  private static void print(String level, String message, Throwable cause) {
    // One lock for a line and its trace, so that lines of concurrent queries do not interleave.
    synchronized (ERR) {
      ERR.println(
          LocalTime.now().truncatedTo(ChronoUnit.MILLIS)
              + " mlir-link-lsp "
              + level
              + ": "
              + message);
      if (cause != null) {
        cause.printStackTrace(ERR);
      }
    }
  }
}
