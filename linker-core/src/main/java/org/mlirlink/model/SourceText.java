package org.mlirlink.model;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * The full text of one input and the name it is reported under. Lines are counted only when a
 * location is asked for, and only as far as it, so reading a large file costs nothing for them.
 *
 * <pre>{@code
 * SourceText source = new SourceText("main.mlir", text);
 * SourceLocation at = source.locationOf(42);   // main.mlir:3:7
 * }</pre>
 */
public final class SourceText {
  private final String name;
  private final String text;
  private final boolean ascii;
  // Where locationOf stopped counting lines last time.
  private int scannedOffset;
  private int scannedLine;
  private int scannedLineStart;

  public SourceText(String name, String text) {
    this(name, text, false);
  }

  /**
   * A text known to be pure ASCII (for example, decoded from a file whose byte count equals its
   * character count), which lets the writer copy it out as bytes without encoding.
   */
  public SourceText(String name, String text, boolean knownAscii) {
    this.name = checkNotNull(name, "name");
    this.text = checkNotNull(text, "text");
    this.ascii = knownAscii;
  }

  /** True when the text is known to hold only ASCII characters (false: unknown or not). */
  public boolean isKnownAscii() {
    return ascii;
  }

  public String name() {
    return name;
  }

  public String text() {
    return text;
  }

  public int length() {
    return text.length();
  }

  /**
   * The line and column of a character offset (the end of the text is a valid offset). Counts
   * lines only up to the offset, continuing from the previous answer when it lies further on, so
   * naming the place of an op near the start of a 500 MB file costs nothing.
   */
  public synchronized SourceLocation locationOf(int offset) {
    if (offset < scannedOffset) {
      scannedOffset = 0;
      scannedLine = 0;
      scannedLineStart = 0;
    }
    int line = scannedLine;
    int lineStart = scannedLineStart;
    for (int newline = text.indexOf('\n', scannedOffset);
        newline >= 0 && newline < offset;
        newline = text.indexOf('\n', newline + 1)) {
      line++;
      lineStart = newline + 1;
    }
    scannedOffset = offset;
    scannedLine = line;
    scannedLineStart = lineStart;
    return new SourceLocation(name, line + 1, offset - lineStart + 1, offset);
  }

  /** The text of a 1-based line, without its line ending. */
  public String lineText(int line) {
    int start = 0;
    for (int i = 1; i < line; i++) {
      start = text.indexOf('\n', start) + 1;
    }
    int end = text.indexOf('\n', start);
    end = end < 0 ? text.length() : end;
    while (end > start && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
      end--;
    }
    return text.substring(start, end);
  }

  @Override
  public String toString() {
    return name;
  }
}
