package org.mlirlink.diagnostic;

/**
 * A place in a source file: its name as the user gave it, a 1-based line and a 1-based column
 * (counted in characters), and the byte offset it came from.
 *
 * <pre>{@code
 * SourceLocation at = source.locationOf(offset);
 * String prefix = at.file() + ":" + at.line() + ":" + at.column();
 * }</pre>
 */
public record SourceLocation(String file, int line, int column, long offset) {
  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
