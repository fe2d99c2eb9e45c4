package org.mlirlink.read.bytecode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The framing of an MLIR bytecode file and the tables the rest of it indexes into.
 *
 * <p>A file is the magic number {@code 4D 4C EF 52} ("ML\u00efR"), the format version (a varint),
 * the producer (a null-terminated string, {@code MLIR24.0.0git} for IREE 3.13.0), then sections,
 * each once at most and in any order: a byte holding the section's kind in its low seven bits and
 * in its high bit whether an alignment follows, the length (a varint), the alignment and padding to
 * it (when said), then the contents. Read here:
 *
 * <ul>
 *   <li>the String section: the count, each string's length (null included) in reverse order, then
 *       the strings;
 *   <li>the Dialect section: the dialects by name (each a string index; from version 1 of the
 *       format on shifted left once, the low bit saying whether a version section follows, which is
 *       skipped), then, from version 4 of the format on, the count of all operation names, then
 *       groups of operation names by dialect (the dialect's index, the count, and each name's
 *       string index, shifted left once with the low bit saying whether the op was registered when
 *       written, from version 5 on).
 * </ul>
 *
 * <p>Every part must be read to its exact end; anything else is {@link MalformedBytecodeException}
 * at the byte where it went wrong.
 *
 * <pre>{@code
 * BytecodeStructure file = BytecodeStructure.read(Files.readAllBytes(path));
 * file.version();          // 6
 * file.operationNames();   // [builtin.module, util.func, ...]
 * }</pre>
 */
public final class BytecodeStructure {
  /** The four bytes every bytecode file starts with. */
  static final byte[] MAGIC = {0x4D, 0x4C, (byte) 0xEF, 0x52};

  /** The newest version of the format known here (LLVM 22 and IREE 3.13.0 write it). */
  public static final int NEWEST_VERSION = 6;

  /** From this version on a dialect's name says whether a version section follows it. */
  static final int DIALECT_VERSION_BIT_VERSION = 1;

  /** From this version on the Dialect section counts all operation names before their groups. */
  static final int OP_NAME_COUNT_VERSION = 4;

  /** From this version on an operation name says whether it was registered when written. */
  static final int REGISTERED_BIT_VERSION = 5;

  /** The kinds of section, by their number in the file. */
  public enum Section {
    STRING,
    DIALECT,
    ATTR_TYPE,
    ATTR_TYPE_OFFSET,
    IR,
    RESOURCE,
    RESOURCE_OFFSET,
    DIALECT_VERSIONS,
    PROPERTIES;

    /** The section's name as MLIR spells it ({@code String}, {@code AttrTypeOffset}, ...). */
    public String displayName() {
      if (this == IR) {
        return "IR";
      }
      StringBuilder name = new StringBuilder();
      for (String word : name().split("_")) {
        name.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
      }
      return name.toString();
    }
  }

  /** An operation name and whether its op was registered when the file was written. */
  public record OperationName(String dialect, String name, boolean registered) {
    /** {@code dialect.name}. */
    public String fullName() {
      return dialect + "." + name;
    }
  }

  private final int version;
  private final String producer;
  private final int[] sectionStart = new int[Section.values().length];
  private final int[] sectionEnd = new int[Section.values().length];
  private final List<String> strings;
  private final List<String> dialects;
  private final List<OperationName> operationNames;

  /** The Resource section's contents, {@code [start, end)} of the file (not of the held bytes). */
  private long resourceFileStart = -1;

  private long resourceFileEnd = -1;

