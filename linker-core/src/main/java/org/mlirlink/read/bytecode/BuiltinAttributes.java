package org.mlirlink.read.bytecode;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;
import java.util.function.LongFunction;

/**
 * The builtin dialect's attributes in its binary encoding, printed as text that MLIR parses back to
 * the same attribute ({@code [1 : i32, "s"]}, {@code dense<"0x0100000002000000"> : tensor<2xi32>},
 * {@code loc("f.mlir":3:7)}).
 *
 * <p>An encoded attribute starts with a varint saying which {@link Kind} it is (LLVM 22's list of
 * 23 kinds, then three that IREE 3.13.0's newer MLIR appends: affine maps, integer sets and strided
 * layouts). Its parameters follow, read to the entry's exact end: other attributes and types by
 * their index in the file's tables, strings by their index in the String section, counts and
 * lengths as varints, lists as a count and their elements. Some parameters are laid out further:
 *
 * <ul>
 *   <li>An integer's value is read at its type's width: one byte up to 8 bits, a signed varint
 *       (zigzag: the low bit is the sign) up to 64, else the number of 64-bit words and each word
 *       as a signed varint, least significant first. A float's bits are stored the same way, at the
 *       width of its format, and printed as those bits in hex ({@code 0x3F800000 : f32}), which
 *       MLIR reads without rounding for every float type.
 *   <li>A blob (the data of dense arrays and dense elements) is its length then its bytes. Dense
 *       elements hold each value in whole little-endian bytes, or one value when all are equal; a
 *       boolean tensor instead packs eight values to a byte, lowest bit first, and a single byte of
 *       all zeros or all ones stands for a tensor of one repeated value. Booleans are printed as
 *       {@code true}/{@code false} literals, everything else as the blob in hex.
 *   <li>A file:line:col range is the file name, then the count of numbers that follow and the
 *       numbers: none (all zero); a line; a line and column (a range that ends where it starts); a
 *       line, column and end column; or a line, column, end line and end column.
 *   <li>An affine map starts with a varint holding the dimension count shifted left twice; the low
 *       two bits say what follows: 0, nothing (the identity); 1, one dimension position per
 *       dimension (a permutation); 2, a count and that many dimension positions; 3, the symbol
 *       count, the result count and the results as expressions. An expression is a varint kind
 *       followed by a position (0 dimension, 1 symbol), a signed varint (2 constant), or two
 *       expressions (3 add, 4 mul, 5 mod, 6 floordiv, 7 ceildiv).
 *   <li>An integer set is the dimension, symbol and constraint counts, each constraint as an
 *       expression, then one byte per constraint, 1 when it is an equality ({@code == 0}) and 0
 *       when it is {@code >= 0}.
 *   <li>A strided layout is its offset, then its strides, as signed varints where the smallest
 *       64-bit value is a dynamic {@code ?}.
 * </ul>
 *
 * <p>A distinct attribute prints with its own index in the table as its id: the same entry is the
 * same distinct attribute wherever it is named, and two entries are two attributes.
 *
 * <p>Every reference is checked: an index out of range, an unknown kind, bytes left over in an
 * entry, an attribute that contains itself or one of the wrong kind where a string or location must
 * be is {@link MalformedBytecodeException} at the byte where it was found.
 *
 * <pre>{@code
 * BuiltinTypes types = new BuiltinTypes(bytes, table);
 * BuiltinAttributes attributes =
 *     new BuiltinAttributes(bytes, structure, table, types, handle -> resourceKeys.get(handle));
 * attributes.print(5);   // {function_type = (i32) -> i32, sym_name = "main"}
 * attributes.kind(5);    // Kind.DICTIONARY
 * }</pre>
 */
final class BuiltinAttributes {
  /** The encoded kinds, in the order of their codes. */
  enum Kind {
    ARRAY,
    DICTIONARY,
    STRING,
    STRING_WITH_TYPE,
    FLAT_SYMBOL_REF,
    SYMBOL_REF,
    TYPE,
    UNIT,
    INTEGER,
    FLOAT,
    CALL_SITE_LOC,
    FILE_LINE_COL_LOC,
    FUSED_LOC,
    FUSED_LOC_WITH_METADATA,
    NAME_LOC,
    UNKNOWN_LOC,
    DENSE_RESOURCE_ELEMENTS,
    DENSE_ARRAY,
    DENSE_INT_OR_FP_ELEMENTS,
    DENSE_STRING_ELEMENTS,
    SPARSE_ELEMENTS,
    DISTINCT,
    FILE_LINE_COL_RANGE,
    AFFINE_MAP,
    INTEGER_SET,
    STRIDED_LAYOUT;

