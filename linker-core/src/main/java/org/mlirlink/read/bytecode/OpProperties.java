package org.mlirlink.read.bytecode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mlirlink.model.OpTable;
import org.mlirlink.model.OpTable.InherentAttribute;
import org.mlirlink.model.OpTable.Layout;
import org.mlirlink.model.OpTable.NativeProperty;
import org.mlirlink.read.bytecode.BytecodeStructure.OperationName;
import org.mlirlink.read.bytecode.BytecodeStructure.Section;

/**
 * The properties of ops, from version 5 of the format on: an op refers to an entry of the
 * Properties section by its index, and the entry is a blob whose layout only the op's definition
 * knows. For the ops of the release {@link OpTable} was made from it is: each inherent attribute in
 * the order of their names, a required one as the index of its value, an optional one (or one with
 * a default) as that index shifted left once with the low bit saying whether it is there; then its
 * native properties (values that are not attributes), each in its own encoding; then, from version
 * 6 on, the sizes of the op's operand groups and result groups when it records them, each as a
 * small array (a count shifted left once, the low bit saying whether only the non-zero entries
 * follow, each with its position in its low bits). In version 5 the sizes are an attribute (an
 * array of i32) before the others.
 *
 * <p>MLIR's own reader does not check that a blob was used up, and a blob written by another
 * release can read as valid nonsense. Here every blob must be read to its exact end and each
 * attribute must be of a fitting kind, or the file is refused, naming the op and the release.
 *
 * <p>An op its writer did not know (the file says it was not registered) keeps its properties as
 * one dictionary attribute.
 */
final class OpProperties {
  /** From this version on the sizes of operand and result groups are small arrays. */
  static final int SEGMENT_ARRAY_VERSION = 6;

  /** What is needed of the attribute tables. */
  interface Attributes {
    int count();

    String print(int index);

    /** Whether the attribute at {@code index} may be the value of an attribute of {@code kind}. */
    boolean fits(int index, String kind);
  }

  private final byte[] bytes;
  private final BytecodeStructure structure;
  private final Attributes attributes;
  private final int[] entryStarts;
  private final int[] entryEnds;

  OpProperties(byte[] bytes, BytecodeStructure structure, Attributes attributes) {
    this.bytes = bytes;
    this.structure = structure;
    this.attributes = attributes;
    List<int[]> entries = readEntries();
    entryStarts = entries.stream().mapToInt(e -> e[0]).toArray();
    entryEnds = entries.stream().mapToInt(e -> e[1]).toArray();
  }

  /** The section's entries: a count, then each entry's size and bytes. */
  private List<int[]> readEntries() {
    List<int[]> entries = new ArrayList<>();
    int[] extent = structure.extent(Section.PROPERTIES);
    if (extent.length == 0 || extent[0] == extent[1]) {
      return entries;
    }
    ByteReader in = new ByteReader(bytes, extent[0], extent[1], "the Properties section");
    int countAt = in.position();
    long count = in.readVarInt("the number of properties");
    if (count > extent[1] - extent[0]) {
      throw new MalformedBytecodeException(
          countAt, count + " properties cannot fit in the Properties section");
    }
    for (long i = 0; i < count; i++) {
      int size = in.readSize("the size of an op's properties");
      int start = in.position();
      in.skip(size, "an op's properties");
      entries.add(new int[] {start, start + size});
    }
    if (!in.atEnd()) {
      throw new MalformedBytecodeException(
          in.position(),
          (in.end() - in.position()) + " bytes left unread at the end of the Properties section");
    }
    return entries;
  }

