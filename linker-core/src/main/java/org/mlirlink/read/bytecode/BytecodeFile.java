package org.mlirlink.read.bytecode;

import java.io.ByteArrayOutputStream;
import org.mlirlink.model.SourceText;

/**
 * The bytes of a bytecode file that the reader holds in memory: all of them, except the contents of
 * a large Resource section (the weights of a model, gigabytes), which stay in the file and are read
 * a piece at a time when the resources are written out. The sections after an elided one are moved
 * up by its length; {@link #fileOffset} maps an offset of the held bytes back to the file's, for
 * errors.
 *
 * <pre>{@code
 * BytecodeFile file = BytecodeFile.load(source, 64 << 20);
 * BytecodeStructure structure = BytecodeStructure.read(file);
 * }</pre>
 */
final class BytecodeFile {
  private final SourceText source;
  private final byte[] bytes;
  private final int elidedAt;
  private final long elidedLength;

  private BytecodeFile(SourceText source, byte[] bytes, int elidedAt, long elidedLength) {
    this.source = source;
    this.bytes = bytes;
    this.elidedAt = elidedAt;
    this.elidedLength = elidedLength;
  }

  /** A file held whole. */
  static BytecodeFile of(byte[] bytes) {
    return new BytecodeFile(null, bytes, -1, 0);
  }

  /**
   * Loads {@code source}, leaving its Resource section's contents in the file when they are longer
   * than {@code largest} bytes.
   */
  static BytecodeFile load(SourceText source, long largest) {
    long length = source.length();
    long[] resource = resourceSection(source);
    if (resource == null || resource[1] - resource[0] <= largest) {
      if (length > Integer.MAX_VALUE - 16) {
        throw new MalformedBytecodeException(
            0, "a bytecode file of " + length + " bytes whose resources are not most of it");
      }
      return new BytecodeFile(source, source.bytes(0, length), -1, 0);
    }
    long kept = length - (resource[1] - resource[0]);
    if (kept > Integer.MAX_VALUE - 16) {
      throw new MalformedBytecodeException(0, "the IR of a bytecode file is larger than 2 GB");
    }
    ByteArrayOutputStream held = new ByteArrayOutputStream((int) kept);
    byte[] before = source.bytes(0, resource[0]);
    held.writeBytes(before);
    held.writeBytes(source.bytes(resource[1], length));
    return new BytecodeFile(source, held.toByteArray(), before.length, resource[1] - resource[0]);
  }

  /**
   * Where the Resource section's contents are, {@code [start, end)} of the file, or null when it
   * has none or the framing does not read (the whole file is then loaded, and its reader says what
   * is wrong).
   */
  private static long[] resourceSection(SourceText source) {
    long length = source.length();
    byte[] head = source.bytes(0, Math.min(length, 4096));
    try {
      ByteReader in = new ByteReader(head, 0, head.length, "the file");
      in.skip(BytecodeStructure.MAGIC.length, "the magic number");
      in.readVarInt("the version");
      in.readNullTerminated("the producer");
      long position = in.position();
      while (position < length) {
        byte[] header = source.bytes(position, Math.min(length, position + 32));
        ByteReader h = new ByteReader(header, 0, header.length, "a section's header");
        int idAndAligned = h.readByte("a section's kind");
        long sectionLength = h.readVarInt("a section's length");
        long start = position + h.position();
        if ((idAndAligned & 0x80) != 0) {
          long alignment = h.readVarInt("a section's alignment");
          start = position + h.position();
          if (alignment == 0 || Long.bitCount(alignment) != 1) {
            return null;
          }
          start += (alignment - start % alignment) % alignment;
        }
        if (sectionLength < 0 || sectionLength > length - start) {
          return null;
        }
        if ((idAndAligned & 0x7F) == BytecodeStructure.Section.RESOURCE.ordinal()) {
          return new long[] {start, start + sectionLength};
        }
        position = start + sectionLength;
      }
    } catch (MalformedBytecodeException notBytecodeAsExpected) {
      return null;
    }
    return null;
  }

  /** The bytes held. */
  byte[] bytes() {
    return bytes;
  }

  /** Where in {@link #bytes} the elided Resource contents would start; -1 when none is. */
  int elidedAt() {
    return elidedAt;
  }

  /** How many bytes of the file were left out there. */
  long elidedLength() {
    return elidedLength;
  }

  /** The file offset of an offset into {@link #bytes}. */
  long fileOffset(long offset) {
    return elidedAt >= 0 && offset >= elidedAt ? offset + elidedLength : offset;
  }

  /** Fills {@code into[0, count)} with the file's bytes from file offset {@code start}. */
  void readInto(long start, byte[] into, int count) {
    if (source == null) {
      System.arraycopy(bytes, (int) start, into, 0, count);
    } else {
      source.read(start, java.nio.ByteBuffer.wrap(into, 0, count));
    }
  }

  /**
   * {@code count} bytes of the file from file offset {@code start}: from memory, or from the file
   * for an elided section.
   */
  byte[] read(long start, int count) {
    if (elidedAt < 0) {
      int from = (int) start;
      return java.util.Arrays.copyOfRange(bytes, from, from + count);
    }
    return source.bytes(start, start + count);
  }
}
