package org.mlirlink.read.bytecode;

/**
 * Strings of the file written as MLIR text. A string here is bytes, one character a byte
 * (ISO-8859-1): a quoted string keeps printable ASCII as it is and writes every other byte, and the
 * quote and backslash, as a backslash and two hex digits, which MLIR's parser reads back to the
 * same bytes whether or not they are UTF-8.
 */
final class TextEscapes {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private TextEscapes() {}

  /** {@code bytes} as a quoted MLIR string. */
  static String quoted(String bytes) {
    StringBuilder out = new StringBuilder(bytes.length() + 2);
    appendQuoted(out, bytes);
    return out.toString();
  }

  /** Appends {@code bytes} as a quoted MLIR string. */
  static void appendQuoted(StringBuilder out, String bytes) {
    out.append('"');
    for (int i = 0; i < bytes.length(); i++) {
      char c = bytes.charAt(i);
      if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
        out.append(c);
      } else {
        out.append('\\').append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
      }
    }
    out.append('"');
  }

  /**
   * A name as MLIR writes a key or a symbol: bare when it is a bare identifier ({@code [A-Za-z_]}
   * then {@code [A-Za-z0-9_$.]}), else quoted.
   */
  static String identifier(String name) {
    return isBareIdentifier(name) ? name : quoted(name);
  }

  /** Whether {@code name} can be written without quotes. */
  static boolean isBareIdentifier(String name) {
    if (name.isEmpty()) {
      return false;
    }
    char first = name.charAt(0);
    if (!(Character.isLetter(first) && first < 0x80) && first != '_') {
      return false;
    }
    for (int i = 1; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = c < 0x80 && (Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '.');
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
