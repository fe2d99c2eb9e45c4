package org.mlirlink.read.bytecode;

import java.util.ArrayList;
import java.util.List;

/**
 * The builtin dialect's types in its binary encoding, printed as MLIR prints them ({@code i32},
 * {@code tensor<4x?xf32>}, {@code (i32, f32) -> i32}). An encoded type starts with a varint saying
 * which kind it is, by its place in the builtin dialect's list of encoded types for LLVM 22 (the
 * {@link Kind}s below, in that order); what follows is the kind's parameters: other types and
 * attributes by their index in the file's tables, shapes as lists of signed varints (zigzag
 * encoded, the smallest 64-bit value meaning a dynamic size), lists as a count and their elements.
 * A type of a kind missing from that list is stored as text, so it never reaches this class.
 *
 * <p>Types whose printing needs an attribute in binary (a memref's layout, a builtin attribute as a
 * tensor's encoding) are not printed yet: {@link #print} answers null for them.
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
    VECTOR_WITH_SCALABLE_DIMS
  }

  /** A dynamic size in a shape. */
  private static final long DYNAMIC = Long.MIN_VALUE;

  private final byte[] bytes;
  private final AttrTypeTable table;
  private final String[] printed;
  private final boolean[] done;

  BuiltinTypes(byte[] bytes, AttrTypeTable table) {
    this.bytes = bytes;
    this.table = table;
    this.printed = new String[table.types().size()];
    this.done = new boolean[table.types().size()];
  }

  /**
   * The {@code index}th type of the file as MLIR prints it, or null when it is of a kind not
   * printed yet.
   */
  String print(int index) {
    if (!done[index]) {
      // Marked first: a type cannot contain itself, and a file that says it does gets null.
      done[index] = true;
      printed[index] = decode(index);
    }
    return printed[index];
  }

  private String decode(int index) {
    AttrTypeTable.Entry entry = table.type(index);
    if (!entry.isBinary()) {
      return entry.assembly();
    }
    ByteReader in = new ByteReader(bytes, entry.start(), entry.end(), "a builtin type");
    int code = in.readSize("a builtin type's kind");
    if (code >= Kind.values().length) {
      throw new MalformedBytecodeException(
          entry.start(), "builtin type kind " + code + " is not one of LLVM 22's");
    }
    String text =
        switch (Kind.values()[code]) {
          case INTEGER -> integer(in.readVarInt("an integer type's width"));
          case INDEX -> "index";
          case FUNCTION -> function(in);
          case BF16 -> "bf16";
          case F16 -> "f16";
          case F32 -> "f32";
          case F64 -> "f64";
          case F80 -> "f80";
          case F128 -> "f128";
          case COMPLEX -> wrapped("complex", type(in));
          case NONE -> "none";
          case RANKED_TENSOR -> shaped("tensor", shape(in), type(in), null);
          case RANKED_TENSOR_WITH_ENCODING -> {
            String encoding = textAttribute(in);
            yield encoding == null ? null : shaped("tensor", shape(in), type(in), encoding);
          }
          case TUPLE -> {
            List<String> types = types(in);
            yield types == null ? null : "tuple<" + String.join(", ", types) + ">";
          }
          case UNRANKED_TENSOR -> wrapped("tensor", prefixed("*x", type(in)));
          case VECTOR -> shaped("vector", shape(in), type(in), null);
          case VECTOR_WITH_SCALABLE_DIMS -> scalableVector(in);
          case MEMREF,
              MEMREF_WITH_MEMORY_SPACE,
              UNRANKED_MEMREF,
              UNRANKED_MEMREF_WITH_MEMORY_SPACE ->
              null;
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

  private String scalableVector(ByteReader in) {
    int count = in.readSize("the number of a vector's scalable flags");
    boolean[] scalable = new boolean[count];
    for (int i = 0; i < count; i++) {
      scalable[i] = in.readByte("a scalable flag") != 0;
    }
    long[] shape = shape(in);
    String element = type(in);
    if (element == null || shape.length != count) {
      return null;
    }
    StringBuilder text = new StringBuilder("vector<");
    for (int i = 0; i < shape.length; i++) {
      String size = Long.toString(shape[i]);
      text.append(scalable[i] ? "[" + size + "]" : size).append('x');
    }
    return text.append(element).append('>').toString();
  }

  private static String shaped(String name, long[] shape, String element, String encoding) {
    if (element == null) {
      return null;
    }
    StringBuilder text = new StringBuilder(name).append('<');
    for (long size : shape) {
      text.append(size == DYNAMIC ? "?" : Long.toString(size)).append('x');
    }
    text.append(element);
    if (encoding != null) {
      text.append(", ").append(encoding);
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

  private String type(ByteReader in) {
    int at = in.position();
    int index = in.readSize("a type's index");
    if (index >= table.types().size()) {
      throw new MalformedBytecodeException(at, "type " + index + " of " + table.types().size());
    }
    return print(index);
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

  /** An attribute kept as text, or null when it is in binary (not printed yet). */
  private String textAttribute(ByteReader in) {
    int at = in.position();
    int index = in.readSize("an attribute's index");
    if (index >= table.attributes().size()) {
      throw new MalformedBytecodeException(
          at, "attribute " + index + " of " + table.attributes().size());
    }
    AttrTypeTable.Entry attribute = table.attribute(index);
    return attribute.isBinary() ? null : attribute.assembly();
  }
}
