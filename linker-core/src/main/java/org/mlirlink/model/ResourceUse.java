package org.mlirlink.model;

/**
 * A {@code dense_resource<key>} use.
 *
 * @param key the resource key
 * @param keySpan the span of the key inside the angle brackets
 */
public record ResourceUse(String key, Span keySpan) {}
