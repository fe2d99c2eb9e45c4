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
      ops("util.func", "func.func").linkable().visibility(VisibilityPlace.AFTER_OP_NAME).listed()),
  /**
   * {@code flow.executable}, {@code stream.executable}, {@code hal.executable}, {@code
   * hal.executable.source}: linked whole. What their bodies name is their own business (entry
   * points, inner modules), never something to link.
   */
  EXECUTABLE(
      ops("flow.executable", "stream.executable", "hal.executable", "hal.executable.source")
          .linkable()
          .notScannedInside()
          .visibility(VisibilityPlace.AFTER_OP_NAME)),
  /**
   * {@code util.global}: linked from its own module only, together with every initializer there
   * that touches it, so that it starts with the value its module gives it.
   */
  GLOBAL(ops("util.global").linkedWithInitializers().visibility(VisibilityPlace.AFTER_OP_NAME)),
  /** {@code util.initializer}: linked only with a global it touches. */
  INITIALIZER(ops("util.initializer")),
  /** {@code memref.global}: linked like a function; it prints its visibility as a string. */
  MEMREF_GLOBAL(ops("memref.global").linkable().visibility(VisibilityPlace.QUOTED_AFTER_OP_NAME)),
  /**
   * Anything else: kept as text, and linked when something uses its symbol. Whether its {@code
   * op @name} defines {@code @name} is {@link OpTable}'s to say.
   */
  OTHER(ops().linkable());

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

  static {
    for (OpKind kind : values()) {
      kind.rules.opNames.forEach(name -> BY_OP_NAME.put(name, kind));
    }
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

  /** The names of its ops ({@code "util.func"}, {@code "func.func"}; none for {@link #OTHER}). */
  List<String> opNames() {
    return rules.opNames;
  }

  private static Rules ops(String... opNames) {
    return new Rules(List.of(opNames));
  }

  /**
   * One row's rules. Unsaid, an op is not linkable, scanned inside, without initializers, keeps its
   * visibility where it is, and is not listed.
   */
  private static final class Rules {
    final List<String> opNames;
    boolean linkable;
    boolean scannedInside = true;
    boolean linkedWithInitializers;
    VisibilityPlace visibilityPlace = VisibilityPlace.UNKNOWN;
    boolean listed;

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
  }
}
