package org.mlirlink.model;

/**
 * A use of an attribute or type alias such as {@code #map} or {@code !t}.
 *
 * @param name the alias with its sigil, e.g. {@code #map}
 * @param span the span of the token
 */
public record AliasUse(String name, Span span) {}