    boolean isLocation() {
      return switch (this) {
        case CALL_SITE_LOC,
            FILE_LINE_COL_LOC,
            FUSED_LOC,
            FUSED_LOC_WITH_METADATA,
            NAME_LOC,
            UNKNOWN_LOC,
            FILE_LINE_COL_RANGE ->
            true;
        default -> false;
      };
    }
  }

  /** How deep an affine expression may nest before a file is taken as malformed. */
  private static final int MAX_EXPRESSION_DEPTH = 1000;

  /**
   * The most dimensions or symbols an affine map or set may have here: the identity map stores only
   * the count, so without a bound a few bytes could ask for a text of any size.
   */
  private static final long MAX_AFFINE_IDENTIFIERS = 1 << 16;

  /**
   * The most elements of a splat of sparse indices written out here (the text of a splat can stand
   * for any number of elements; MLIR needs each one).
   */
  private static final long MAX_SPLAT_INDICES = 1 << 20;

  private final byte[] bytes;
  private final List<String> strings;
  private final AttrTypeTable table;
  private final BuiltinTypes types;
  private final IntFunction<String> resourceKey;
  private final String[] printed;
  private final byte[] state;

  /**
   * The attributes of the file {@code bytes}; {@code types} prints its types and is handed these
   * attributes for the types that name one. {@code resourceKey} names the resource a dense resource
   * attribute's handle (an index) refers to.
   */
  BuiltinAttributes(
      byte[] bytes,
      BytecodeStructure structure,
      AttrTypeTable table,
      BuiltinTypes types,
      IntFunction<String> resourceKey) {
    this.bytes = bytes;
    this.strings = structure.strings();
    this.table = table;
    this.types = types;
    this.resourceKey = resourceKey;
    this.printed = new String[table.attributes().size()];
    this.state = new byte[table.attributes().size()];
    types.resolveAttributesWith(this);
  }

  /**
   * The {@code index}th attribute of the file as MLIR text: its assembly when stored as text. The
   * index must be one of the table's (callers check indices they read from the file).
   */
  String print(int index) {
    Objects.checkIndex(index, printed.length);
    return types.printFromTop(false, index);
  }

  /** The {@code index}th attribute printed inside another type or attribute. */
  String printNested(int index) {
    if (state[index] == BuiltinTypes.IN_PROGRESS) {
      throw new MalformedBytecodeException(
          table.attribute(index).start(), "attribute " + index + " contains itself");
    }
    if (state[index] == BuiltinTypes.NOT_STARTED) {
      types.nested(
          false,
          index,
          () -> printed[index] = BuiltinTypes.decodeOnce(index, state, () -> decode(index)));
    }
    return printed[index];
  }

  /** The builtin kind of the {@code index}th attribute, or null when it is stored as text. */
  Kind kind(int index) {
    Objects.checkIndex(index, printed.length);
    AttrTypeTable.Entry entry = table.attribute(index);
    return entry.isBinary() ? kindOf(reader(entry), entry) : null;
  }

  /**
   * The number of dimensions of the {@code index}th attribute when it is an identity affine map (a
   * memref's layout when its text names none), else -1.
   */
  int identityMapDimensions(int index) {
    if (kind(index) != Kind.AFFINE_MAP) {
      return -1;
    }
    ByteReader in = reader(table.attribute(index));
    in.readVarInt("an attribute's kind");
    long header = in.readVarInt("an affine map's dimension count");
    return (header & 3) == 0 && in.atEnd() ? (int) Math.min(header >>> 2, Integer.MAX_VALUE) : -1;
  }

  private ByteReader reader(AttrTypeTable.Entry entry) {
    return new ByteReader(bytes, entry.start(), entry.end(), "a builtin attribute");
  }

  private static Kind kindOf(ByteReader in, AttrTypeTable.Entry entry) {
    return entry.kind(in, Kind.values(), "builtin attribute");
  }

