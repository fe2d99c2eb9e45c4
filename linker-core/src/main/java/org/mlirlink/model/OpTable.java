package org.mlirlink.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the ops of the dialects IREE's compiler ships define, from a table generated from the pinned
 * release and kept as data ({@value #FILE} beside this class; {@code OpTableGenerator} in the tests
 * writes it, and a test checks it against the release). The reader asks it about an op in custom
 * form written {@code op @name ...}: whether {@code @name} is a symbol the op defines ({@code
 * func.func @f}) or one it only names ({@code iree_codegen.dispatch_config @f}, which configures
 * the function {@code @f} beside it).
 *
 * <p>MLIR counts an op as a symbol definition when it has a string {@code sym_name} attribute, so
 * an op defines a symbol exactly when its definition has an inherent {@code sym_name} (where that
 * is optional, as a module's is, when it has one). The table also keeps each op's other inherent
 * attributes and its operand and result segments, which a reader of MLIR bytecode would need; the
 * linker uses only the symbol fact.
 *
 * <p>The table is read the first time an op that {@link OpKind} does not name is asked about: a
 * link of functions, globals and executables never reads it.
 */
public final class OpTable {
  /** The table's file name, a resource beside this class. */
  public static final String FILE = "op-table.txt";

  /** Whether the ops of a name define a symbol. */
  public enum Answer {
    YES,
    NO,
    /** Neither {@link OpKind} nor the table knows the op (a dialect the release lacks). */
    UNKNOWN
  }

  private OpTable() {}

  /** Whether ops named {@code opName} ({@code "iree_codegen.dispatch_config"}) define a symbol. */
  public static Answer definesSymbol(String opName) {
    if (OpKind.ofOpName(opName) != OpKind.OTHER) {
      // Every op OpKind names is a symbol (a module or an initializer only when it has a name),
      // as a test checks against the table: the table need not be read for them.
      return Answer.YES;
    }
    return inTable(opName);
  }

  /** What the table alone says of {@code opName}. */
  static Answer inTable(String opName) {
    int row = Loaded.rowOf(opName);
    if (row < 0) {
      return Answer.UNKNOWN;
    }
    return Loaded.TEXT.charAt(Loaded.TEXT.indexOf('\t', row) + 1) == 'S' ? Answer.YES : Answer.NO;
  }

  /**
   * One inherent attribute of an op.
   *
   * @param name its name
   * @param kind the kind its definition gives ({@code StrAttr}, {@code I64Attr}, {@code
   *     arith.Arith_FastMathAttr}: a dialect's prefix when the dialect defines it)
   * @param optional whether an op may leave it out (optional, or given a default)
   */
  public record InherentAttribute(String name, String kind, boolean optional) {}

  /**
   * One native property of an op (a value kept in the op's properties that is not an attribute).
   *
   * @param name its name
   * @param kind the kind its definition gives ({@code UnitProp}, {@code IntProp})
   * @param encoding how bytecode stores it: {@code varint}, {@code bool} (a byte), {@code string}
   *     (a string's index), {@code array-E} (a count, then each element as E) or {@code optional-E}
   *     (a bool, then E when it is true)
   */
  public record NativeProperty(String name, String kind, String encoding) {}

  /**
   * What MLIR's bytecode stores of an op's properties, in the order it stores them.
   *
   * @param attributes the inherent attributes, sorted by name
   * @param natives the native properties, after the attributes; empty also when unknown
   * @param nativesKnown whether the table knows the op's native properties (it does not for an op
   *     no definition file it was made from defines)
   * @param operandSegments the operand groups of an op that records their sizes, one character a
   *     group ({@code 1} one value, {@code ?} an optional one, {@code *} any number); empty when
   *     the op records none
   * @param resultSegments the same for results
   */
  public record Layout(
      List<InherentAttribute> attributes,
      List<NativeProperty> natives,
      boolean nativesKnown,
      String operandSegments,
      String resultSegments) {}

  /**
   * The properties layout of ops named {@code opName} ({@code "util.func"}) in the release the
   * table was made from; empty when the table does not know the op.
   */
  public static Optional<Layout> layout(String opName) {
    return Optional.ofNullable(Layouts.get(opName));
  }

  /** The release the table was made from, as its users should name it. */
  public static final String RELEASE = "IREE 3.13.0";

  /** The table, read when it is first asked: the JVM initializes this class once, thread-safely. */
  private static final class Loaded {
    static final String TEXT = tableText();

    /** Where the first row starts, after the header's comment lines. */
    static final int FIRST_ROW = firstRow(TEXT);

    /**
     * Where the row of {@code opName} starts in {@link #TEXT}, or -1: a binary search over the
     * text, whose rows are sorted by name, so that nothing is built from the table's 4 000 rows
     * when a file names a few dozen ops (a map of them cost a cold start about 5 ms).
     */
    static int rowOf(String opName) {
      int low = FIRST_ROW; // a row start, at or before the row looked for
      int high = TEXT.length(); // a row start (or the end), after it
      while (low < high) {
        int middle = TEXT.lastIndexOf('\n', low + (high - low) / 2 - 1) + 1;
        if (middle < low) {
          middle = low;
        }
        int nameEnd = TEXT.indexOf('\t', middle);
        int order = compareName(middle, nameEnd, opName);
        if (order == 0) {
          return middle;
        }
        if (order < 0) {
          int next = TEXT.indexOf('\n', nameEnd);
          low = next < 0 ? TEXT.length() : next + 1;
        } else {
          high = middle;
        }
      }
      return -1;
    }

    /** {@code TEXT[start, end)} against {@code name}, in the table's order (bytes, unsigned). */
    private static int compareName(int start, int end, String name) {
      int n = Math.min(end - start, name.length());
      for (int i = 0; i < n; i++) {
        int order = TEXT.charAt(start + i) - name.charAt(i);
        if (order != 0) {
          return order;
        }
      }
      return (end - start) - name.length();
    }

    private static int firstRow(String text) {
      int start = 0;
      while (start < text.length() && text.charAt(start) == '#') {
        int end = text.indexOf('\n', start);
        start = end < 0 ? text.length() : end + 1;
      }
      return start;
    }
  }

  /** The table's text, ASCII. */
  private static String tableText() {
    try (InputStream in = OpTable.class.getResourceAsStream(FILE)) {
      if (in == null) {
        throw new IllegalStateException(FILE + " is missing from the linker's classes");
      }
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The rows of the table, read only by a bytecode reader that meets properties: the text is held
   * and a row is parsed the first time its op is asked about (parsing all 4 000 rows would cost a
   * cold start some 20 ms; a file names a few dozen ops).
   */
  private static final class Layouts {
    static final Map<String, Layout> PARSED = new ConcurrentHashMap<>();

    static Layout get(String opName) {
      Layout known = PARSED.get(opName);
      if (known != null) {
        return known;
      }
      int start = Loaded.rowOf(opName);
      if (start < 0) {
        return null;
      }
      // Two threads may parse one row: the layouts are equal, and the first put is kept. (No
      // computeIfAbsent: its lambda is linked at first use, about 4 ms of a cold start.)
      Layout parsed = parse(start);
      Layout first = PARSED.putIfAbsent(opName, parsed);
      return first != null ? first : parsed;
    }

    private static Layout parse(int start) {
      String text = Loaded.TEXT;
      int end = text.indexOf('\n', start);
      String[] fields = text.substring(start, end < 0 ? text.length() : end).split("\t");
      List<InherentAttribute> attributes = new ArrayList<>();
      if (!fields[2].equals("-")) {
        for (String entry : fields[2].split(",")) {
          int colon = entry.indexOf(':');
          String name = entry.substring(0, colon);
          boolean optional = name.endsWith("?");
          attributes.add(
              new InherentAttribute(
                  optional ? name.substring(0, name.length() - 1) : name,
                  entry.substring(colon + 1),
                  optional));
        }
      }
      String nativeField = fields.length > 6 ? fields[6] : "?";
      List<NativeProperty> natives = new ArrayList<>();
      if (!nativeField.equals("-") && !nativeField.equals("?")) {
        for (String entry : nativeField.split(",")) {
          String[] parts = entry.split(":", 3);
          natives.add(new NativeProperty(parts[0], parts[1], parts[2]));
        }
      }
      return new Layout(
          List.copyOf(attributes),
          List.copyOf(natives),
          !nativeField.equals("?"),
          fields[3].equals("-") ? "" : fields[3],
          fields[4].equals("-") ? "" : fields[4]);
    }
  }
}
