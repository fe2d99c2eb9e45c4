package org.mlirlink.model;

/**
 * Bytes of a source read one at a time: the source itself (random access) or a reader's cursor over
 * it (sequential), so that a check written once serves both.
 */
public interface ByteView {
  /**
   * A string seen as bytes where only ASCII matters (quotes, brackets, line ends): each character
   * stands for itself, for the checks written once over {@code ByteView}.
   */
  static ByteView of(CharSequence text) {
    return new ByteView() {
      @Override
      public char charAt(long offset) {
        return text.charAt((int) offset);
      }

      @Override
      public long length() {
        return text.length();
      }
    };
  }

  /** The byte at {@code offset} as a character (an ASCII byte is its character). */
  char charAt(long offset);

  /** The length in bytes. */
  long length();

  /**
   * The first offset at or after {@code from} of a byte that may end or interrupt a string literal
   * (a quote, a backslash, or any byte below {@code '#'}, line ends among them), or -1. A file and
   * a cursor pass over a string's plain bytes many at a time, so that a string of megabytes (a hex
   * constant) is not read one byte at a time.
   */
  default long indexOfStringBreak(long from) {
    for (long p = Math.max(from, 0); p < length(); p++) {
      char c = charAt(p);
      if (c < '#' || c == '\\') {
        return p;
      }
    }
    return -1;
  }

  /** The first offset in {@code [from, to)} holding the ASCII character {@code c}, or -1. */
  default long indexOf(char c, long from, long to) {
    for (long p = Math.max(from, 0), end = Math.min(to, length()); p < end; p++) {
      if (charAt(p) == c) {
        return p;
      }
    }
    return -1;
  }

  /** Whether the bytes at {@code offset} are those of the ASCII string {@code prefix}. */
  default boolean startsWith(String prefix, long offset) {
    if (offset < 0 || offset + prefix.length() > length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (charAt(offset + i) != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
