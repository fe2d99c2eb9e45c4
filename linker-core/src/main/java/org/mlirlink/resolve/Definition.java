package org.mlirlink.resolve;

import java.util.NoSuchElementException;
import org.mlirlink.model.Operation;

/**
 * A symbol-defining op together with the module it belongs to. The {@link SymbolIndex} makes one
 * for each definition of the modules it indexes and numbers them densely, so that a link keeps what
 * it knows about each in arrays rather than in maps keyed by definitions.
 */
public final class Definition {
  private final SourceModule module;
  private final Operation op;
  private final String localName;
  private final int id;

  /** {@code qualifiedName().hashCode()}, without building the name; 0 without a name. */
  private final int qualifiedHash;

  /**
   * @param id the definition's number in its index, or -1 when no index numbered it (an
   *     initializer, which has no name)
   */
  Definition(SourceModule module, Operation op, int id) {
    this.module = module;
    this.op = op;
    this.localName = op.symbolNameOrNull();
    this.id = id;
    this.qualifiedHash = localName == null ? 0 : DefinitionTable.qualifiedHash(module, localName);
  }

  /** Where it is defined. */
  public SourceModule module() {
    return module;
  }

  /** The defining op. */
  public Operation op() {
    return op;
  }

  /** The symbol's name inside its module. */
  public String localName() {
    if (localName == null) {
      throw new NoSuchElementException("No value present");
    }
    return localName;
  }

  /** The symbol's name from outside its module ({@code m.sym}). */
  public String qualifiedName() {
    return module.qualify(localName());
  }

  /** The symbol's name inside its module, or null for an op without one. */
  String localNameOrNull() {
    return localName;
  }

  /** The hash of its qualified name, as {@link String#hashCode} would give it. */
  int qualifiedHash() {
    return qualifiedHash;
  }

  /** Its number in the index that made it, or -1. */
  int id() {
    return id;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Definition d && d.op == op;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(op);
  }

  @Override
  public String toString() {
    return "Definition[module=" + module + ", op=" + op + "]";
  }
}
