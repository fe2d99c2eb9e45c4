package org.mlirlink.read.bytecode;

/**
 * Bytecode that does not read: truncated, a bad magic number, a section of an unknown kind or one
 * whose contents do not fill it exactly. It says where, as a byte offset into the file, since a
 * binary file has no lines.
 */
public final class MalformedBytecodeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long offset;

  MalformedBytecodeException(long offset, String message) {
    super(message);
    this.offset = offset;
  }

  /** The byte of the file at which reading failed. */
  public long offset() {
    return offset;
  }
}
