package org.mlirlink.testing;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What went wrong in a failed link, as far as a comparison of two linkers cares: their messages
 * differ in wording, so tests compare the kind, from our diagnostics' messages and from the first
 * {@code error:} line an MLIR tool printed.
 *
 * <pre>{@code
 * ErrorKind theirs = ErrorKind.of(ErrorKind.firstError(run.stderr()));
 * ErrorKind ours = ErrorKind.of(result.diagnostics().get(0).message());
 * }</pre>
 */
public enum ErrorKind {
  UNRESOLVED,
  TYPE_MISMATCH,
  PARSE,
  /** One symbol table defines a name twice. */
  DUPLICATE,
  /** The linked IR does not verify, e.g. a call to a function that is not there. */
  INVALID,
  OTHER;

  private static final Pattern PARSE_ERROR =
      Pattern.compile(
          "^(expected |unexpected |unterminated |unbalanced |invalid UTF-8|file is empty"
              + "|custom op '[^']*' is unknown|custom op '[^']*' expected |unknown [A-Za-z_]* type|undefined symbol alias"
              + "|use of undeclared )");

  /** The kind spelled as in a test's data file: {@code unresolved}, {@code type-mismatch}, ... */
  public static ErrorKind named(String word) {
    return valueOf(word.toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  /** Classifies one error message (without its location prefix); null is {@link #OTHER}. */
  public static ErrorKind of(String message) {
    if (message == null) {
      return OTHER;
    }
    if (message.contains("unresolved external symbol")) {
      return UNRESOLVED;
    }
    if (message.contains("type mismatch") || message.contains("signature mismatch")) {
      return TYPE_MISMATCH;
    }
    if (message.contains("is defined twice") || message.startsWith("redefinition of symbol")) {
      return DUPLICATE;
    }
    if (PARSE_ERROR.matcher(message).find()) {
      return PARSE;
    }
    if (message.contains("does not reference a valid")
        || message.contains("undefined/incompatible callee")) {
      return INVALID;
    }
    return OTHER;
  }

  /** The message of the first {@code error:} line a tool printed, or null when there is none. */
  public static String firstError(String stderr) {
    for (String line : stderr.split("\n")) {
      int at = line.indexOf("error: ");
      if (at >= 0) {
        return line.substring(at + "error: ".length());
      }
    }
    return null;
  }
}