  /** The properties of an op named by {@code opName}, whose entry's index {@code in} holds. */
  String read(int opName, ByteReader in) {
    int at = in.position();
    long index = in.readVarInt("the index of an op's properties");
    OperationName name = structure.operationNames().get(opName);
    if (index < 0 || index >= entryStarts.length) { // a nine-byte varint may read as negative
      throw new MalformedBytecodeException(
          at,
          "op '"
              + name.fullName()
              + "': properties "
              + Long.toUnsignedString(index)
              + " of "
              + entryStarts.length);
    }
    int i = (int) index;
    ByteReader blob =
        new ByteReader(bytes, entryStarts[i], entryEnds[i], "the properties of an op");
    if (!name.registered()) {
      int dictionary = attribute(blob, name);
      expectEnd(blob, name);
      return "<" + attributes.print(dictionary) + ">";
    }
    Optional<Layout> layout = OpTable.layout(name.fullName());
    if (layout.isEmpty()) {
      throw unknown(at, name, "the op is not in it");
    }
    try {
      return decode(blob, name, layout.get());
    } catch (MalformedBytecodeException e) {
      if (e.getMessage().contains("unknown to the")) {
        throw e;
      }
      throw unknown((int) e.offset(), name, e.getMessage());
    }
  }

  private String decode(ByteReader blob, OperationName name, Layout layout) {
    List<String> entries = new ArrayList<>();
    int version = structure.version();
    for (InherentAttribute attribute : storedAttributes(layout, version)) {
      int at = blob.position();
      int value;
      if (attribute.optional()) {
        long indexAndPresent = blob.readVarInt("an optional attribute");
        if ((indexAndPresent & 1) == 0) {
          if (indexAndPresent != 0) {
            throw unknown(at, name, attribute.name() + " is absent yet has an index");
          }
          continue;
        }
        value = index(indexAndPresent >>> 1, at, name);
      } else {
        value = index(blob.readVarInt("an attribute"), at, name);
      }
      if (!attributes.fits(value, attribute.kind())) {
        throw unknown(
            at,
            name,
            attribute.name()
                + " should be "
                + attribute.kind()
                + " but is "
                + attributes.print(value));
      }
      String shownAs = LEGACY_SEGMENTS.getOrDefault(attribute.name(), attribute.name());
      entries.add(key(shownAs) + " = " + attributes.print(value));
    }
    for (NativeProperty property : layout.natives()) {
      String value = nativeProperty(blob, name, property);
      if (value != null) {
        entries.add(value);
      }
    }
    if (version >= SEGMENT_ARRAY_VERSION) {
      segments(blob, name, "operandSegmentSizes", layout.operandSegments(), entries);
      segments(blob, name, "resultSegmentSizes", layout.resultSegments(), entries);
    }
    expectEnd(blob, name);
    return entries.isEmpty() ? "" : "<{" + String.join(", ", entries) + "}>";
  }

  /**
   * A native property, read in its encoding and printed as MLIR prints it in generic form (as the
   * attribute it converts to); null when that prints nothing (a unit property that is not set).
   * Kinds whose attribute form is a dialect's own (LLVM's flag sets) are refused: their text is not
   * known here.
   */
  private String nativeProperty(ByteReader blob, OperationName name, NativeProperty property) {
    int at = blob.position();
    String key = key(property.name());
    switch (property.kind() + ":" + property.encoding()) {
      case "UnitProp:bool" -> {
        return blob.readByte(property.name()) != 0 ? key : null;
      }
      case "BoolProp:bool", "DefaultValuedProp:bool" -> {
        return key + " = " + (blob.readByte(property.name()) != 0);
      }
      case "IntProp:varint", "I64Prop:varint" -> {
        return key + " = " + blob.readVarInt(property.name()) + " : i64";
      }
      case "I32Prop:varint" -> {
        return key + " = " + (int) blob.readVarInt(property.name()) + " : i32";
      }
      case "StringProp:string" -> {
        int index = blob.readSize(property.name());
        if (index >= structure.strings().size()) {
          throw unknown(at, name, property.name() + " names string " + index);
        }
        return key + " = " + TextEscapes.quoted(structure.strings().get(index));
      }
      case "ArrayProp:array-bool" -> {
        int count = blob.readSize(property.name());
        if (count > blob.end() - blob.position()) {
          throw unknown(at, name, property.name() + " of " + count + " cannot fit");
        }
        StringBuilder array = new StringBuilder(key).append(" = [");
        for (int i = 0; i < count; i++) {
          array.append(i == 0 ? "" : ", ").append(blob.readByte(property.name()) != 0);
        }
        return array.append(']').toString();
      }
      default ->
          throw unknown(
              at,
              name,
              "its native property "
                  + property.name()
                  + " ("
                  + property.kind()
                  + ") is not printed by this reader");
    }
  }

