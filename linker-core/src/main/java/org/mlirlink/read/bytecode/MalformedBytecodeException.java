package org.mlirlink.read.bytecode;

/**
 * Bytecode that does not read: truncated, a bad magic number, a section of an unknown kind or one
 * whose contents do not fill it exactly. It says where, as a byte offset into the file, since a
 * binary file has no lines.
 */
public final class MalformedBytecodeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long offset;

  /** Whether {@link #offset} is the file's already, not one of bytes held without resources. */
  private final boolean fileOffset;

  /** The section the offset is in, once known. */
  private String section;

  MalformedBytecodeException(long offset, String message) {
    this(offset, message, false);
  }

  private MalformedBytecodeException(long offset, String message, boolean fileOffset) {
    super(message);
    this.offset = offset;
    this.fileOffset = fileOffset;
  }

  /** Whether the offset is the file's (not one of bytes held without the file's resources). */
  boolean isFileOffset() {
    return fileOffset;
  }

  /** An error at an offset of the file itself (in resources that are not held in memory). */
  static MalformedBytecodeException inFile(long offset, String message) {
    return new MalformedBytecodeException(offset, message, true);
  }

  /** The byte of the file at which reading failed. */
  public long offset() {
    return offset;
  }

  /** This error at {@code fileOffset} of the file, unless its offset is the file's already. */
  MalformedBytecodeException at(long fileOffset) {
    if (this.fileOffset || fileOffset == offset) {
      return this;
    }
    MalformedBytecodeException moved =
        new MalformedBytecodeException(fileOffset, getMessage(), true);
    moved.section = section;
    return moved;
  }

  /** The section the offset is in ({@code "the IR section"}), or null when it is in none. */
  public String section() {
    return section;
  }

  /** This error, saying which section of {@code structure}'s file its offset is in. */
  MalformedBytecodeException in(BytecodeStructure structure) {
    if (section == null && !fileOffset) {
      for (BytecodeStructure.Section s : BytecodeStructure.Section.values()) {
        int[] extent = structure.extent(s);
        if (extent.length > 0 && offset >= extent[0] && offset < extent[1]) {
          section = "the " + s.displayName() + " section";
        }
      }
    }
    return this;
  }
}
