package org.mlirlink.model;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * MLIR's lexical rules, in one place for the reader that recognizes names and strings and for the
 * planners that write new ones: identifier characters, string literals and their escapes, and how a
 * symbol name or resource key is spelled.
 *
 * <pre>{@code
 * MlirSyntax.symbolReference("module_a.compute");   // @module_a.compute
 * MlirSyntax.symbolReference("a b");                // @"a b"
 * }</pre>
 */
public final class MlirSyntax {
  private MlirSyntax() {}

  /** An ASCII letter (MLIR identifiers are ASCII). */
  public static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /** A decimal digit. */
  public static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Characters after the first one of a bare identifier: letters, digits, {@code _$.}. */
  public static boolean isBareIdChar(char c) {
    return isLetter(c) || isDigit(c) || c == '_' || c == '$' || c == '.';
  }

  /** Characters of a suffix id ({@code %x}, {@code @x}, {@code #x}, {@code ^x}). */
  public static boolean isSuffixIdChar(char c) {
    return isLetter(c) || isDigit(c) || c == '_' || c == '$' || c == '.' || c == '-';
  }

  /** The end of the bare-id characters starting at {@code i}. */
  public static int bareIdEnd(CharSequence s, int i) {
    int n = s.length();
    while (i < n && isBareIdChar(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /** The end of the suffix-id characters starting at {@code i}. */
  public static int suffixIdEnd(CharSequence s, int i) {
    int n = s.length();
    while (i < n && isSuffixIdChar(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /** {@link #isBareIdChar} for each byte value, for the reader's loops over bytes. */
  static final boolean[] BARE_ID_BYTES = byteTable(true);

  /** {@link #isSuffixIdChar} for each byte value. */
  static final boolean[] SUFFIX_ID_BYTES = byteTable(false);

  /** {@link #isNumberChar} for each byte value. */
  private static final boolean[] NUMBER_BYTES = new boolean[256];

  static {
    for (char c = 0; c < 256; c++) {
      NUMBER_BYTES[c] = isNumberChar(c);
    }
  }

  private static boolean[] byteTable(boolean bare) {
    boolean[] table = new boolean[256];
    for (char c = 0; c < 256; c++) {
      table[c] = bare ? isBareIdChar(c) : isSuffixIdChar(c);
    }
    return table;
  }

  /** Every byte value but the line ends: what a comment runs over. */
  private static final boolean[] COMMENT_BYTES = new boolean[256];

  static {
    for (char c = 0; c < 256; c++) {
      COMMENT_BYTES[c] = !isLineEnd(c);
    }
  }

  /** The end of the comment starting at {@code i} of a source: its line end, or the text's. */
  public static long commentEnd(SourceText.Cursor s, long i) {
    return s.skipAll(COMMENT_BYTES, i);
  }

  /** The end of the bare-id characters starting at {@code i} of a source. */
  public static long bareIdEnd(SourceText.Cursor s, long i) {
    return s.skipAll(BARE_ID_BYTES, i);
  }

  /** The end of the suffix-id characters starting at {@code i} of a source. */
  public static long suffixIdEnd(SourceText.Cursor s, long i) {
    return s.skipAll(SUFFIX_ID_BYTES, i);
  }

  /**
   * The end of the bare-id characters of {@code bytes} from {@code i}, at most {@code end}: for the
   * reader's loops over a window or a header's bytes.
   */
  public static int bareIdEnd(byte[] bytes, int i, int end) {
    return skipAll(BARE_ID_BYTES, bytes, i, end);
  }

  /** The end of the suffix-id characters of {@code bytes} from {@code i}, at most {@code end}. */
  public static int suffixIdEnd(byte[] bytes, int i, int end) {
    return skipAll(SUFFIX_ID_BYTES, bytes, i, end);
  }

  /**
   * Whether {@code c} goes on a number token after its first digit, as the reader splits tokens: a
   * letter, digit, {@code .} or {@code _} ({@code 4x8xf32}, {@code 0x1F}, {@code 1.5e3}); a {@code
   * +} or {@code -} goes on one too right after an {@code e} or {@code E} ({@code 1.5e-3}).
   */
  public static boolean isNumberChar(char c) {
    return isLetter(c) || isDigit(c) || c == '.' || c == '_';
  }

  /**
   * The end of the number token of {@code bytes} whose first digit is before {@code i}, at most
   * {@code end}: see {@link #isNumberChar}.
   */
  public static int numberEnd(byte[] bytes, int i, int end) {
    while (i < end) {
      int c = bytes[i] & 0xFF;
      if (NUMBER_BYTES[c]
          || ((c == '+' || c == '-') && (bytes[i - 1] == 'e' || bytes[i - 1] == 'E'))) {
        i++;
      } else {
        break;
      }
    }
    return i;
  }

  /** The end of the decimal digits of {@code bytes} from {@code i}, at most {@code end}. */
  public static int digitsEnd(byte[] bytes, int i, int end) {
    while (i < end && bytes[i] >= '0' && bytes[i] <= '9') {
      i++;
    }
    return i;
  }

  /** {@link #isWhitespace} for each byte value. */
  private static final boolean[] WHITESPACE_BYTES = new boolean[256];

  static {
    for (char c = 0; c < 256; c++) {
      WHITESPACE_BYTES[c] = isWhitespace(c);
    }
  }

  /** {@link #isWhitespace} for a byte of a file, by table: for the reader's loops over bytes. */
  public static boolean isWhitespaceByte(byte b) {
    return WHITESPACE_BYTES[b & 0xFF];
  }

  /** The end of the whitespace of {@code bytes} from {@code i}, at most {@code end}. */
  public static int whitespaceEnd(byte[] bytes, int i, int end) {
    return skipAll(WHITESPACE_BYTES, bytes, i, end);
  }

  private static int skipAll(boolean[] table, byte[] bytes, int i, int end) {
    while (i < end && table[bytes[i] & 0xFF]) {
      i++;
    }
    return i;
  }

  /**
   * The end (after the closing quote) of the string literal starting at {@code i}, or -1 when the
   * line or the text ends first.
   */
  public static long stringEndOrMinusOne(ByteView s, long i) {
    long n = s.length();
    long j = i + 1;
    while (j < n) {
      j = s.indexOfStringBreak(j);
      if (j < 0) {
        return -1;
      }
      char c = s.charAt(j);
      if (c == '"') {
        return j + 1;
      } else if (c == '\\') {
        j += 2;
      } else if (isLineEnd(c)) {
        return -1;
      } else {
        j++;
      }
    }
    return -1;
  }

  /**
   * Whether every line break in {@code s[start, end)} lies outside angle brackets, so changing the
   * whitespace after it cannot change the text's meaning. Inside {@code <...>} it can: a dialect
   * type's or attribute's body ({@code !foo.bar<a b>}) is kept verbatim, line breaks and spaces
   * included. Strings and comments are skipped; {@code ->}, {@code >=} and {@code <=} are not
   * brackets. Any doubt (brackets that do not balance) answers false.
   */
  public static boolean lineBreaksOutsideAngleBrackets(ByteView s, long start, long end) {
    int depth = 0;
    for (long i = start; i < end; i++) {
      char c = s.charAt(i);
      char next = i + 1 < end ? s.charAt(i + 1) : 0;
      if (c == '"') {
        long close = stringEndOrMinusOne(s, i);
        i = (close < 0 || close > end ? end : close) - 1;
      } else if (c == '/' && next == '/') {
        while (i + 1 < end && !isLineEnd(s.charAt(i + 1))) {
          i++;
        }
      } else if (c == '<' && next != '=') {
        depth++;
      } else if (c == '>' && next != '=' && (i == start || s.charAt(i - 1) != '-')) {
        if (--depth < 0) {
          return false;
        }
      } else if (c == '\n' && depth > 0) {
        return false;
      }
    }
    return depth == 0;
  }

  /**
   * Whether MLIR's lexer skips {@code c} between tokens: blanks, line ends, form and vertical tabs,
   * and a NUL byte.
   */
  public static boolean isWhitespace(char c) {
    return c == ' '
        || c == '\n'
        || c == '\t'
        || c == '\r'
        || c == '\f'
        || c == '\u000B'
        || c == '\0';
  }

  /** Whether {@code c} ends a line, and so a comment: a line feed, or a carriage return alone. */
  public static boolean isLineEnd(char c) {
    return c == '\n' || c == '\r';
  }

  /**
   * The end (after the closing quote) of the string literal whose opening quote is at {@code i} of
   * {@code bytes}, or {@code end} when it does not close before it: for bytes the reader has
   * checked, where a backslash escapes the byte after it. Plain bytes pass many at a time (a string
   * attribute may hold megabytes).
   */
  public static int stringEnd(byte[] bytes, int i, int end) {
    int q = i + 1;
    while (q < end) {
      q = ByteScans.indexOfStringBreak(bytes, q, end);
      if (q < 0) {
        return end;
      }
      byte c = bytes[q];
      if (c == '"') {
        return q + 1;
      }
      q += c == '\\' ? 2 : 1;
    }
    return end;
  }

  /** Like {@link #stringEndOrMinusOne} for text already known to be valid. */
  public static int stringEnd(CharSequence s, int i) {
    long end = stringEndOrMinusOne(ByteView.of(s), i);
    return end < 0 ? s.length() : (int) end;
  }

  /**
   * The value of a string literal's body (between the quotes), escapes decoded. A string is a
   * sequence of bytes in MLIR: {@code \AB} escapes are bytes, so {@code "\E5\90\8D"} is the UTF-8
   * encoding of one character and decodes to it, like the same character written as is.
   */
  public static String unquote(CharSequence s, int start, int end) {
    StringBuilder out = new StringBuilder(end - start);
    ByteArrayOutputStream bytes = null;
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 2 < end && isHexDigit(s.charAt(i + 1)) && isHexDigit(s.charAt(i + 2))) {
        if (bytes == null) {
          bytes = new ByteArrayOutputStream();
        }
        bytes.write(Integer.parseInt(s.subSequence(i + 1, i + 3).toString(), 16));
        i += 2;
        continue;
      }
      if (bytes != null && bytes.size() > 0) {
        out.append(new String(bytes.toByteArray(), StandardCharsets.UTF_8));
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
      out.append(new String(bytes.toByteArray(), StandardCharsets.UTF_8));
    }
    return out.toString();
  }

  /**
   * {@code text} without its locations ({@code loc(...)}, with what they hold), outside strings:
   * two ops that differ only in where they came from (as ops read from two bytecode files do)
   * compare equal this way.
   */
  public static String withoutLocations(String text) {
    if (!text.contains("loc(")) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int n = text.length();
    for (int i = 0; i < n; ) {
      char c = text.charAt(i);
      if (c == '"') {
        int end = Math.min(n, stringEnd(text, i));
        out.append(text, i, end);
        i = end;
      } else if (c == 'l'
          && text.startsWith("loc(", i)
          && (i == 0 || !isSuffixIdChar(text.charAt(i - 1)))) {
        i = closingParen(text, i + 3);
        while (out.length() > 0 && out.charAt(out.length() - 1) == ' ') {
          out.setLength(out.length() - 1); // the space before a location goes with it
        }
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** Past the parenthesis that closes the one at {@code open}, strings skipped; or the end. */
  private static int closingParen(String text, int open) {
    int depth = 0;
    int n = text.length();
    for (int i = open; i < n; ) {
      char c = text.charAt(i);
      if (c == '"') {
        i = Math.min(n, stringEnd(text, i));
        continue;
      }
      if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i + 1;
      }
      i++;
    }
    return n;
  }

  /** A hexadecimal digit. */
  public static boolean isHexDigit(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /**
   * A symbol name as MLIR writes a reference to it: {@code @name}, or {@code @"..."} when needed.
   */
  public static String symbolReference(String name) {
    return "@".concat(quoteIfNeeded(name)); // one exact copy: made for every linked reference
  }

  /**
   * The name bare when it is a valid identifier, otherwise as a quoted string: how MLIR writes
   * symbol names after {@code @} and resource keys.
   */
  public static String quoteIfNeeded(String name) {
    return isBareId(name) ? name : stringLiteral(name);
  }

  /** MLIR's bare-id: a letter or {@code _}, then letters, digits and {@code _$.}. */
  public static boolean isBareId(String name) {
    return !name.isEmpty()
        && (isLetter(name.charAt(0)) || name.charAt(0) == '_')
        && bareIdEnd(name, 1) == name.length();
  }

  /** A string literal holding {@code value}, quotes included. */
  public static String stringLiteral(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c == '\n') {
        out.append("\\n");
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