  private String decode(int index) {
    AttrTypeTable.Entry entry = table.attribute(index);
    if (!entry.isBinary()) {
      return entry.assembly();
    }
    ByteReader in = reader(entry);
    String text =
        switch (kindOf(in, entry)) {
          case ARRAY -> "[" + String.join(", ", attributes(in)) + "]";
          case DICTIONARY -> dictionary(in);
          case STRING -> quoted(string(in));
          case STRING_WITH_TYPE -> quoted(string(in)) + " : " + type(in);
          case FLAT_SYMBOL_REF -> symbol(stringAttribute(in));
          case SYMBOL_REF -> symbolRef(in);
          case TYPE -> type(in);
          case UNIT -> "unit";
          case INTEGER -> integerAttribute(in);
          case FLOAT -> floatAttribute(in);
          case CALL_SITE_LOC -> "loc(callsite(" + location(in) + " at " + location(in) + "))";
          case FILE_LINE_COL_LOC ->
              "loc("
                  + quoted(stringAttribute(in))
                  + ":"
                  + lineOrColumn(in)
                  + ":"
                  + lineOrColumn(in)
                  + ")";
          case FUSED_LOC -> "loc(fused" + locations(in) + ")";
          case FUSED_LOC_WITH_METADATA -> {
            String locations = locations(in);
            yield "loc(fused<" + attribute(in) + ">" + locations + ")";
          }
          case NAME_LOC -> nameLoc(in);
          case UNKNOWN_LOC -> "loc(unknown)";
          case DENSE_RESOURCE_ELEMENTS -> denseResource(in);
          case DENSE_ARRAY -> denseArray(in);
          case DENSE_INT_OR_FP_ELEMENTS -> {
            int type = typeIndex(in);
            yield dense(denseLiteral(in, type), type);
          }
          case DENSE_STRING_ELEMENTS -> {
            int type = typeIndex(in);
            yield dense(stringLiteral(in, type), type);
          }
          case SPARSE_ELEMENTS -> sparse(in);
          case DISTINCT -> "distinct[" + index + "]<" + attribute(in) + ">";
          case FILE_LINE_COL_RANGE -> fileLineColRange(in);
          case AFFINE_MAP -> "affine_map<" + affineMap(in) + ">";
          case INTEGER_SET -> "affine_set<" + integerSet(in) + ">";
          case STRIDED_LAYOUT -> stridedLayout(in);
        };
    expectEnd(in, "a builtin attribute");
    return text;
  }

  private static void expectEnd(ByteReader in, String what) {
    if (!in.atEnd()) {
      throw new MalformedBytecodeException(
          in.position(), what + " has " + (in.end() - in.position()) + " bytes left unread");
    }
  }

  // ---- References to other entries -------------------------------------------------------------

  private int attributeIndex(ByteReader in) {
    int at = in.position();
    int index = in.readSize("an attribute's index");
    if (index >= printed.length) {
      throw new MalformedBytecodeException(at, "attribute " + index + " of " + printed.length);
    }
    return index;
  }

  private String attribute(ByteReader in) {
    return printNested(attributeIndex(in));
  }

