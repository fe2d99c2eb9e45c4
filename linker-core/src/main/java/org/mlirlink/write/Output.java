package org.mlirlink.write;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * The output text as a list of pieces of the input texts and small inserted strings. Untouched
 * input (a 50 MB resource blob, a function body) is referenced, never copied, until the output is
 * written.
 *
 * <pre>{@code
 * Output out = new Output();
 * out.append(source.text(), 0, 120);
 * out.append("@module_a.compute");
 * out.writeTo(writer);
 * }</pre>
 */
public final class Output {
  private final List<String> bases = new ArrayList<>();
  private int[] bounds = new int[32];
  private long length;

  /** Appends {@code text[start, end)}. */
  public Output append(String text, int start, int end) {
    if (start == end) {
      return this;
    }
    int i = bases.size();
    if (bounds.length < 2 * i + 2) {
      bounds = java.util.Arrays.copyOf(bounds, bounds.length * 2);
    }
    bases.add(text);
    bounds[2 * i] = start;
    bounds[2 * i + 1] = end;
    length += end - start;
    return this;
  }

  public Output append(String text) {
    return append(text, 0, text.length());
  }

  /** The number of characters. */
  public long length() {
    return length;
  }

  /** Writes every piece in order. */
  public void writeTo(Writer writer) throws IOException {
    for (int i = 0; i < bases.size(); i++) {
      writer.write(bases.get(i), bounds[2 * i], bounds[2 * i + 1] - bounds[2 * i]);
    }
  }

  /** The whole text as one string. */
  @Override
  public String toString() {
    if (bases.size() == 1 && bounds[0] == 0 && bounds[1] == bases.get(0).length()) {
      return bases.get(0);
    }
    if (length > Integer.MAX_VALUE - 16) {
      throw new IllegalStateException("output larger than 2 GiB; use writeTo");
    }
    StringBuilder out = new StringBuilder((int) length);
    for (int i = 0; i < bases.size(); i++) {
      out.append(bases.get(i), bounds[2 * i], bounds[2 * i + 1]);
    }
    return out.toString();
  }

}