  private BytecodeStructure(BytecodeFile held) {
    byte[] bytes = held.bytes();
    Arrays.fill(sectionStart, -1);
    ByteReader file = new ByteReader(bytes, 0, bytes.length, "the file");
    for (int i = 0; i < MAGIC.length; i++) {
      if (file.atEnd() || file.readByte("the magic number") != (MAGIC[i] & 0xFF)) {
        throw new MalformedBytecodeException(
            0, "not MLIR bytecode: it does not start with ML\u00efR");
      }
    }
    int versionAt = file.position();
    long readVersion = file.readVarInt("the version");
    if (readVersion > NEWEST_VERSION) {
      throw new MalformedBytecodeException(
          versionAt,
          "bytecode version "
              + Long.toUnsignedString(readVersion)
              + " is newer than the newest known here ("
              + NEWEST_VERSION
              + ")");
    }
    version = (int) readVersion;
    producer = file.readNullTerminated("the producer");
    while (!file.atEnd()) {
      int at = file.position();
      int idAndAligned = file.readByte("a section's kind");
      int id = idAndAligned & 0x7F;
      if (id >= Section.values().length) {
        throw new MalformedBytecodeException(at, "unknown section kind " + id);
      }
      Section section = Section.values()[id];
      if (sectionStart[id] >= 0) {
        throw new MalformedBytecodeException(at, "a second " + section.displayName() + " section");
      }
      int lengthAt = file.position();
      long length = file.readVarInt("the length of the " + section.displayName() + " section");
      if ((idAndAligned & 0x80) != 0) {
        int alignmentAt = file.position();
        int alignment = file.readSize("the alignment of the " + section.displayName() + " section");
        if (alignment == 0 || Integer.bitCount(alignment) != 1) {
          throw new MalformedBytecodeException(
              alignmentAt, "alignment " + alignment + " is not a power of two");
        }
        long filePosition = held.fileOffset(file.position());
        int padding = (int) ((alignment - filePosition % alignment) % alignment);
        file.skip(padding, "the padding before the " + section.displayName() + " section");
      }
      sectionStart[id] = file.position();
      if (section == Section.RESOURCE && file.position() == held.elidedAt()) {
        // Its contents stay in the file; their length is the length left out.
        if (length != held.elidedLength()) {
          throw new MalformedBytecodeException(at, "the Resource section's length changed");
        }
        resourceFileStart = file.position(); // before the elided part, held and file agree
        resourceFileEnd = resourceFileStart + held.elidedLength();
        sectionEnd[id] = file.position();
        continue;
      }
      if (length < 0 || length > file.end() - file.position()) {
        throw new MalformedBytecodeException(
            lengthAt,
            "the "
                + section.displayName()
                + " section of "
                + Long.toUnsignedString(length)
                + " bytes runs past the end of the file");
      }
      file.skip((int) length, "the " + section.displayName() + " section");
      sectionEnd[id] = file.position();
      if (section == Section.RESOURCE) {
        resourceFileStart = held.fileOffset(sectionStart[id]);
        resourceFileEnd = held.fileOffset(sectionStart[id]) + length;
      }
    }
    strings = readStrings(bytes);
    dialects = new ArrayList<>();
    operationNames = new ArrayList<>();
    readDialects(bytes);
  }

  /** Reads the framing and tables of a bytecode file. */
  public static BytecodeStructure read(byte[] bytes) {
    return new BytecodeStructure(BytecodeFile.of(bytes));
  }

  /** Reads the framing and tables of a bytecode file, perhaps held without its resources. */
  static BytecodeStructure read(BytecodeFile file) {
    return new BytecodeStructure(file);
  }

  /**
   * Where the Resource section's contents are, {@code [start, end)} as offsets of the file (they
   * may not be held in memory); empty when it has none.
   */
  long[] resourceExtentInFile() {
    return resourceFileStart < 0 ? new long[0] : new long[] {resourceFileStart, resourceFileEnd};
  }

  /** Whether {@code bytes} start as MLIR bytecode does (whatever the file is named). */
  public static boolean isBytecode(byte[] bytes) {
    return bytes.length >= MAGIC.length
        && Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
  }

  /** The format's version, 0 to {@link #NEWEST_VERSION}. */
  public int version() {
    return version;
  }

  /** Who wrote the file ({@code MLIR24.0.0git}). */
  public String producer() {
    return producer;
  }

  /** Whether the file has {@code section}. */
  public boolean has(Section section) {
    return sectionStart[section.ordinal()] >= 0;
  }

  /** The bytes {@code section} holds, {@code [start, end)} of the file; empty when it has none. */
  public int[] extent(Section section) {
    int id = section.ordinal();
    return sectionStart[id] < 0 ? new int[0] : new int[] {sectionStart[id], sectionEnd[id]};
  }

