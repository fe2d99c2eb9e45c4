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

  /** The value of a string literal's body (between the quotes), escapes decoded. */
  static String unquote(CharSequence s, int start, int end) {
    StringBuilder out = new StringBuilder(end - start);
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 >= end) {
        out.append(c);
        continue;
      }
      char e = s.charAt(++i);
      switch (e) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case '"', '\\' -> out.append(e);
        default -> {
          if (i + 1 < end) {
            out.append((char) Integer.parseInt(s.subSequence(i, i + 2).toString(), 16));
            i++;
          } else {
            out.append(e);
          }
        }
      }
    }
    return out.toString();
  }
}
