package org.mlirlink.resolve;

import org.mlirlink.model.Operation;

/**
 * A symbol-defining op together with the module it belongs to.
 *
 * @param module where it is defined
 * @param op the defining op
 */
public record Definition(SourceModule module, Operation op) {
  /** The symbol's name inside its module. */
  public String localName() {
    return op.symbolName().orElseThrow();
  }

  /** The symbol's name from outside its module ({@code m.sym}). */
  public String qualifiedName() {
    return module.qualify(localName());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Definition d && d.op == op;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(op);
  }
}