  /**
   * The String section's strings, by index, each byte one character (ISO-8859-1): a string is
   * bytes, not necessarily UTF-8, and written out the same way it comes out byte for byte.
   */
  public List<String> strings() {
    return strings;
  }

  /** The dialects the file names, by index. */
  public List<String> dialects() {
    return Collections.unmodifiableList(dialects);
  }

  /** The operation names, by index (the IR section names an op by this index). */
  public List<OperationName> operationNames() {
    return Collections.unmodifiableList(operationNames);
  }

  private ByteReader section(byte[] bytes, Section section) {
    int id = section.ordinal();
    if (sectionStart[id] < 0) {
      throw new MalformedBytecodeException(
          bytes.length, "the file has no " + section.displayName() + " section");
    }
    return new ByteReader(
        bytes, sectionStart[id], sectionEnd[id], "the " + section.displayName() + " section");
  }

  private List<String> readStrings(byte[] bytes) {
    ByteReader in = section(bytes, Section.STRING);
    int count = in.readSize("the number of strings");
    if (count > in.end() - in.position()) {
      throw new MalformedBytecodeException(
          in.position(), count + " strings cannot fit in the String section");
    }
    int[] lengths = new int[count];
    for (int i = count - 1; i >= 0; i--) {
      lengths[i] = in.readSize("the length of a string");
    }
    String[] read = new String[count];
    for (int i = 0; i < count; i++) {
      int at = in.position();
      if (lengths[i] == 0) {
        throw new MalformedBytecodeException(
            at, "string " + i + " has length 0 (its null byte counts)");
      }
      in.skip(lengths[i] - 1, "string " + i);
      if (in.readByte("string " + i) != 0) {
        throw new MalformedBytecodeException(
            in.position() - 1, "string " + i + " does not end in a null byte");
      }
      read[i] = new String(bytes, at, lengths[i] - 1, StandardCharsets.ISO_8859_1);
    }
    expectEnd(in, Section.STRING);
    return Collections.unmodifiableList(Arrays.asList(read));
  }

  private void readDialects(byte[] bytes) {
    ByteReader in = section(bytes, Section.DIALECT);
    int count = in.readSize("the number of dialects");
    for (int i = 0; i < count; i++) {
      int at = in.position();
      long name = in.readVarInt("a dialect's name");
      if (version >= DIALECT_VERSION_BIT_VERSION) {
        boolean versioned = (name & 1) != 0;
        name >>>= 1;
        if (versioned) {
          in.skip(in.readSize("the size of a dialect's version"), "a dialect's version");
        }
      }
      dialects.add(string(at, name));
    }
    int total = -1;
    int totalAt = in.position();
    if (version >= OP_NAME_COUNT_VERSION) {
      total = in.readSize("the number of operation names");
    }
    while (!in.atEnd()) {
      int at = in.position();
      int dialect = in.readSize("an operation name's dialect");
      if (dialect >= dialects.size()) {
        throw new MalformedBytecodeException(at, "dialect " + dialect + " of " + dialects.size());
      }
      int names = in.readSize("the number of operation names of a dialect");
      for (int i = 0; i < names; i++) {
        int nameAt = in.position();
        long value = in.readVarInt("an operation name");
        boolean registered = true;
        if (version >= REGISTERED_BIT_VERSION) {
          registered = (value & 1) != 0;
          value >>>= 1;
        }
        operationNames.add(
            new OperationName(dialects.get(dialect), string(nameAt, value), registered));
      }
    }
    if (total >= 0 && total != operationNames.size()) {
      throw new MalformedBytecodeException(
          totalAt,
          "the Dialect section counts "
              + total
              + " operation names but holds "
              + operationNames.size());
    }
  }

  private String string(int at, long index) {
    if (index < 0 || index >= strings.size()) { // a nine-byte varint may read as negative
      throw new MalformedBytecodeException(
          at, "string " + Long.toUnsignedString(index) + " of " + strings.size());
    }
    return strings.get((int) index);
  }

  private static void expectEnd(ByteReader in, Section section) {
    if (!in.atEnd()) {
      throw new MalformedBytecodeException(
          in.position(),
          (in.end() - in.position())
              + " bytes left unread at the end of the "
              + section.displayName()
              + " section");
    }
  }
}
