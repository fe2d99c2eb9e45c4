package org.mlirlink.read.bytecode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The builtin dialect's types in its binary encoding, printed as MLIR prints them ({@code i32},
 * {@code tensor<4x?xf32>}, {@code (i32, f32) -> i32}). An encoded type starts with a varint saying
 * which kind it is (the {@link Kind}s below, in the order of their codes: LLVM 22's list, then the
 * float types that IREE 3.13.0's newer MLIR appends to it); what follows is the kind's parameters:
 * other types and attributes by their index in the file's tables, shapes as lists of signed varints
 * (zigzag encoded, the smallest 64-bit value meaning a dynamic size), lists as a count and their
 * elements, flags as single bytes.
 *
 * <p>A memref always stores a layout, the identity map when it has none in its text; a memref or a
 * tensor may name a builtin attribute in binary (a layout, a memory space, an encoding), printed by
 * the {@link BuiltinAttributes} that {@link #resolveAttributesWith} hands over. Without one, {@link
 * #print} answers null for memrefs and for types that name a builtin attribute in binary.
 *
 * <p>Besides the text, the attributes ask here for what their values need: an integer or float
 * type's width, a shaped type's dimensions and element type.
 *
 * <p>Types and attributes contain each other, so one depth count serves both, and this class runs
 * the printing of either from the top ({@link #printFromTop}): an entry nested too deep to print in
 * place is printed first on its own, so that a file may nest to any depth on a small stack.
 */
final class BuiltinTypes {
  /** The encoded kinds, in the order of their codes. */
  enum Kind {
    INTEGER,
    INDEX,
    FUNCTION,
    BF16,
    F16,
    F32,
    F64,
    F80,
    F128,
    COMPLEX,
    MEMREF,
    MEMREF_WITH_MEMORY_SPACE,
    NONE,
    RANKED_TENSOR,
    RANKED_TENSOR_WITH_ENCODING,
    TUPLE,
    UNRANKED_MEMREF,
    UNRANKED_MEMREF_WITH_MEMORY_SPACE,
    UNRANKED_TENSOR,
    VECTOR,
    VECTOR_WITH_SCALABLE_DIMS,
    TF32,
    F8E5M2,
    F8E4M3,
    F8E4M3FN,
    F8E5M2FNUZ,
    F8E4M3FNUZ,
    F8E4M3B11FNUZ,
    F8E3M4,
    F4E2M1FN,
    F6E2M3FN,
    F6E3M2FN,
    F8E8M0FNU;

    /** The bits of a float kind's values, or 0 for a kind that is not a float. */
    int floatWidth() {
      return switch (this) {
        case BF16, F16 -> 16;
        case F32 -> 32;
        case F64 -> 64;
        case F80 -> 80;
        case F128 -> 128;
        case TF32 -> 19;
        case F8E5M2, F8E4M3, F8E4M3FN, F8E5M2FNUZ, F8E4M3FNUZ, F8E4M3B11FNUZ, F8E3M4, F8E8M0FNU ->
            8;
        case F6E2M3FN, F6E3M2FN -> 6;
        case F4E2M1FN -> 4;
        default -> 0;
      };
    }

    /** How MLIR spells a type of this kind when it has no parameters. */
    String keyword() {
      String name = name();
      // The f8, f6 and f4 names keep their upper-case letters after the leading f (f8E4M3FN).
      return name.charAt(0) == 'F' && name.length() > 4
          ? "f" + name.substring(1)
          : name.toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** A ranked shaped type's dimensions and element type. */
  record Shaped(long[] shape, int elementType) {
    /** The number of elements, or -1 when a dimension is dynamic or the count exceeds a long. */
    long elementCount() {
      long count = 1;
      for (long size : shape) {
        if (size < 0) {
          return -1;
        }
        try {
          count = Math.multiplyExact(count, size);
        } catch (ArithmeticException e) {
          return -1;
        }
      }
      return count;
    }
  }

  /** A dynamic size in a shape. */
  static final long DYNAMIC = Long.MIN_VALUE;

  /**
   * How many entries (types and attributes together) are printed inside one another before the next
   * is printed from the top instead: few enough that the Java stack never overflows, many more than
   * ordinary files nest.
   */
  static final int NESTING_LIMIT = 64;

  static final byte NOT_STARTED = 0;
  static final byte IN_PROGRESS = 1;
  static final byte DONE = 2;

  private final byte[] bytes;
  private final AttrTypeTable table;
  private final String[] printed;
  private final byte[] state;
  private BuiltinAttributes attributes;

  /** How deep printing is now, in types and attributes together. */
  private int depth;

  /**
   * An entry printing reached past {@link #NESTING_LIMIT}: printed from the top first, after which
   * the entry that wanted it is printed again and finds it done. Thrown and caught here only.
   */
  static final class TooDeep extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final boolean isType;
    final int index;

    TooDeep(boolean isType, int index) {
      super(null, null, false, false);
      this.isType = isType;
      this.index = index;
    }
  }

  BuiltinTypes(byte[] bytes, AttrTypeTable table) {
    this.bytes = bytes;
    this.table = table;
    this.printed = new String[table.types().size()];
    this.state = new byte[table.types().size()];
  }

  /**
   * Prints the builtin attributes that types name (layouts, memory spaces, encodings) with these.
   */
  void resolveAttributesWith(BuiltinAttributes attributes) {
    this.attributes = attributes;
  }

  /**
   * The {@code index}th type of the file as MLIR prints it. Null only when no {@link
   * BuiltinAttributes} was handed over and the type needs one (a memref, or a type that names a
   * builtin attribute in binary).
   */
  String print(int index) {
    java.util.Objects.checkIndex(index, printed.length);
    return depth == 0 ? printFromTop(true, index) : printNested(index);
  }

  /**
   * Prints a type or attribute, and first whatever it contains that lies too deep to print in
   * place: each such entry waits on a stack for the one it wants. An entry that comes to wait on
   * itself contains itself.
   */
  String printFromTop(boolean isType, int index) {
    Deque<TooDeep> pending = new ArrayDeque<>();
    Set<Long> waiting = new HashSet<>();
    TooDeep first = new TooDeep(isType, index);
    pending.push(first);
    waiting.add(key(first));
    while (!pending.isEmpty()) {
      try {
        printEntry(pending.peek());
        pending.pop();
      } catch (TooDeep deeper) {
        if (!waiting.add(key(deeper))) {
          throw new MalformedBytecodeException(
              start(deeper), describe(deeper) + " contains itself");
        }
        pending.push(deeper);
      }
    }
    return printEntry(first);
  }

  private String printEntry(TooDeep entry) {
    return entry.isType ? printNested(entry.index) : attributes.printNested(entry.index);
  }

  private static long key(TooDeep entry) {
    return (long) entry.index << 1 | (entry.isType ? 1 : 0);
  }

  private int start(TooDeep entry) {
    return (entry.isType ? table.type(entry.index) : table.attribute(entry.index)).start();
  }

  private static String describe(TooDeep entry) {
    return (entry.isType ? "type " : "attribute ") + entry.index;
  }

  /**
   * Runs {@code body}, the printing of one entry inside others, one level deeper; past the limit
   * throws {@link TooDeep} instead, so that the entry is printed from the top.
   */
  void nested(boolean isType, int index, Runnable body) {
    if (depth >= NESTING_LIMIT) {
      throw new TooDeep(isType, index);
    }
    depth++;
    try {
      body.run();
    } finally {
      depth--;
    }
  }

  private String printNested(int index) {
    if (state[index] == IN_PROGRESS) {
      throw new MalformedBytecodeException(
          table.type(index).start(), "type " + index + " contains itself");
    }
    if (state[index] == NOT_STARTED) {
      nested(true, index, () -> printed[index] = decodeOnce(index, state, () -> decode(index)));
    }
    return printed[index];
  }

  /**
   * Decodes an entry whose printing state is in {@code state}: in progress while it runs (so that
   * an entry met again inside itself is a cycle), done after, not started again if it fails.
   */
  static String decodeOnce(int index, byte[] state, java.util.function.Supplier<String> decode) {
    state[index] = IN_PROGRESS;
    try {
      String text = decode.get();
      state[index] = DONE;
      return text;
    } finally {
      if (state[index] != DONE) {
        state[index] = NOT_STARTED;
      }
    }
  }

  /** The builtin kind of the {@code index}th type, or null when it is stored as text. */
  Kind kind(int index) {
    AttrTypeTable.Entry entry = table.type(index);
    if (!entry.isBinary()) {
      return null;
    }
    return kindOf(reader(entry), entry);
  }

  /**
   * The bits of an integer, index or float type's values (an index's are 64, as MLIR stores them),
   * or -1 for any other type.
   */
  long bitWidth(int index) {
    Kind kind = kind(index);
    if (kind == null) {
      return -1;
    }
    return switch (kind) {
      case INTEGER -> integerWidthAndSignedness(index) >>> 2;
      case INDEX -> 64;
      default -> kind.floatWidth() > 0 ? kind.floatWidth() : -1;
    };
  }

  /** Whether the {@code index}th type is an unsigned integer type ({@code ui8}). */
  boolean isUnsigned(int index) {
    return kind(index) == Kind.INTEGER && (integerWidthAndSignedness(index) & 3) == 2;
  }

  /** Whether the {@code index}th type is an integer type with no sign ({@code i8}). */
  boolean isSignless(int index) {
    return kind(index) == Kind.INTEGER && (integerWidthAndSignedness(index) & 3) == 0;
  }

  /** Whether the {@code index}th type is a float type. */
  boolean isFloat(int index) {
    Kind kind = kind(index);
    return kind != null && kind.floatWidth() > 0;
  }

  /** The element type of a complex type, or -1 when the type is not complex. */
  int complexElement(int index) {
    if (kind(index) != Kind.COMPLEX) {
      return -1;
    }
    ByteReader in = reader(table.type(index));
    in.readVarInt("a builtin type's kind");
    return typeIndex(in);
  }

  /** A ranked tensor, vector or memref's shape and element type; null for any other type. */
  Shaped shaped(int index) {
    Kind kind = kind(index);
    if (kind == null) {
      return null;
    }
    ByteReader in = reader(table.type(index));
    in.readVarInt("a builtin type's kind");
    switch (kind) {
      case RANKED_TENSOR, VECTOR, MEMREF -> {}
      case RANKED_TENSOR_WITH_ENCODING, MEMREF_WITH_MEMORY_SPACE ->
          in.readVarInt("an attribute's index");
      case VECTOR_WITH_SCALABLE_DIMS ->
          in.skip(in.readSize("the number of scalable flags"), "a vector's scalable flags");
      default -> {
        return null;
      }
    }
    long[] shape = shape(in);
    return new Shaped(shape, typeIndex(in));
  }

  private long integerWidthAndSignedness(int index) {
    ByteReader in = reader(table.type(index));
    in.readVarInt("a builtin type's kind");
    return in.readVarInt("an integer type's width");
  }

  private ByteReader reader(AttrTypeTable.Entry entry) {
    return new ByteReader(bytes, entry.start(), entry.end(), "a builtin type");
  }

  private static Kind kindOf(ByteReader in, AttrTypeTable.Entry entry) {
    return entry.kind(in, Kind.values(), "builtin type");
  }

  private String decode(int index) {
    AttrTypeTable.Entry entry = table.type(index);
    if (!entry.isBinary()) {
      return entry.assembly();
    }
    ByteReader in = reader(entry);
    Kind kind = kindOf(in, entry);
    String text =
        switch (kind) {
          case INTEGER -> integer(in.readVarInt("an integer type's width"));
          case FUNCTION -> function(in);
          case COMPLEX -> wrapped("complex", type(in));
          case MEMREF -> memref(in, null);
          case MEMREF_WITH_MEMORY_SPACE -> memref(in, attribute(in));
          case RANKED_TENSOR -> shaped("tensor", shape(in), type(in), null);
          case RANKED_TENSOR_WITH_ENCODING -> {
            String encoding = attribute(in);
            yield encoding == null ? null : shaped("tensor", shape(in), type(in), encoding);
          }
          case TUPLE -> {
            List<String> types = types(in);
            yield types == null ? null : "tuple<" + String.join(", ", types) + ">";
          }
          case UNRANKED_MEMREF -> wrapped("memref", prefixed("*x", type(in)));
          case UNRANKED_MEMREF_WITH_MEMORY_SPACE -> unrankedMemref(in);
          case UNRANKED_TENSOR -> wrapped("tensor", prefixed("*x", type(in)));
          case VECTOR -> shaped("vector", shape(in), type(in), null);
          case VECTOR_WITH_SCALABLE_DIMS -> scalableVector(in);
          default -> kind.keyword();
        };
    if (text != null && !in.atEnd()) {
      throw new MalformedBytecodeException(
          in.position(), "a builtin type has " + (in.end() - in.position()) + " bytes left unread");
    }
    return text;
  }

  private static String integer(long widthAndSignedness) {
    long width = widthAndSignedness >>> 2;
    return switch ((int) (widthAndSignedness & 3)) {
      case 1 -> "si" + width;
      case 2 -> "ui" + width;
      default -> "i" + width;
    };
  }

  private String function(ByteReader in) {
    List<String> inputs = types(in);
    List<String> results = types(in);
    if (inputs == null || results == null) {
      return null;
    }
    String result =
        results.size() == 1 && !results.get(0).startsWith("(")
            ? results.get(0)
            : "(" + String.join(", ", results) + ")";
    return "(" + String.join(", ", inputs) + ") -> " + result;
  }

  /**
   * A ranked memref: shape, element type, then the layout, which MLIR leaves out of its text when
   * it is the identity; the memory space (read before the shape) comes last in the text.
   */
  private String memref(ByteReader in, String memorySpace) {
    long[] shape = shape(in);
    String element = type(in);
    int layout = attributeIndex(in);
    if (element == null || attributes == null) {
      return null;
    }
    StringBuilder extra = new StringBuilder();
    if (attributes.identityMapDimensions(layout) != shape.length) {
      extra.append(attributes.printNested(layout));
    }
    if (memorySpace != null) {
      extra.append(extra.isEmpty() ? "" : ", ").append(memorySpace);
    }
    return shaped("memref", shape, element, extra.isEmpty() ? null : extra.toString());
  }

  private String unrankedMemref(ByteReader in) {
    String memorySpace = attribute(in);
    String element = type(in);
    return memorySpace == null || element == null
        ? null
        : "memref<*x" + element + ", " + memorySpace + ">";
  }

  private String scalableVector(ByteReader in) {
    int countAt = in.position();
    int count = in.readSize("the number of a vector's scalable flags");
    if (count > in.end() - in.position()) {
      throw new MalformedBytecodeException(countAt, count + " scalable flags cannot fit");
    }
    boolean[] scalable = new boolean[count];
    for (int i = 0; i < count; i++) {
      scalable[i] = in.readByte("a scalable flag") != 0;
    }
    int shapeAt = in.position();
    long[] shape = shape(in);
    String element = type(in);
    if (shape.length != count) {
      throw new MalformedBytecodeException(
          shapeAt, "a vector of rank " + shape.length + " has " + count + " scalable flags");
    }
    if (element == null) {
      return null;
    }
    StringBuilder text = new StringBuilder("vector<");
    for (int i = 0; i < shape.length; i++) {
      String size = Long.toString(shape[i]);
      text.append(scalable[i] ? "[" + size + "]" : size).append('x');
    }
    return text.append(element).append('>').toString();
  }

  private static String shaped(String name, long[] shape, String element, String trailing) {
    if (element == null) {
      return null;
    }
    StringBuilder text = new StringBuilder(name).append('<');
    for (long size : shape) {
      text.append(size == DYNAMIC ? "?" : Long.toString(size)).append('x');
    }
    text.append(element);
    if (trailing != null) {
      text.append(", ").append(trailing);
    }
    return text.append('>').toString();
  }

  private static String wrapped(String name, String inside) {
    return inside == null ? null : name + "<" + inside + ">";
  }

  private static String prefixed(String prefix, String text) {
    return text == null ? null : prefix + text;
  }

  private long[] shape(ByteReader in) {
    int count = in.readSize("the rank of a shape");
    if (count > in.end() - in.position()) {
      throw new MalformedBytecodeException(
          in.position(), "a shape of rank " + count + " cannot fit");
    }
    long[] shape = new long[count];
    for (int i = 0; i < count; i++) {
      long zigzag = in.readVarInt("a size of a shape");
      shape[i] = (zigzag >>> 1) ^ -(zigzag & 1);
    }
    return shape;
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
    return print(typeIndex(in));
  }

  private List<String> types(ByteReader in) {
    int count = in.readSize("the number of types in a list");
    List<String> types = new ArrayList<>(Math.min(count, 64));
    boolean all = true;
    for (int i = 0; i < count; i++) {
      String type = type(in);
      all &= type != null;
      types.add(type);
    }
    return all ? types : null;
  }

  private int attributeIndex(ByteReader in) {
    int at = in.position();
    int index = in.readSize("an attribute's index");
    if (index >= table.attributes().size()) {
      throw new MalformedBytecodeException(
          at, "attribute " + index + " of " + table.attributes().size());
    }
    return index;
  }

  /**
   * An attribute a type names: its text when stored as text, else as {@link BuiltinAttributes}
   * prints it; null when it is in binary and none were handed over.
   */
  private String attribute(ByteReader in) {
    int index = attributeIndex(in);
    AttrTypeTable.Entry attribute = table.attribute(index);
    if (!attribute.isBinary()) {
      return attribute.assembly();
    }
    return attributes == null ? null : attributes.printNested(index);
  }
}
