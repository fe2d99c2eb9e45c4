package org.mlirlink.model;

import java.util.List;

/**
 * One symbol reference in the text: {@code @name}, {@code @"quoted name"} or a nested reference
 * {@code @root::@leaf}. Only the root names a top-level symbol, so only the root is ever renamed.
 *
 * @param root the root symbol's name, unquoted ({@code @"a b"} gives {@code a b})
 * @param rootSpan the span of the root token, {@code @} included
 * @param nested the names after {@code ::}, in order
 */
public record SymbolUse(String root, Span rootSpan, List<String> nested) {
  public SymbolUse {
    nested = List.copyOf(nested);
  }
}
