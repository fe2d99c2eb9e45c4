package org.mlirlink.workspace;

/**
 * A place in a document: a 1-based line, a 1-based column counted in UTF-16 characters (as the
 * linker's diagnostics and editors count them), and the byte offset in the document's UTF-8 text.
 *
 * <pre>{@code
 * TextPosition at = range.start();
 * int lspLine = at.line() - 1;          // the Language Server Protocol counts from 0
 * int lspCharacter = at.column() - 1;
 * }</pre>
 */
public record TextPosition(int line, int column, long offset) {
  @Override
  public String toString() {
    return line + ":" + column;
  }
}