  private List<String> attributes(ByteReader in) {
    int count = count(in, "the number of attributes in a list");
    List<String> list = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      list.add(attribute(in));
    }
    return list;
  }

  private int typeIndex(ByteReader in) {
    int at = in.position();
    int index = in.readSize("a type's index");
    if (index >= table.types().size()) {
      throw new MalformedBytecodeException(at, "type " + index + " of " + table.types().size());
    }
    return index;
  }

  private String type(ByteReader in) {
    return types.print(typeIndex(in));
  }

  private String string(ByteReader in) {
    int at = in.position();
    int index = in.readSize("a string's index");
    if (index >= strings.size()) {
      throw new MalformedBytecodeException(at, "string " + index + " of " + strings.size());
    }
    return strings.get(index);
  }

  /** The value of a string attribute named by index (a key, a symbol, a file name). */
  private String stringAttribute(ByteReader in) {
    int at = in.position();
    int index = attributeIndex(in);
    if (kind(index) != Kind.STRING) {
      throw new MalformedBytecodeException(at, "attribute " + index + " is not a string");
    }
    ByteReader string = reader(table.attribute(index));
    string.readVarInt("an attribute's kind");
    String value = string(string);
    expectEnd(string, "a string attribute");
    return value;
  }

  /** A count of items each at least a byte long, checked against the bytes left. */
  private static int count(ByteReader in, String what) {
    int at = in.position();
    int count = in.readSize(what);
    if (count > in.end() - in.position()) {
      throw new MalformedBytecodeException(
          at,
          what
              + " is "
              + count
              + ", but the entry ends "
              + (in.end() - in.position())
              + " bytes on");
    }
    return count;
  }

  // ---- Strings and names -----------------------------------------------------------------------

  /** A string literal: quote, backslash and bytes that are not printable ASCII escaped as hex. */
  static String quoted(String value) {
    return TextEscapes.quoted(value);
  }

  /** A name as MLIR reads it where a keyword or a string may stand: bare when it can be. */
  static String keywordOrString(String name) {
    return TextEscapes.identifier(name);
  }

  private static String symbol(String name) {
    return "@" + keywordOrString(name);
  }

  private String symbolRef(ByteReader in) {
    StringBuilder text = new StringBuilder(symbol(stringAttribute(in)));
    int count = count(in, "the number of nested references");
    for (int i = 0; i < count; i++) {
      int at = in.position();
      int nested = attributeIndex(in);
      if (kind(nested) != Kind.FLAT_SYMBOL_REF) {
        throw new MalformedBytecodeException(
            at, "attribute " + nested + " is not a flat symbol reference");
      }
      text.append("::").append(printNested(nested));
    }
    return text.toString();
  }

  private String dictionary(ByteReader in) {
    int count = count(in, "the number of entries of a dictionary");
    List<String> entries = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String name = keywordOrString(stringAttribute(in));
      int value = attributeIndex(in);
      // A unit value is the name alone, as MLIR prints it.
      entries.add(kind(value) == Kind.UNIT ? name : name + " = " + printNested(value));
    }
    return "{" + String.join(", ", entries) + "}";
  }

  // ---- Numbers ---------------------------------------------------------------------------------

  private static long zigzag(long encoded) {
    return (encoded >>> 1) ^ -(encoded & 1);
  }

  /** An integer of {@code width} bits, as unsigned bits (the value modulo 2^width). */
  private static BigInteger apInt(ByteReader in, long width) {
    BigInteger value;
    if (width <= 8) {
      value = BigInteger.valueOf(in.readByte("a narrow integer"));
    } else if (width <= 64) {
      value = BigInteger.valueOf(zigzag(in.readVarInt("an integer")));
    } else {
      int words = count(in, "the number of words of a wide integer");
      value = BigInteger.ZERO;
      for (int i = 0; i < words; i++) {
        long word = zigzag(in.readVarInt("a word of a wide integer"));
        value = value.or(unsigned(word).shiftLeft(64 * i));
      }
    }
    return value.and(BigInteger.ONE.shiftLeft((int) width).subtract(BigInteger.ONE));
  }

  private static BigInteger unsigned(long bits) {
    BigInteger value = BigInteger.valueOf(bits);
    return bits < 0 ? value.add(BigInteger.ONE.shiftLeft(64)) : value;
  }

  /** Unsigned bits of {@code width} as a signed value. */
  private static BigInteger signed(BigInteger bits, long width) {
    return width > 0 && bits.testBit((int) width - 1)
        ? bits.subtract(BigInteger.ONE.shiftLeft((int) width))
        : bits;
  }

  /** An integer type's width, checked: the types that hold integer and float values. */
  private long valueWidth(int type, int at, String what) {
    long width = types.bitWidth(type);
    if (width < 0 || width > 1 << 20) {
      throw new MalformedBytecodeException(
          at, what + " has type " + types.print(type) + ", which holds no number");
    }
    return width;
  }

  /** How MLIR reads an integer of this type back: i1 as a boolean, else signed or unsigned. */
  private String integerText(BigInteger bits, int type, long width) {
    if (width == 1 && types.isSignless(type)) {
      return bits.signum() != 0 ? "true" : "false";
    }
    return (types.isUnsigned(type) ? bits : signed(bits, width)).toString();
  }

  private static String floatText(BigInteger bits, long width) {
    String hex = bits.toString(16).toUpperCase(java.util.Locale.ROOT);
    int digits = (int) ((width + 3) / 4);
    return "0x" + "0".repeat(Math.max(0, digits - hex.length())) + hex;
  }

  private String integerAttribute(ByteReader in) {
    int at = in.position();
    int type = typeIndex(in);
    long width = valueWidth(type, at, "an integer attribute");
    if (types.isFloat(type)) {
      throw new MalformedBytecodeException(at, "an integer attribute has a float type");
    }
    String value = integerText(apInt(in, width), type, width);
    String typeText = types.print(type);
    // A boolean reads back as i1 without its type.
    return value.equals("true") || value.equals("false") ? value : value + " : " + typeText;
  }

  private String floatAttribute(ByteReader in) {
    int at = in.position();
    int type = typeIndex(in);
    if (!types.isFloat(type)) {
      throw new MalformedBytecodeException(
          at, "a float attribute has type " + types.print(type) + ", which is not a float");
    }
    long width = types.bitWidth(type);
    return floatText(apInt(in, width), width) + " : " + types.print(type);
  }

  // ---- Locations -------------------------------------------------------------------------------

  /** A location named by index, as it stands inside another: without its {@code loc(...)}. */
  private String location(ByteReader in) {
    int at = in.position();
    int index = attributeIndex(in);
    Kind kind = kind(index);
    String text = printNested(index);
    boolean wrapped = text.startsWith("loc(") && text.endsWith(")");
    if ((kind != null && !kind.isLocation()) || !wrapped) {
      throw new MalformedBytecodeException(at, "attribute " + index + " is not a location");
    }
    return text.substring("loc(".length(), text.length() - 1);
  }

  private String locations(ByteReader in) {
    int count = count(in, "the number of fused locations");
    List<String> list = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      list.add(location(in));
    }
    return "[" + String.join(", ", list) + "]";
  }

  private String nameLoc(ByteReader in) {
    String name = quoted(stringAttribute(in));
    String child = location(in);
    return child.equals("unknown") ? "loc(" + name + ")" : "loc(" + name + "(" + child + "))";
  }

  private static long lineOrColumn(ByteReader in) {
    int at = in.position();
    long value = in.readVarInt("a line or column");
    if (value < 0 || value > 0xFFFF_FFFFL) {
      throw new MalformedBytecodeException(
          at, "line or column " + Long.toUnsignedString(value) + " exceeds 32 bits");
    }
    return value;
  }

  private String fileLineColRange(ByteReader in) {
    String file = quoted(stringAttribute(in));
    int at = in.position();
    int count = in.readSize("the number of a range's lines and columns");
    if (count > 4) {
      throw new MalformedBytecodeException(at, "a file range of " + count + " numbers");
    }
    long[] n = new long[count];
    for (int i = 0; i < count; i++) {
      n[i] = lineOrColumn(in);
    }
    String range =
        switch (count) {
          // All zero: what MLIR prints for a range with no line.
          case 0 -> "0:0";
          case 1 -> n[0] + "";
          case 2 -> n[0] + ":" + n[1] + " to " + n[0] + ":" + n[1];
          case 3 -> n[0] + ":" + n[1] + " to :" + n[2];
          default -> n[0] + ":" + n[1] + " to " + n[2] + ":" + n[3];
        };
    return "loc(" + file + ":" + range + ")";
  }

  // ---- Dense data ------------------------------------------------------------------------------

  /** A blob's extent in the file, {@code [start, end)}. */
  private static int[] blob(ByteReader in) {
    int size = in.readSize("a blob's size");
    int start = in.position();
    in.skip(size, "a blob");
    return new int[] {start, start + size};
  }

  /** How dense data stores the values of an element type. */
  private record Element(int type, long width, boolean isBool, boolean isFloat, int bytes) {}

  /** A dense element type: an integer, index or float, or a complex number of one of those. */
  private Element element(int type, int at) {
    int complex = types.complexElement(type);
    if (complex >= 0) {
      Element part = scalarElement(complex, at);
      return new Element(type, part.width(), false, part.isFloat(), part.bytes() * 2);
    }
    return scalarElement(type, at);
  }

  private Element scalarElement(int type, int at) {
    long width = valueWidth(type, at, "dense data");
    boolean isBool = width == 1 && types.kind(type) == BuiltinTypes.Kind.INTEGER;
    return new Element(
        type, width, isBool, types.isFloat(type), isBool ? 1 : (int) ((width + 7) / 8));
  }

  private BuiltinTypes.Shaped staticShape(int type, int at) {
    BuiltinTypes.Shaped shaped = types.shaped(type);
    if (shaped == null || shaped.elementCount() < 0) {
      throw new MalformedBytecodeException(
          at, "dense data of type " + types.print(type) + ", which has no static shape");
    }
    return shaped;
  }

  private String dense(String literal, int type) {
    return "dense<" + literal + "> : " + types.print(type);
  }

  /** The literal between {@code dense<} and {@code >} of a DenseIntOrFPElementsAttr. */
  private String denseLiteral(ByteReader in, int type) {
    int at = in.position();
    BuiltinTypes.Shaped shaped = staticShape(type, at);
    Element element = element(shaped.elementType(), at);
    int[] blob = blob(in);
    int size = blob[1] - blob[0];
    long count = shaped.elementCount();
    if (count == 0 && size == 0) {
      return "";
    }
    if (element.isBool()) {
      return boolLiteral(blob, shaped.shape(), count, at);
    }
    if (size != element.bytes() && (count > size || size != count * element.bytes())) {
      throw new MalformedBytecodeException(
          blob[0],
          "dense data of "
              + size
              + " bytes for "
              + count
              + " elements of "
              + element.bytes()
              + " bytes");
    }
    return "\"0x" + HexFormat.of().withUpperCase().formatHex(bytes, blob[0], blob[1]) + "\"";
  }

  private String boolLiteral(int[] blob, long[] shape, long count, int at) {
    int size = blob[1] - blob[0];
    if (size == 1 && (bytes[blob[0]] == 0 || bytes[blob[0]] == -1)) {
      return bytes[blob[0]] == 0 ? "false" : "true";
    }
    if (count / 8 > size || size != (count + 7) / 8) {
      throw new MalformedBytecodeException(
          blob[0], "boolean dense data of " + size + " bytes for " + count + " elements");
    }
    return nested(
        shape,
        count,
        i -> (bytes[blob[0] + (int) (i >>> 3)] >>> (int) (i & 7) & 1) != 0 ? "true" : "false");
  }

  /**
   * Elements {@code 0..count-1} laid out in nested brackets by {@code shape}, whose dimensions are
   * all at least 1. Written in one pass, without recursion, as a shape may have any rank: before
   * each element but the first, the brackets of every dimension that starts anew there close and
   * open again.
   */
  private static String nested(long[] shape, long count, LongFunction<String> element) {
    int rank = shape.length;
    // span[d]: how many elements one step along dimension d covers.
    long[] span = new long[rank];
    long product = 1;
    for (int d = rank - 1; d >= 0; d--) {
      span[d] = product;
      product *= shape[d];
    }
    StringBuilder text = new StringBuilder("[".repeat(rank));
    for (long i = 0; i < count; i++) {
      if (i > 0) {
        int restarted = 0;
        for (int d = rank - 1; d > 0 && i % (span[d] * shape[d]) == 0; d--) {
          restarted++;
        }
        text.append("]".repeat(restarted)).append(", ").append("[".repeat(restarted));
      }
      text.append(element.apply(i));
    }
    return text.append("]".repeat(rank)).toString();
  }

  private String stringLiteral(ByteReader in, int type) {
    int at = in.position();
    BuiltinTypes.Shaped shaped = staticShape(type, at);
    boolean splat = in.readVarInt("whether dense strings are one repeated string") != 0;
    long count = shaped.elementCount();
    if (splat) {
      return quoted(string(in));
    }
    if (count > in.end() - in.position()) {
      throw new MalformedBytecodeException(at, count + " strings cannot fit in what is left");
    }
    if (count == 0) {
      return "";
    }
    List<String> values = new ArrayList<>((int) count);
    for (long i = 0; i < count; i++) {
      values.add(quoted(string(in)));
    }
    return nested(shaped.shape(), count, i -> values.get((int) i));
  }

  private String denseResource(ByteReader in) {
    String type = type(in);
    int at = in.position();
    int handle = in.readSize("a resource handle");
    String key = resourceKey.apply(handle);
    if (key == null) {
      throw new MalformedBytecodeException(at, "resource handle " + handle + " names no resource");
    }
    return "dense_resource<" + keywordOrString(key) + "> : " + type;
  }

  private String denseArray(ByteReader in) {
    int at = in.position();
    int type = typeIndex(in);
    Element element = element(type, at);
    long count = in.readVarInt("the number of elements of a dense array");
    int[] blob = blob(in);
    if (count < 0 || count > blob[1] - blob[0] || count * element.bytes() != blob[1] - blob[0]) {
      throw new MalformedBytecodeException(
          blob[0],
          "a dense array of "
              + Long.toUnsignedString(count)
              + " elements of "
              + element.bytes()
              + " bytes holds "
              + (blob[1] - blob[0]));
    }
    StringBuilder text = new StringBuilder("array<").append(types.print(type));
    for (int i = 0; i < count; i++) {
      text.append(i == 0 ? ": " : ", ");
      BigInteger bits = littleEndian(blob[0] + i * element.bytes(), element.bytes());
      bits = bits.and(BigInteger.ONE.shiftLeft((int) element.width()).subtract(BigInteger.ONE));
      text.append(
          element.isFloat()
              ? floatText(bits, element.width())
              : integerText(bits, type, element.width()));
    }
    return text.append('>').toString();
  }

  private BigInteger littleEndian(int start, int count) {
    byte[] bigEndian = new byte[count + 1];
    for (int i = 0; i < count; i++) {
      bigEndian[count - i] = bytes[start + i];
    }
    return new BigInteger(bigEndian);
  }

  /**
   * {@code sparse<indices, values> : T}. MLIR reads the indices only as a list of integers (no
   * hex), shaped as they are; the values it reads as dense literals, hex included.
   */
  private String sparse(ByteReader in) {
    String type = type(in);
    int indicesAt = in.position();
    int indices = attributeIndex(in);
    int valuesAt = in.position();
    int values = attributeIndex(in);
    String indexList = sparseIndices(indices, indicesAt);
    Kind valuesKind = kind(values);
    if (valuesKind != Kind.DENSE_INT_OR_FP_ELEMENTS && valuesKind != Kind.DENSE_STRING_ELEMENTS) {
      throw new MalformedBytecodeException(valuesAt, "sparse values are not dense elements");
    }
    ByteReader valueReader = reader(table.attribute(values));
    valueReader.readVarInt("an attribute's kind");
    int valueType = typeIndex(valueReader);
    String valueList =
        valuesKind == Kind.DENSE_INT_OR_FP_ELEMENTS
            ? denseLiteral(valueReader, valueType)
            : stringLiteral(valueReader, valueType);
    expectEnd(valueReader, "sparse values");
    if (indexList.isEmpty()) {
      return "sparse<> : " + type;
    }
    return "sparse<" + indexList + ", " + valueList + "> : " + type;
  }

  private String sparseIndices(int indices, int at) {
    if (kind(indices) != Kind.DENSE_INT_OR_FP_ELEMENTS) {
      throw new MalformedBytecodeException(at, "sparse indices are not dense integers");
    }
    ByteReader in = reader(table.attribute(indices));
    in.readVarInt("an attribute's kind");
    int type = typeIndex(in);
    BuiltinTypes.Shaped shaped = staticShape(type, at);
    Element element = element(shaped.elementType(), at);
    int[] blob = blob(in);
    expectEnd(in, "sparse indices");
    long count = shaped.elementCount();
    int size = blob[1] - blob[0];
    if (element.isFloat()
        || element.isBool()
        || element.bytes() == 0
        || types.complexElement(shaped.elementType()) >= 0
        || (size != element.bytes() && (count > size || size != count * element.bytes()))) {
      throw new MalformedBytecodeException(at, "sparse indices are not dense integers");
    }
    if (count == 0) {
      return "";
    }
    // One stored value stands for all; the list is written out whole as MLIR needs it.
    boolean splat = size == element.bytes() && count != 1;
    if (splat && count > MAX_SPLAT_INDICES) {
      throw new MalformedBytecodeException(at, "sparse indices of " + count + " elements");
    }
    return nested(
        shaped.shape(),
        count,
        i -> {
          BigInteger bits =
              littleEndian(blob[0] + (splat ? 0 : (int) i) * element.bytes(), element.bytes());
          bits = bits.and(BigInteger.ONE.shiftLeft((int) element.width()).subtract(BigInteger.ONE));
          return integerText(bits, shaped.elementType(), element.width());
        });
  }

  // ---- Affine maps, integer sets, strided layouts ----------------------------------------------

  private static long affineCount(ByteReader in, long count, int at, String what) {
    if (count < 0 || count > MAX_AFFINE_IDENTIFIERS) {
      throw new MalformedBytecodeException(
          at, Long.toUnsignedString(count) + " " + what + " is more than is read here");
    }
    return count;
  }

  private static String identifiers(String prefix, long count) {
    List<String> names = new ArrayList<>();
    for (long i = 0; i < count; i++) {
      names.add(prefix + i);
    }
    return String.join(", ", names);
  }

  private static String header(long dims, long syms) {
    String text = "(" + identifiers("d", dims) + ")";
    return syms == 0 ? text : text + "[" + identifiers("s", syms) + "]";
  }

  private String affineMap(ByteReader in) {
    int at = in.position();
    long header = in.readVarInt("an affine map's dimension count");
    long dims = affineCount(in, header >>> 2, at, "dimensions");
    long syms = 0;
    List<String> results = new ArrayList<>();
    switch ((int) (header & 3)) {
      case 0 -> {
        for (long d = 0; d < dims; d++) {
          results.add("d" + d);
        }
      }
      case 1 -> {
        for (long d = 0; d < dims; d++) {
          results.add("d" + position(in, dims, "dimension"));
        }
      }
      case 2 -> {
        int count = count(in, "the number of an affine map's results");
        for (int i = 0; i < count; i++) {
          results.add("d" + position(in, dims, "dimension"));
        }
      }
      default -> {
        int symsAt = in.position();
        syms = affineCount(in, in.readVarInt("an affine map's symbol count"), symsAt, "symbols");
        int count = count(in, "the number of an affine map's results");
        for (int i = 0; i < count; i++) {
          results.add(expression(in, dims, syms, 0));
        }
      }
    }
    return header(dims, syms) + " -> (" + String.join(", ", results) + ")";
  }

  private String integerSet(ByteReader in) {
    int at = in.position();
    long dims = affineCount(in, in.readVarInt("an integer set's dimension count"), at, "dims");
    at = in.position();
    long syms = affineCount(in, in.readVarInt("an integer set's symbol count"), at, "symbols");
    int count = count(in, "the number of an integer set's constraints");
    List<String> constraints = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      constraints.add(expression(in, dims, syms, 0));
    }
    for (int i = 0; i < count; i++) {
      int flagAt = in.position();
      int equality = in.readByte("whether a constraint is an equality");
      if (equality > 1) {
        throw new MalformedBytecodeException(flagAt, "an equality flag of " + equality);
      }
      constraints.set(i, constraints.get(i) + (equality == 1 ? " == 0" : " >= 0"));
    }
    return header(dims, syms) + " : (" + String.join(", ", constraints) + ")";
  }

  private static long position(ByteReader in, long count, String what) {
    int at = in.position();
    long position = in.readVarInt("a " + what + " position");
    if (position < 0 || position >= count) {
      throw new MalformedBytecodeException(
          at, what + " " + Long.toUnsignedString(position) + " of " + count);
    }
    return position;
  }

  /**
   * An affine expression. Every binary expression is parenthesized, so that the text parses to the
   * same tree whatever the operators' precedence.
   */
  private static String expression(ByteReader in, long dims, long syms, int depth) {
    int at = in.position();
    if (depth >= MAX_EXPRESSION_DEPTH) {
      throw new MalformedBytecodeException(
          at, "an affine expression nests more than " + MAX_EXPRESSION_DEPTH + " deep");
    }
    long kind = in.readVarInt("an affine expression's kind");
    if (kind < 0 || kind > 7) {
      throw new MalformedBytecodeException(
          at, "affine expression kind " + Long.toUnsignedString(kind) + " is unknown");
    }
    String operator =
        switch ((int) kind) {
          case 3 -> " + ";
          case 4 -> " * ";
          case 5 -> " mod ";
          case 6 -> " floordiv ";
          case 7 -> " ceildiv ";
          default -> null;
        };
    if (kind == 0) {
      return "d" + position(in, dims, "dimension");
    }
    if (kind == 1) {
      return "s" + position(in, syms, "symbol");
    }
    if (kind == 2) {
      long value = zigzag(in.readVarInt("an affine constant"));
      // The parser reads "-9223372036854775808" as a negation it cannot fold; the unsigned
      // spelling of the same 64 bits reads back as the constant itself.
      return value == Long.MIN_VALUE ? "9223372036854775808" : Long.toString(value);
    }
    String lhs = expression(in, dims, syms, depth + 1);
    String rhs = expression(in, dims, syms, depth + 1);
    return "(" + lhs + operator + rhs + ")";
  }

  private static String stridedLayout(ByteReader in) {
    long offset = zigzag(in.readVarInt("a strided layout's offset"));
    int count = count(in, "the number of a strided layout's strides");
    List<String> strides = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      strides.add(dynamicOrValue(zigzag(in.readVarInt("a stride"))));
    }
    String text = "strided<[" + String.join(", ", strides) + "]";
    return (offset == 0 ? text : text + ", offset: " + dynamicOrValue(offset)) + ">";
  }

  private static String dynamicOrValue(long value) {
    return value == BuiltinTypes.DYNAMIC ? "?" : Long.toString(value);
  }
}
