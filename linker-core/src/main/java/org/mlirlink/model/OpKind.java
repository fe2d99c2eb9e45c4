package org.mlirlink.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a top-level operation is to the linker, with the rules that follow from it. Each kind is one
 * row below carrying everything the reader, the planner and the symbol listing know about its ops,
 * so that teaching the linker a new op takes one row (and a testdata case that pins it).
 */
public enum OpKind {
  /**
   * {@code module} / {@code builtin.module}: its body is read item by item; never linked itself.
   */
  MODULE(ops("module", "builtin.module")),
  /** {@code util.func} or {@code func.func}, in custom or generic form. */
  FUNCTION(
      ops("util.func", "func.func")
          .linkable()
          .keywordsBeforeSymbol(1)
          .visibility(VisibilityPlace.AFTER_OP_NAME)
          .listed()),
  /**
   * {@code flow.executable}, {@code hal.executable}, {@code hal.executable.source}: linked whole.
   * What their bodies name is their own business (entry points, inner modules), never something to
   * link.
   */
  EXECUTABLE(
      ops("flow.executable", "hal.executable", "hal.executable.source")
          .linkable()
          .notScannedInside()
          .keywordsBeforeSymbol(1)
          .visibility(VisibilityPlace.AFTER_OP_NAME)),
  /**
   * {@code util.global}: linked from its own module only, together with every initializer there
   * that touches it, so that it starts with the value its module gives it.
   */
  GLOBAL(
      ops("util.global")
          .linkedWithInitializers()
          .keywordsBeforeSymbol(2)
          .visibility(VisibilityPlace.AFTER_OP_NAME)),
  /** {@code util.initializer}: linked only with a global it touches. */
  INITIALIZER(ops("util.initializer")),
  /** {@code memref.global}: linked like a function; it prints its visibility as a string. */
  MEMREF_GLOBAL(
      ops("memref.global")
          .linkable()
          .keywordsBeforeSymbol(2)
          .visibility(VisibilityPlace.QUOTED_AFTER_OP_NAME)),
  /**
   * Anything else: kept as text, and linked when something uses its symbol. LLVM's globals take up
   * to five words before their symbol ({@code llvm.mlir.global external hidden thread_local
   * unnamed_addr constant @x}).
   */
  OTHER(ops().linkable().keywordsBeforeSymbol(6));

  /** Where an op's custom form writes its visibility keyword when it has none yet. */
  public enum VisibilityPlace {
    /** Right after the op name ({@code util.global private mutable @x}). */
    AFTER_OP_NAME,
    /** Right after the op name, as a string ({@code memref.global "private" constant @x}). */
    QUOTED_AFTER_OP_NAME,
    /**
     * Not known here: such an op keeps the visibility it has (a public symbol links as well as a
     * private one).
     */
    UNKNOWN
  }

  private static final Map<String, OpKind> BY_OP_NAME = new HashMap<>();
  private static final int MAX_KEYWORDS_BEFORE_SYMBOL;

  static {
    int most = 0;
    for (OpKind kind : values()) {
      kind.rules.opNames.forEach(name -> BY_OP_NAME.put(name, kind));
      most = Math.max(most, kind.rules.keywordsBeforeSymbol);
    }
    MAX_KEYWORDS_BEFORE_SYMBOL = most;
  }

  private final Rules rules;

  OpKind(Rules rules) {
    this.rules = rules;
  }

  /** The kind of an op by its name ({@code "util.func"}, {@code "module"}, ...). */
  public static OpKind ofOpName(String opName) {
    return BY_OP_NAME.getOrDefault(opName, OTHER);
  }

  /**
   * Whether a definition of this kind is offered to other modules by its name, and linked when
   * something uses it. A global is not: it comes only with what its own module links.
   */
  public boolean isLinkable() {
    return rules.linkable;
  }

  /** Whether the symbols its body uses are dependencies of the op (false: linked whole). */
  public boolean isScannedInside() {
    return rules.scannedInside;
  }

  /** Whether it is a global linked with the initializers of its module that touch it. */
  public boolean isLinkedWithInitializers() {
    return rules.linkedWithInitializers;
  }

  /** Where its custom form writes a visibility keyword. */
  public VisibilityPlace visibilityPlace() {
    return rules.visibilityPlace;
  }

  /** Whether {@code --list-symbols} lists its public definitions. */
  public boolean isListed() {
    return rules.listed;
  }

  /**
   * How many bare words any op may write between its name and its symbol: the most any kind takes.
   * One bound for every op, because an op of no known kind may take as many as the most demanding
   * one.
   */
  public static int maxKeywordsBeforeSymbol() {
    return MAX_KEYWORDS_BEFORE_SYMBOL;
  }

  private static Rules ops(String... opNames) {
    return new Rules(List.of(opNames));
  }

  /**
   * One row's rules. Unsaid, an op is not linkable, scanned inside, without initializers, keeps its
   * visibility where it is, is not listed and writes no word before its symbol.
   */
  private static final class Rules {
    final List<String> opNames;
    boolean linkable;
    boolean scannedInside = true;
    boolean linkedWithInitializers;
    VisibilityPlace visibilityPlace = VisibilityPlace.UNKNOWN;
    boolean listed;
    int keywordsBeforeSymbol;

    Rules(List<String> opNames) {
      this.opNames = opNames;
    }

    Rules linkable() {
      linkable = true;
      return this;
    }

    Rules notScannedInside() {
      scannedInside = false;
      return this;
    }

    Rules linkedWithInitializers() {
      linkedWithInitializers = true;
      return this;
    }

    Rules visibility(VisibilityPlace place) {
      visibilityPlace = place;
      return this;
    }

    Rules listed() {
      listed = true;
      return this;
    }

    Rules keywordsBeforeSymbol(int count) {
      keywordsBeforeSymbol = count;
      return this;
    }
  }
}
