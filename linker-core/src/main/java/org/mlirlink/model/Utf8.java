package org.mlirlink.model;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.mlirlink.diagnostic.Diagnostic;
import org.mlirlink.diagnostic.DiagnosticException;

/**
 * Byte-level loops over a window of a source, eight bytes at a time where that pays: the UTF-8
 * check every input gets, and the search that skips long strings and resource blobs. Plain Java
 * reads a {@code long} out of a byte array in one instruction, so a blob of gigabytes is looked at
 * a word at a time, not a byte at a time.
 */
final class Utf8 {
  private static final VarHandle WORDS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private Utf8() {}

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
        Diagnostic.error(source, offset, "invalid UTF-8 byte sequence (the file must be UTF-8)"));
  }

  /**
   * The first index in {@code window[from, to)} holding one of four bytes, or -1. A word with none
   * of them is passed over in a few operations: {@code x ^ c} has a zero byte exactly where {@code
   * x} holds {@code c}, and the lowest zero byte of a word is found without a loop.
   */
  static int indexOfAny(byte[] window, int from, int to, byte a, byte b, byte c, byte d) {
    long wa = ONES * (a & 0xFF);
    long wb = ONES * (b & 0xFF);
    long wc = ONES * (c & 0xFF);
    long wd = ONES * (d & 0xFF);
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long word = (long) WORDS.get(window, i);
      long hits = zeroBytes(word ^ wa) | zeroBytes(word ^ wb) | zeroBytes(word ^ wc);
      hits |= zeroBytes(word ^ wd);
      if (hits != 0) {
        return i + (Long.numberOfTrailingZeros(hits) >>> 3);
      }
    }
    for (; i < to; i++) {
      byte x = window[i];
      if (x == a || x == b || x == c || x == d) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The high bit of each zero byte of {@code v}, exact for the lowest one (a byte above a zero byte
   * may be flagged too, which the callers never look at).
   */
  private static long zeroBytes(long v) {
    return (v - ONES) & ~v & HIGHS;
  }
}
