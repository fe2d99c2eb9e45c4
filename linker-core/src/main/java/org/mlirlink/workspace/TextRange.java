package org.mlirlink.workspace;

/**
 * A stretch of a document, from {@code start} up to (not including) {@code end}.
 *
 * <pre>{@code
 * TextRange name = symbol.selection();   // the @name token of a definition
 * String shown = name.start() + "-" + name.end();   // "12:20-12:31"
 * }</pre>
 */
public record TextRange(TextPosition start, TextPosition end) {
  /**
   * Whether the position {@code line:column} lies in this range (its end included).
   *
   * @param line a 1-based line
   * @param column a 1-based column
   * @return true when the position is between the start and the end, both included
   */
  public boolean contains(int line, int column) {
    return compare(start, line, column) <= 0 && compare(end, line, column) >= 0;
  }

  private static int compare(TextPosition at, int line, int column) {
    return at.line() != line
        ? Integer.compare(at.line(), line)
        : Integer.compare(at.column(), column);
  }

  @Override
  public String toString() {
    return start + "-" + end;
  }
}
