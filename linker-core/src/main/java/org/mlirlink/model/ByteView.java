package org.mlirlink.model;

/**
 * Bytes of a source read one at a time: the source itself (random access) or a reader's cursor over
 * it (sequential), so that a check written once serves both.
 */
public interface ByteView {
  /** The byte at {@code offset} as a character (an ASCII byte is its character). */
  char charAt(long offset);
}
