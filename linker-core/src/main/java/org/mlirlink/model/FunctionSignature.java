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

  // Spelled out: a record's own equals is linked at its first call by a bootstrap that spins a
  // class, 15 ms on a cold JVM, on the path of every link that checks a declaration's type.
  @Override
  public boolean equals(Object other) {
    return other instanceof FunctionSignature that
        && argumentTypes.equals(that.argumentTypes)
        && resultTypes.equals(that.resultTypes);
  }

  @Override
  public int hashCode() {
    return 31 * argumentTypes.hashCode() + resultTypes.hashCode();
  }

  /**
   * The MLIR function type for messages, e.g. {@code (tensor<?xf32>, index) -> tensor<?xf32>}; a
   * type of more than {@value #SHOWN_TYPE} characters is shown by its start and end.
   */
  public String display() {
    String args = "(" + String.join(", ", shown(argumentTypes)) + ")";
    String results =
        resultTypes.size() == 1 && !resultTypes.get(0).startsWith("(")
            ? shown(resultTypes).get(0)
            : "(" + String.join(", ", shown(resultTypes)) + ")";
    return args + " -> " + results;
  }

  private static final int SHOWN_TYPE = 120;

  private static List<String> shown(List<String> types) {
    return types.stream()
        .map(
            t ->
                t.length() <= SHOWN_TYPE
                    ? t
                    : t.substring(0, SHOWN_TYPE / 2)
                        + "..."
                        + t.substring(t.length() - SHOWN_TYPE / 2))
        .toList();
  }
}
