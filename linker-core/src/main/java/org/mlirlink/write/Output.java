package org.mlirlink.write;

import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.mlirlink.model.SourceText;

/**
 * The output as a list of pieces: byte ranges of the inputs and small inserted strings. Untouched
 * input (a resource blob of gigabytes, a function body) is referenced, never copied, until the
 * output is written; written to a file, it goes file to file by the kernel.
 *
 * <pre>{@code
 * Output out = new Output();
 * out.append(source, 0, 120);
 * out.append("@module_a.compute");
 * out.writeTo(stream);
 * }</pre>
 */
public final class Output {
  /** Inserted text is gathered into writes of this size; ranges above it go to the kernel. */
  private static final int CHUNK = 1 << 16;

  // Piece i is sources[i][bounds[2i], bounds[2i+1]), or strings[i] when sources[i] is null.
  private final List<SourceText> sources = new ArrayList<>();
  private final List<String> strings = new ArrayList<>();
  private long[] bounds = new long[32];
  private long length;

  /** Appends {@code source[start, end)}, byte offsets. */
  public Output append(SourceText source, long start, long end) {
    if (start == end) {
      return this;
    }
    add(source, null, start, end);
    length += end - start;
    return this;
  }

  /** Appends a string. */
  public Output append(String text) {
    if (!text.isEmpty()) {
      add(null, text, 0, 0);
      length += text.length(); // an estimate for non-ASCII text, used only to size buffers
    }
    return this;
  }

  private void add(SourceText source, String text, long start, long end) {
    int i = sources.size();
    if (bounds.length < 2 * i + 2) {
      bounds = Arrays.copyOf(bounds, bounds.length * 2);
    }
    sources.add(source);
    strings.add(text);
    bounds[2 * i] = start;
    bounds[2 * i + 1] = end;
  }

  /**
   * Writes every piece in order to a channel: input ranges of a file are handed to the kernel
   * ({@code transferTo}), the rest is gathered into a buffer.
   */
  public void writeTo(WritableByteChannel channel) throws IOException {
    try {
      writePieces(channel);
    } finally {
      releaseSources();
    }
  }

  /** Closes the input files the pieces were copied from: the output is written. */
  private void releaseSources() {
    Set<SourceText> released = Collections.newSetFromMap(new IdentityHashMap<>());
    for (SourceText source : sources) {
      if (source != null && released.add(source)) {
        source.release();
      }
    }
  }

  private void writePieces(WritableByteChannel channel) throws IOException {
    ByteBuffer pending = ByteBuffer.allocate(CHUNK);
    for (int i = 0; i < sources.size(); i++) {
      SourceText source = sources.get(i);
      long start = bounds[2 * i];
      long end = bounds[2 * i + 1];
      if (source != null && end - start >= CHUNK / 4) {
        flush(pending, channel);
        source.copyTo(start, end, channel); // by the kernel for a file
        continue;
      }
      byte[] inserted = source == null ? strings.get(i).getBytes(StandardCharsets.UTF_8) : null;
      int n = inserted != null ? inserted.length : (int) (end - start);
      if (n > pending.remaining()) {
        flush(pending, channel);
      }
      if (inserted == null) {
        source.copyTo(start, end, pending); // straight from the input's page into the buffer
      } else if (n <= pending.remaining()) {
        pending.put(inserted);
      } else {
        drain(ByteBuffer.wrap(inserted), channel);
      }
    }
    flush(pending, channel);
  }

  private static void flush(ByteBuffer pending, WritableByteChannel channel) throws IOException {
    pending.flip();
    drain(pending, channel);
    pending.clear();
  }

  private static void drain(ByteBuffer buffer, WritableByteChannel channel) throws IOException {
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  /**
   * Writes every piece in order as bytes. A {@link FileOutputStream} is written through its channel
   * (file ranges by the kernel); any other stream through a buffer.
   */
  public void writeTo(OutputStream stream) throws IOException {
    if (stream instanceof FileOutputStream file) {
      writeTo(file.getChannel());
      return;
    }
    byte[] buffer = new byte[(int) Math.min(1 << 20, Math.max(length, 1))];
    try {
      for (int i = 0; i < sources.size(); i++) {
        SourceText source = sources.get(i);
        if (source == null) {
          stream.write(strings.get(i).getBytes(StandardCharsets.UTF_8));
        } else {
          source.copyTo(bounds[2 * i], bounds[2 * i + 1], stream, buffer);
        }
      }
    } finally {
      releaseSources();
    }
  }

  /** Writes every piece in order as text. */
  public void writeTo(Writer writer) throws IOException {
    for (int i = 0; i < sources.size(); i++) {
      SourceText source = sources.get(i);
      if (source == null) {
        writer.write(strings.get(i));
      } else {
        for (long from = bounds[2 * i]; from < bounds[2 * i + 1]; ) {
          long to = Math.min(bounds[2 * i + 1], from + (1 << 20));
          while (to < bounds[2 * i + 1] && (source.charAt(to) & 0xC0) == 0x80) {
            to--; // never split a character between two pieces
          }
          writer.write(source.string(from, to));
          from = to;
        }
      }
    }
  }

  /** The whole text as one string (under 2 GB). */
  @Override
  public String toString() {
    if (length > Integer.MAX_VALUE - 16) {
      throw new IllegalStateException("output larger than 2 GiB; use writeTo");
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) length);
    try {
      writeTo(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
