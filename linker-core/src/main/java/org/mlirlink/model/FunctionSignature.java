package org.mlirlink.model;

import java.util.List;

/**
 * A function's type, normalized for comparison: argument and result types with whitespace and
 * comments removed and aliases expanded; argument names, attributes and locations dropped. A tied
 * result ({@code -> %arg0}) counts as the type of the argument it is tied to.
 *
 * <pre>{@code
 * FunctionSignature a = declaration.signature();
 * if (!a.equals(definition.signature())) { ... report a.display() vs b.display() ... }
 * }</pre>
 */
public record FunctionSignature(List<String> argumentTypes, List<String> resultTypes) {
  public FunctionSignature {
    argumentTypes = List.copyOf(argumentTypes);
    resultTypes = List.copyOf(resultTypes);
  }

  /** The MLIR function type, e.g. {@code (tensor<?xf32>, index) -> tensor<?xf32>}. */
  public String display() {
    String args = "(" + String.join(", ", argumentTypes) + ")";
    String results =
        resultTypes.size() == 1 && !resultTypes.get(0).startsWith("(")
            ? resultTypes.get(0)
            : "(" + String.join(", ", resultTypes) + ")";
    return args + " -> " + results;
  }
}
