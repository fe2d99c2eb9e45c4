package org.mlirlink.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

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
    Boolean defines = Loaded.DEFINES_SYMBOL.get(opName);
    return defines == null ? Answer.UNKNOWN : defines ? Answer.YES : Answer.NO;
  }

  /** The table, read when it is first asked: the JVM initializes this class once, thread-safely. */
  private static final class Loaded {
    static final Map<String, Boolean> DEFINES_SYMBOL = read();
  }

  /**
   * Each op's name and whether it defines a symbol: the first two fields of each row. The file is
   * ASCII, and read whole: a cold JVM reads it in a few milliseconds this way, several times faster
   * than line by line through a decoder.
   */
  private static Map<String, Boolean> read() {
    String text;
    try (InputStream in = OpTable.class.getResourceAsStream(FILE)) {
      if (in == null) {
        throw new IllegalStateException(FILE + " is missing from the linker's classes");
      }
      text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Boolean> definesSymbol = new HashMap<>(4096);
    int n = text.length();
    for (int start = 0; start < n; ) {
      int end = text.indexOf('\n', start);
      end = end < 0 ? n : end;
      if (end > start && text.charAt(start) != '#') {
        int tab = text.indexOf('\t', start);
        definesSymbol.put(text.substring(start, tab), text.charAt(tab + 1) == 'S');
      }
      start = end + 1;
    }
    return definesSymbol;
  }
}
