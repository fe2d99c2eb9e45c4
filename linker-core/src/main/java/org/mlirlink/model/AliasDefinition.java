package org.mlirlink.model;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A top-level alias definition such as {@code #map = affine_map<(d0) -> (d0)>} or {@code !t =
 * tensor<4xf32>}.
 *
 * @param name the alias with its sigil ({@code #map})
 * @param range the whole definition
 * @param valueSpan the value after {@code =}
 * @param normalizedValue the value with whitespace and comments removed, for comparing two
 *     definitions
 * @param aliasUses other aliases the value refers to
 * @param symbolUses the symbols the value names ({@code #callee = @h})
 * @param resourceUses the resources the value names ({@code #w = dense_resource<blob> : ...})
 */
public record AliasDefinition(
    String name,
    Span range,
    Span valueSpan,
    String normalizedValue,
    List<AliasUse> aliasUses,
    List<SymbolUse> symbolUses,
    List<ResourceUse> resourceUses)
    implements TopLevelItem {
  public AliasDefinition {
    aliasUses = List.copyOf(aliasUses);
    symbolUses = List.copyOf(symbolUses);
    resourceUses = List.copyOf(resourceUses);
  }

  /** Where the name is written: the definition starts with it. */
  public Span nameSpan() {
    return new Span(range.start(), range.start() + name.getBytes(StandardCharsets.UTF_8).length);
  }
}
