package org.mlirlink.model;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.mlirlink.diagnostic.DiagnosticException;

/**
 * Byte-level loops over a window of a source, eight bytes at a time where that pays: the UTF-8
 * check every input gets, and the search that skips long strings and resource blobs. Plain Java
 * reads a {@code long} out of a byte array in one instruction, so a blob of gigabytes is looked at
 * a word at a time, not a byte at a time.
 */
final class ByteScans {
  private static final VarHandle WORDS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private ByteScans() {}

  /**
   * Checks {@code window[from, to)} as UTF-8 and returns the offset (in the source) up to which it
   * is known valid: {@code to}, less a sequence cut by the window's end unless {@code atEnd}.
   *
   * @param base the source offset of {@code window[0]}
   * @throws DiagnosticException at the first byte of an invalid sequence
   */
  static long checkedEnd(
      SourceText source, byte[] window, int from, int to, long base, boolean atEnd) {
    int i = from;
    while (i < to) {
      if (i + 32 <= to
          && (((long) WORDS.get(window, i)
                      | (long) WORDS.get(window, i + 8)
                      | (long) WORDS.get(window, i + 16)
                      | (long) WORDS.get(window, i + 24))
                  & HIGHS)
              == 0) {
        i += 32; // thirty-two ASCII bytes
        continue;
      }
      if (i + 8 <= to && ((long) WORDS.get(window, i) & HIGHS) == 0) {
        i += 8;
        continue;
      }
      int b = window[i] & 0xFF;
      if (b < 0x80) {
        i++;
        continue;
      }
      int need;
      int min;
      if (b >= 0xC2 && b <= 0xDF) {
        need = 1;
        min = 0x80;
      } else if (b >= 0xE0 && b <= 0xEF) {
        need = 2;
        min = 0x800;
      } else if (b >= 0xF0 && b <= 0xF4) {
        need = 3;
        min = 0x10000;
      } else {
        throw invalid(source, base + i);
      }
      if (i + need >= to && !atEnd) {
        return base + i; // cut by the window's end: checked with the next window
      }
      int code = b & (0x3F >> need);
      for (int k = 1; k <= need; k++) {
        if (i + k >= to || (window[i + k] & 0xC0) != 0x80) {
          throw invalid(source, base + i);
        }
        code = code << 6 | (window[i + k] & 0x3F);
      }
      if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
        throw invalid(source, base + i);
      }
      i += need + 1;
    }
    return base + to;
  }

  private static DiagnosticException invalid(SourceText source, long offset) {
    return new DiagnosticException(
        Diagnostics.error(source, offset, "invalid UTF-8 byte sequence (the file must be UTF-8)"));
  }

  /** The first index in {@code window[from, to)} holding {@code c}, or -1. */
  static int indexOf(byte[] window, int from, int to, byte c) {
    long pattern = ONES * (c & 0xFF);
    int i = from;
    for (; i + 16 <= to; i += 16) {
      long first = (long) WORDS.get(window, i) ^ pattern;
      long second = (long) WORDS.get(window, i + 8) ^ pattern;
      if ((zeroBytes(first) | zeroBytes(second)) != 0) {
        break; // found in these sixteen: the loop below says where
      }
    }
    for (; i < to; i++) {
      if (window[i] == c) {
        return i;
      }
    }
    return -1;
  }

  /**
   * How many UTF-16 units the UTF-8 bytes {@code bytes[from, to)} decode to: one for each byte that
   * starts a character, two for a four-byte one (a surrogate pair). A character cut at either end
   * counts where its first byte is.
   */
  static long utf16Units(byte[] bytes, int from, int to) {
    long count = 0;
    for (int i = from; i < to; i++) {
      int b = bytes[i] & 0xFF;
      if ((b & 0xC0) != 0x80) {
        count += b >= 0xF0 ? 2 : 1;
      }
    }
    return count;
  }

  /**
   * The first index in {@code window[from, to)} of a byte that may end or interrupt a string
   * literal, or -1: a quote, a backslash, or any byte below {@code '#'} (line ends among them; the
   * caller looks at what it found). Hex digits pass sixteen at a time.
   */
  static int indexOfStringBreak(byte[] window, int from, int to) {
    for (int i = plainEnd(window, from, to); i < to; i = plainEnd(window, i + 1, to)) {
      if (window[i] >= 0) {
        return i; // not plain and ASCII: a break (a non-ASCII byte is passed over)
      }
    }
    return -1;
  }

  /**
   * The first index in {@code window[from, to)} of a byte that is not plain, or {@code to}: plain
   * bytes are ASCII, none below {@code '#'} and no backslash, so a run of them needs no UTF-8
   * check, holds no line end and does not end a string. A hex blob's digits are plain, sixteen at a
   * time.
   */
  static int plainEnd(byte[] window, int from, int to) {
    long backslashes = ONES * '\\';
    long belowHash = ONES * '#';
    int i = from;
    for (; i + 16 <= to; i += 16) {
      long first = (long) WORDS.get(window, i);
      long second = (long) WORDS.get(window, i + 8);
      // The high bits: a non-ASCII byte, a byte below '#' (exact for ASCII bytes), a backslash.
      long notPlain =
          ((first | second) & HIGHS)
              | ((first - belowHash) & ~first & HIGHS)
              | ((second - belowHash) & ~second & HIGHS)
              | zeroBytes(first ^ backslashes)
              | zeroBytes(second ^ backslashes);
      if (notPlain != 0) {
        break; // in these sixteen: the loop below says where
      }
    }
    for (; i < to; i++) {
      byte x = window[i];
      if (x < '#' || x == '\\') { // a non-ASCII byte is negative
        return i;
      }
    }
    return to;
  }

  /**
   * The high bit of each zero byte of {@code v}, exact for the lowest one (a byte above a zero byte
   * may be flagged too, which the callers never look at).
   */
  private static long zeroBytes(long v) {
    return (v - ONES) & ~v & HIGHS;
  }
}
