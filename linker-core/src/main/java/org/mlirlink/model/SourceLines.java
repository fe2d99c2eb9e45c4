package org.mlirlink.model;

import org.mlirlink.diagnostic.SourceLocation;

/**
 * A text a diagnostic can point into: where an offset is (file, line, column) and what that line
 * says. The reader's source texts are such texts.
 *
 * <pre>{@code
 * Diagnostics.error(source, offset, "unexpected '}'");   // source: any SourceLines
 * }</pre>
 */
public interface SourceLines {
  /** The file, 1-based line and 1-based column of a byte offset. */
  SourceLocation locationOf(long offset);

  /** The text of a 1-based line, without its line break. */
  String lineText(int line);
}
