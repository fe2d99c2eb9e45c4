package org.mlirlink.read.bytecode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.mlirlink.read.bytecode.BytecodeStructure.Section;

/**
 * Where each attribute and type of a bytecode file is, and how it is stored. The IR and the
 * properties name attributes and types by index: attributes first, then types.
 *
 * <p>The AttrTypeOffset section holds the number of attributes and of types, then groups of entries
 * by dialect (the dialect's index, the count, and per entry its size in bytes shifted left once,
 * the low bit saying whether the dialect's own binary encoding is used). The entries lie one after
 * the other in the AttrType section, attributes first, and fill it exactly. An entry in no binary
 * encoding is its assembly text, null-terminated ({@code #linalg.iterator_type<parallel>}); only
 * the builtin dialect encodes its attributes and types in binary in what IREE writes, each starting
 * with a varint that says which kind it is.
 *
 * <pre>{@code
 * AttrTypeTable table = AttrTypeTable.read(bytes, BytecodeStructure.read(bytes));
 * table.attribute(3).assembly();   // "#arith.fastmath<none>", or null when encoded in binary
 * }</pre>
 */
public final class AttrTypeTable {
  /**
   * One attribute or type.
   *
   * @param dialect the dialect that defines it
   * @param start where its bytes start in the file
   * @param end where its bytes end in the file
   * @param isBinary whether its dialect's binary encoding is used (else it is its assembly text)
   * @param assembly its assembly text when stored as text, each byte one character (ISO-8859-1);
   *     null when stored in binary
   */
  public record Entry(String dialect, int start, int end, boolean isBinary, String assembly) {
    /**
     * The kind a binary entry starts with, read from {@code in} (at the entry's start): a varint
     * code, one of {@code kinds} in their order; {@code what} names them in the error.
     */
    <E extends Enum<E>> E kind(ByteReader in, E[] kinds, String what) {
      long code = in.readVarInt("a " + what + "'s kind");
      if (code < 0 || code >= kinds.length) {
        throw new MalformedBytecodeException(
            start, what + " kind " + Long.toUnsignedString(code) + " is unknown");
      }
      return kinds[(int) code];
    }
  }

  private final List<Entry> attributes;
  private final List<Entry> types;

  private AttrTypeTable(List<Entry> attributes, List<Entry> types) {
    this.attributes = Collections.unmodifiableList(attributes);
    this.types = Collections.unmodifiableList(types);
  }

  /** Reads the table of the file {@code bytes}, whose framing is {@code structure}. */
  public static AttrTypeTable read(byte[] bytes, BytecodeStructure structure) {
    int[] offsets = extent(bytes, structure, Section.ATTR_TYPE_OFFSET);
    int[] data = extent(bytes, structure, Section.ATTR_TYPE);
    ByteReader in = new ByteReader(bytes, offsets[0], offsets[1], "the AttrTypeOffset section");
    int attributeCount = in.readSize("the number of attributes");
    int typeCount = in.readSize("the number of types");
    long total = (long) attributeCount + typeCount;
    if (total > offsets[1] - offsets[0]) {
      throw new MalformedBytecodeException(
          offsets[0], total + " attributes and types cannot fit in the AttrTypeOffset section");
    }
    List<Entry> entries = new ArrayList<>((int) total);
    int next = data[0];
    while (!in.atEnd()) {
      int at = in.position();
      int dialect = in.readSize("an attribute or type's dialect");
      if (dialect >= structure.dialects().size()) {
        throw new MalformedBytecodeException(
            at, "dialect " + dialect + " of " + structure.dialects().size());
      }
      String dialectName = structure.dialects().get(dialect);
      int count = in.readSize("the number of attributes or types of a dialect");
      for (int i = 0; i < count; i++) {
        int entryAt = in.position();
        long sizeAndBinary = in.readVarInt("an attribute or type's size");
        long size = sizeAndBinary >>> 1;
        if (size > data[1] - next) {
          throw new MalformedBytecodeException(
              entryAt, "an attribute or type of " + size + " bytes runs past the AttrType section");
        }
        int start = next;
        next += (int) size;
        boolean binary = (sizeAndBinary & 1) != 0;
        String assembly = binary ? null : assembly(bytes, start, next);
        entries.add(new Entry(dialectName, start, next, binary, assembly));
      }
    }
    if (entries.size() != total) {
      throw new MalformedBytecodeException(
          offsets[1],
          "the AttrTypeOffset section counts "
              + total
              + " attributes and types but lists "
              + entries.size());
    }
    if (next != data[1]) {
      throw new MalformedBytecodeException(
          next, (data[1] - next) + " bytes of the AttrType section belong to no attribute or type");
    }
    return new AttrTypeTable(
        new ArrayList<>(entries.subList(0, attributeCount)),
        new ArrayList<>(entries.subList(attributeCount, entries.size())));
  }

  /** The attributes, by index. */
  public List<Entry> attributes() {
    return attributes;
  }

  /** The types, by index. */
  public List<Entry> types() {
    return types;
  }

  /** The {@code index}th attribute. */
  public Entry attribute(int index) {
    return attributes.get(index);
  }

  /** The {@code index}th type. */
  public Entry type(int index) {
    return types.get(index);
  }

  private static String assembly(byte[] bytes, int start, int end) {
    if (end == start || bytes[end - 1] != 0) {
      throw new MalformedBytecodeException(
          Math.max(start, end - 1),
          "an attribute or type in assembly form does not end in a null byte");
    }
    return new String(bytes, start, end - start - 1, StandardCharsets.ISO_8859_1);
  }

  private static int[] extent(byte[] bytes, BytecodeStructure structure, Section section) {
    if (!structure.has(section)) {
      throw new MalformedBytecodeException(
          bytes.length, "the file has no " + section.displayName() + " section");
    }
    return structure.extent(section);
  }
}
