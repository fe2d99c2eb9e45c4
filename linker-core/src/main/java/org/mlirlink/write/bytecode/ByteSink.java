package org.mlirlink.write.bytecode;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import org.mlirlink.diagnostic.Diagnostic;
import org.mlirlink.diagnostic.DiagnosticCode;
import org.mlirlink.diagnostic.DiagnosticException;

/**
 * A growable byte buffer with the bytecode encoding's primitives: bytes, the "PrefixVarInt"
 * variable-width integers, and null-terminated strings. Every section but the resource blobs is
 * built in one of these before it is written, since a section's length comes before its contents.
 *
 * <p>A varint of {@code n} bytes (1 to 8) holds 7n bits: its first byte has {@code n - 1} trailing
 * zero bits then a one, and the value follows in the remaining bits, little-endian. A value too
 * large for 56 bits is a zero byte and then all eight bytes of the value.
 *
 * <pre>{@code
 * ByteSink out = new ByteSink();
 * out.varint(300);   // 0xB2 0x04
 * out.text("i32");   // 'i' '3' '2' 0x00
 * }</pre>
 */
final class ByteSink {
  private byte[] bytes = new byte[256];
  private int size;

  int size() {
    return size;
  }

  void write(int b) {
    ensure(1);
    bytes[size++] = (byte) b;
  }

  void write(byte[] b) {
    write(b, 0, b.length);
  }

  void write(byte[] b, int from, int length) {
    ensure(length);
    System.arraycopy(b, from, bytes, size, length);
    size += length;
  }

  void write(ByteSink other) {
    write(other.bytes, 0, other.size);
  }

  /** An unsigned variable-width integer. */
  void varint(long value) {
    if ((value >>> 7) == 0) {
      write((int) (value << 1) | 1);
      return;
    }
    for (int n = 2; n <= 8; n++) {
      if ((value >>> (7 * n)) == 0) {
        long encoded = ((value << 1) | 1) << (n - 1);
        for (int i = 0; i < n; i++) {
          write((int) (encoded >>> (8 * i)));
        }
        return;
      }
    }
    write(0);
    for (int i = 0; i < 8; i++) {
      write((int) (value >>> (8 * i)));
    }
  }

  /** A varint whose low bit carries a flag: {@code value << 1 | flag}. */
  void varintWithFlag(long value, boolean flag) {
    varint((value << 1) | (flag ? 1 : 0));
  }

  /** A string of one byte per character (ISO-8859-1) and a null byte after it. */
  void text(String latin1) {
    ensure(latin1.length() + 1);
    for (int i = 0; i < latin1.length(); i++) {
      bytes[size++] = (byte) latin1.charAt(i);
    }
    bytes[size++] = 0;
  }

  /** How many bytes {@link #varint} writes for {@code value}. */
  static int varintSize(long value) {
    for (int n = 1; n <= 8; n++) {
      if ((value >>> (7 * n)) == 0) {
        return n;
      }
    }
    return 9;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  void writeTo(OutputStream out) throws IOException {
    out.write(bytes, 0, size);
  }

  private void ensure(int more) {
    if (size + more > bytes.length) {
      long wanted = Math.max((long) bytes.length * 2, (long) size + more);
      if (wanted > Integer.MAX_VALUE - 16) {
        // Only resource blobs may be that large, and they are streamed, never held here.
        throw new DiagnosticException(
            Diagnostic.error(
                    "the IR is too large for bytecode written by mlir-link: a section over 2 GB")
                .withCode(DiagnosticCode.BYTECODE_OUTPUT));
      }
      bytes = Arrays.copyOf(bytes, (int) wanted);
    }
  }
}
