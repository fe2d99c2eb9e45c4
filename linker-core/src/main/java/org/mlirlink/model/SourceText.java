package org.mlirlink.model;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;

/**
 * The full text of one input and the name it is reported under. Line starts are computed only
 * when a location is first asked for, so reading a large file that has no errors never pays for
 * them.
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
  private volatile int[] lineStarts;

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

  /** The line and column of a character offset (the end of the text is a valid offset). */
  public SourceLocation locationOf(int offset) {
    int[] starts = lineStarts();
    int index = Arrays.binarySearch(starts, offset);
    int line = index >= 0 ? index : -index - 2;
    return new SourceLocation(name, line + 1, offset - starts[line] + 1, offset);
  }

  /** The text of a 1-based line, without its line ending. */
  public String lineText(int line) {
    int[] starts = lineStarts();
    int start = starts[line - 1];
    int end = line < starts.length ? starts[line] : text.length();
    while (end > start && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
      end--;
    }
    return text.substring(start, end);
  }

  private int[] lineStarts() {
    int[] starts = lineStarts;
    if (starts == null) {
      int count = 1;
      for (int i = 0; i < text.length(); i++) {
        if (text.charAt(i) == '\n') {
          count++;
        }
      }
      starts = new int[count];
      int line = 1;
      for (int i = 0; i < text.length(); i++) {
        if (text.charAt(i) == '\n') {
          starts[line++] = i + 1;
        }
      }
      lineStarts = starts;
    }
    return starts;
  }

  @Override
  public String toString() {
    return name;
  }
}
