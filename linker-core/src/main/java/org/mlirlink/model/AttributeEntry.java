package org.mlirlink.model;

/**
 * One {@code name = value} (or bare {@code name}) entry of an attribute dictionary.
 *
 * @param name the attribute's name, unquoted
 * @param span the whole entry, name and value
 */
public record AttributeEntry(String name, Span span) {}
