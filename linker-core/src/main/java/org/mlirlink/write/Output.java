package org.mlirlink.write;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.mlirlink.model.SourceText;

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
  private static final int CHUNK = 1 << 20;

  private final List<String> bases = new ArrayList<>();
  private final BitSet asciiPieces = new BitSet();
  private int[] bounds = new int[32];
  private long length;

  /** Appends {@code text[start, end)}. */
  public Output append(String text, int start, int end) {
    if (start == end) {
      return this;
    }
    int i = bases.size();
    if (bounds.length < 2 * i + 2) {
      bounds = Arrays.copyOf(bounds, bounds.length * 2);
    }
    bases.add(text);
    bounds[2 * i] = start;
    bounds[2 * i + 1] = end;
    length += end - start;
    return this;
  }

  /** Appends {@code source[start, end)}, remembering whether it is known to be ASCII. */
  public Output append(SourceText source, int start, int end) {
    int piece = bases.size();
    append(source.text(), start, end);
    if (source.isKnownAscii() && bases.size() > piece) {
      asciiPieces.set(piece);
    }
    return this;
  }

  public Output append(String text) {
    return append(text, 0, text.length());
  }

  /** Writes every piece in order. */
  public void writeTo(Writer writer) throws IOException {
    for (int i = 0; i < bases.size(); i++) {
      writer.write(bases.get(i), bounds[2 * i], bounds[2 * i + 1] - bounds[2 * i]);
    }
  }

  /**
   * Writes every piece as UTF-8. Pieces of ASCII sources are copied as bytes in large chunks (an
   * array copy), which is several times faster than a character encoder on large outputs.
   */
  @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int) copies ASCII exactly
  public void writeTo(OutputStream stream) throws IOException {
    byte[] buffer = new byte[(int) Math.min(CHUNK, Math.max(length, 1))];
    for (int i = 0; i < bases.size(); i++) {
      String base = bases.get(i);
      int start = bounds[2 * i];
      int end = bounds[2 * i + 1];
      if (asciiPieces.get(i)) {
        for (int from = start; from < end; from += CHUNK) {
          int to = Math.min(end, from + CHUNK);
          base.getBytes(from, to, buffer, 0);
          stream.write(buffer, 0, to - from);
        }
      } else {
        for (int from = start; from < end; ) {
          int to = Math.min(end, from + CHUNK);
          if (to < end && Character.isHighSurrogate(base.charAt(to - 1))) {
            to--; // never split a surrogate pair between two chunks
          }
          stream.write(base.substring(from, to).getBytes(StandardCharsets.UTF_8));
          from = to;
        }
      }
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
