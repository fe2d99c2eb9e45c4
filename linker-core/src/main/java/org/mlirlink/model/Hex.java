package org.mlirlink.model;

import java.nio.charset.StandardCharsets;

/**
 * Bytes as upper-case hex digits, two a byte, high digit first: how MLIR text writes a resource
 * blob ({@code "0x0400000001020304"}).
 *
 * <pre>{@code
 * byte[] digits = new byte[4];
 * Hex.encode(new byte[] {(byte) 0xAB, 0x01}, 0, 2, digits, 0); // "AB01"
 * }</pre>
 */
public final class Hex {
  private Hex() {}

  private static final byte[] DIGITS = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

  /** Each byte's two digits, the first in the high half. */
  private static final char[] PAIRS = new char[256];

  static {
    for (int b = 0; b < 256; b++) {
      PAIRS[b] = (char) ((DIGITS[b >> 4] << 8) | DIGITS[b & 0xF]);
    }
  }

  /** Writes the digits of {@code data[from, from + count)} to {@code out} from {@code at}. */
  public static void encode(byte[] data, int from, int count, byte[] out, int at) {
    // One table load and two stores a byte: the launcher runs on the C1 JIT only, where this plain
    // loop beats word-at-a-time tricks through VarHandles.
    for (int i = from, end = from + count, o = at; i < end; i++, o += 2) {
      char digits = PAIRS[data[i] & 0xFF];
      out[o] = (byte) (digits >> 8);
      out[o + 1] = (byte) digits;
    }
  }

  /** Whether {@code c} is one of the digits {@link #encode} writes. */
  public static boolean isDigit(int c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
  }
}
