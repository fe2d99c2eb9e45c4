package org.mlirlink.workspace;

/**
 * One edit of a document: the text in {@code range} becomes {@code newText}.
 *
 * <pre>{@code
 * Map<Path, List<Replacement>> edits = workspace.rename(file, 12, 20, "swiglu_v2");
 * }</pre>
 */
public record Replacement(TextRange range, String newText) {}
