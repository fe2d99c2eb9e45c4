package org.mlirlink.model;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import org.mlirlink.diagnostic.SourceLines;
import org.mlirlink.diagnostic.SourceLocation;

/**
 * The full text of one input and the name it is reported under. Lines are counted only when a
 * location is asked for, and only as far as it, so reading a large file costs nothing for them.
 *
 * <pre>{@code
 * SourceText source = new SourceText("main.mlir", text);
 * SourceLocation at = source.locationOf(42);   // main.mlir:3:7
 * }</pre>
 */
public final class SourceText implements SourceLines {
  private final String name;
  private final String text;
  private final boolean ascii;
  // Where lines start, found lazily: lineStarts[0, lines) holds every line start up to scannedTo.
  private int[] lineStarts = {0};
  private int lines = 1;
  private int scannedTo;

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
   * The line and column of a character offset (the end of the text is a valid offset). Lines are
   * counted only up to the furthest offset asked for, so naming the place of an op near the start
   * of a 500 MB file costs nothing; offsets before that are found by binary search, so asking in
   * any order costs the same.
   */
  @Override
  public synchronized SourceLocation locationOf(int offset) {
    scanTo(offset);
    int low = 0;
    int high = lines - 1;
    while (low < high) { // the last line starting at or before offset
      int mid = (low + high + 1) >>> 1;
      if (lineStarts[mid] <= offset) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return new SourceLocation(name, low + 1, offset - lineStarts[low] + 1, offset);
  }

  /** The text of a 1-based line, without its line ending. */
  @Override
  public synchronized String lineText(int line) {
    if (line > lines) {
      scanTo(text.length());
    }
    int start = lineStarts[Math.min(line, lines) - 1];
    int end = text.indexOf('\n', start);
    end = end < 0 ? text.length() : end;
    while (end > start && text.charAt(end - 1) == '\r') {
      end--;
    }
    return text.substring(start, end);
  }

  /** Records the start of every line that begins at or before {@code offset}. */
  private void scanTo(int offset) {
    if (offset <= scannedTo) {
      return;
    }
    for (int newline = text.indexOf('\n', scannedTo);
        newline >= 0 && newline < offset;
        newline = text.indexOf('\n', newline + 1)) {
      if (lines == lineStarts.length) {
        lineStarts = Arrays.copyOf(lineStarts, 2 * lines);
      }
      lineStarts[lines++] = newline + 1;
    }
    scannedTo = offset;
  }

  @Override
  public String toString() {
    return name;
  }
}
