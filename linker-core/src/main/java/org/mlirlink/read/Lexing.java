package org.mlirlink.read;

/** Character classes and small token scans shared by the reader's parts. */
final class Lexing {
  private Lexing() {}

  static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Characters after the first one of a bare identifier: letters, digits, {@code _$.}. */
  static boolean isBareIdChar(char c) {
    return isLetter(c) || isDigit(c) || c == '_' || c == '$' || c == '.';
  }

  /** Characters of a suffix id ({@code %x}, {@code @x}, {@code #x}, {@code ^x}). */
  static boolean isSuffixIdChar(char c) {
    return isLetter(c) || isDigit(c) || c == '_' || c == '$' || c == '.' || c == '-';
  }

  static int bareIdEnd(CharSequence s, int i) {
    int n = s.length();
    while (i < n && isBareIdChar(s.charAt(i))) {
      i++;
    }
    return i;
  }

  static int suffixIdEnd(CharSequence s, int i) {
    int n = s.length();
    while (i < n && isSuffixIdChar(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /**
   * The end (after the closing quote) of the string literal starting at {@code i}, or -1 when the
   * line or the text ends first.
   */
  static int stringEndOrMinusOne(CharSequence s, int i) {
    int n = s.length();
    int j = i + 1;
    while (j < n) {
      char c = s.charAt(j);
      if (c == '"') {
        return j + 1;
      } else if (c == '\\') {
        j += 2;
      } else if (c == '\n' || c == '\r') {
        return -1;
      } else {
        j++;
      }
    }
    return -1;
  }

  /** Like {@link #stringEndOrMinusOne} for text already known to be valid. */
  static int stringEnd(CharSequence s, int i) {
    int end = stringEndOrMinusOne(s, i);
    return end < 0 ? s.length() : end;
  }

  /**
   * The value of a string literal's body (between the quotes), escapes decoded. A string is a
   * sequence of bytes in MLIR: {@code \AB} escapes are bytes, so {@code "\E5\90\8D"} is the
   * UTF-8 encoding of one character and decodes to it, like the same character written as is.
   */
  static String unquote(CharSequence s, int start, int end) {
    StringBuilder out = new StringBuilder(end - start);
    java.io.ByteArrayOutputStream bytes = null;
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 2 < end && isHexDigit(s.charAt(i + 1)) && isHexDigit(s.charAt(i + 2))) {
        if (bytes == null) {
          bytes = new java.io.ByteArrayOutputStream();
        }
        bytes.write(Integer.parseInt(s.subSequence(i + 1, i + 3).toString(), 16));
        i += 2;
        continue;
      }
      if (bytes != null && bytes.size() > 0) {
        out.append(new String(bytes.toByteArray(), java.nio.charset.StandardCharsets.UTF_8));
        bytes.reset();
      }
      if (c != '\\' || i + 1 >= end) {
        out.append(c);
        continue;
      }
      char e = s.charAt(++i);
      switch (e) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        default -> out.append(e); // '"', '\\'
      }
    }
    if (bytes != null && bytes.size() > 0) {
      out.append(new String(bytes.toByteArray(), java.nio.charset.StandardCharsets.UTF_8));
    }
    return out.toString();
  }

  static boolean isHexDigit(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
