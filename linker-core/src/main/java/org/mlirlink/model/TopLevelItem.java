package org.mlirlink.model;

/**
 * One item at the top level of a file or of a module body: an operation, an alias definition or the
 * file's resource section. The text between items (blank lines, comments) belongs to no item and is
 * kept as it is by the writer.
 */
public sealed interface TopLevelItem permits Operation, AliasDefinition, ResourceSection {
  /** The item's exact source range, from its first to its last character. */
  Span range();
}
