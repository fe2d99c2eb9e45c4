package org.mlirlink.read.bytecode;

import java.nio.charset.StandardCharsets;

/**
 * A cursor over part of a bytecode file's bytes: the encoding's primitives (bytes, the
 * "PrefixVarInt" variable-width integers, null-terminated strings), each read checked against the
 * end of the part it is confined to.
 *
 * <p>A varint stores its length in its first byte: the number of trailing zero bits is the number
 * of bytes that follow, and the value is the little-endian whole shifted right by that many plus
 * one bits. A first byte of zero is followed by the full eight bytes of the value.
 */
final class ByteReader {
  private final byte[] bytes;
  private int pos;
  private final int end;
  private final String part;

  /**
   * A reader of {@code bytes[start, end)}, which {@code part} names in errors ({@code "the file"},
   * {@code "the String section"}).
   */
  ByteReader(byte[] bytes, int start, int end, String part) {
    this.bytes = bytes;
    this.pos = start;
    this.end = end;
    this.part = part;
  }

  int position() {
    return pos;
  }

  int end() {
    return end;
  }

  boolean atEnd() {
    return pos >= end;
  }

  /** One byte, unsigned. */
  int readByte(String what) {
    need(1, what);
    return bytes[pos++] & 0xFF;
  }

  /** A variable-width integer, as an unsigned 64-bit value. */
  long readVarInt(String what) {
    int at = pos;
    int first = readByte(what);
    if (first == 0) {
      need(8, what);
      long value = littleEndian(pos, 8);
      pos += 8;
      return value;
    }
    int extra = Integer.numberOfTrailingZeros(first);
    pos = at;
    need(extra + 1, what);
    long value = littleEndian(at, extra + 1) >>> (extra + 1);
    pos = at + extra + 1;
    return value;
  }

  /** A variable-width integer that counts or indexes something held in memory. */
  int readSize(String what) {
    int at = pos;
    long value = readVarInt(what);
    if (value < 0 || value > Integer.MAX_VALUE) {
      throw new MalformedBytecodeException(
          at, what + " is out of range: " + Long.toUnsignedString(value));
    }
    return (int) value;
  }

  /** A string ending in a null byte (the null not included), as UTF-8. */
  String readNullTerminated(String what) {
    int at = pos;
    for (int p = pos; p < end; p++) {
      if (bytes[p] == 0) {
        pos = p + 1;
        return new String(bytes, at, p - at, StandardCharsets.UTF_8);
      }
    }
    throw new MalformedBytecodeException(at, what + " has no terminating null byte");
  }

  /** Moves past {@code count} bytes. */
  void skip(int count, String what) {
    need(count, what);
    pos += count;
  }

  private void need(int count, String what) {
    if (count > end - pos) {
      throw new MalformedBytecodeException(
          pos,
          part
              + " ends inside "
              + what
              + " ("
              + count
              + " bytes needed, "
              + (end - pos)
              + " left)");
    }
  }

  private long littleEndian(int at, int count) {
    long value = 0;
    for (int i = count - 1; i >= 0; i--) {
      value = (value << 8) | (bytes[at + i] & 0xFF);
    }
    return value;
  }
}
