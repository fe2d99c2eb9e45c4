package org.mlirlink.model;

/**
 * A replacement of a span of source text; an empty span inserts.
 *
 * <pre>{@code
 * new TextEdit(use.rootSpan(), "@module_a.compute")
 * }</pre>
 */
public record TextEdit(Span span, String replacement) {}