  /**
   * Version 5 stores the group sizes as attributes named {@code operand_segment_sizes} and {@code
   * result_segment_sizes}, in their places among the attributes sorted by name; MLIR prints them
   * under their newer names.
   */
  private static final Map<String, String> LEGACY_SEGMENTS =
      Map.of(
          "operand_segment_sizes", "operandSegmentSizes",
          "result_segment_sizes", "resultSegmentSizes");

  /** The attributes a blob of {@code version} stores, in their order. */
  private static List<InherentAttribute> storedAttributes(Layout layout, int version) {
    if (version >= SEGMENT_ARRAY_VERSION
        || layout.operandSegments().isEmpty() && layout.resultSegments().isEmpty()) {
      return layout.attributes();
    }
    List<InherentAttribute> stored = new ArrayList<>(layout.attributes());
    if (!layout.operandSegments().isEmpty()) {
      stored.add(new InherentAttribute("operand_segment_sizes", "DenseI32ArrayAttr", false));
    }
    if (!layout.resultSegments().isEmpty()) {
      stored.add(new InherentAttribute("result_segment_sizes", "DenseI32ArrayAttr", false));
    }
    stored.sort(Comparator.comparing(InherentAttribute::name));
    return stored;
  }

  /** The sizes of an op's groups, as a small array of {@code groups.length()} entries. */
  private static void segments(
      ByteReader blob, OperationName name, String key, String groups, List<String> entries) {
    if (groups.isEmpty()) {
      return;
    }
    long[] sizes = new long[groups.length()];
    int at = blob.position();
    long countAndSparse = blob.readVarInt("the count of " + key);
    long count = countAndSparse >>> 1;
    if ((countAndSparse & 1) == 0) {
      if (count > sizes.length) {
        throw unknown(at, name, key + " has " + count + " entries, the op " + sizes.length);
      }
      for (int i = 0; i < count; i++) {
        sizes[i] = blob.readVarInt("an entry of " + key);
      }
    } else if (count > 0) {
      long indexBits = blob.readVarInt("the index width of " + key);
      if (indexBits > 8) {
        throw unknown(at, name, key + " has " + indexBits + "-bit indices");
      }
      for (long i = 0; i < count; i++) {
        long pair = blob.readVarInt("an entry of " + key);
        long index = pair & ((1L << indexBits) - 1);
        if (index >= sizes.length) {
          throw unknown(at, name, key + " has entry " + index + ", the op " + sizes.length);
        }
        sizes[(int) index] = pair >>> indexBits;
      }
    }
    StringBuilder array = new StringBuilder(key).append(" = array<i32");
    for (int i = 0; i < sizes.length; i++) {
      array.append(i == 0 ? ": " : ", ").append(sizes[i]);
    }
    entries.add(array.append('>').toString());
  }

  private int attribute(ByteReader blob, OperationName name) {
    int at = blob.position();
    return index(blob.readVarInt("an attribute"), at, name);
  }

  private int index(long value, int at, OperationName name) {
    if (value < 0 || value >= attributes.count()) {
      throw unknown(
          at, name, "attribute " + Long.toUnsignedString(value) + " of " + attributes.count());
    }
    return (int) value;
  }

  private static void expectEnd(ByteReader blob, OperationName name) {
    if (!blob.atEnd()) {
      throw unknown(
          blob.position(), name, (blob.end() - blob.position()) + " bytes are left unread");
    }
  }

  private static MalformedBytecodeException unknown(int at, OperationName name, String why) {
    return new MalformedBytecodeException(
        at,
        "op '"
            + name.fullName()
            + "': properties layout unknown to the "
            + OpTable.RELEASE
            + " op table ("
            + why
            + ")");
  }

  /** An attribute name as a dictionary key: bare when it can be, else quoted. */
  static String key(String name) {
    return TextEscapes.identifier(name);
  }
}
