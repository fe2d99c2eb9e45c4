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
import java.util.function.Consumer;
import org.mlirlink.model.SourceText;

/**
 * The output as a list of pieces: byte ranges of the inputs and small inserted strings. Untouched
 * input (a resource blob of gigabytes, a function body) is referenced, never copied, until the
 * output is written; written to a file, it goes file to file by the kernel.
 *
 * <p>A part of the output can also be made only when it is written ({@link #appendLater}): its
 * pieces then go straight to where the output goes, one after the other, and are never held
 * together. A link of hundreds of thousands of functions would otherwise hold millions of pieces.
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

  // Piece i is sources[i][bounds[2i], bounds[2i+1]), or texts[i] when sources[i] is null: a
  // String, or a part made when written (a Consumer<Output>).
  private final List<SourceText> sources;
  private final List<Object> texts;
  private long[] bounds;
  private long length;

  /** Where pieces go at once, for an output made while it is written; null: they are recorded. */
  private final Sink sink;

  /** An empty output that records what is appended. */
  public Output() {
    this.sources = new ArrayList<>();
    this.texts = new ArrayList<>();
    this.bounds = new long[32];
    this.sink = null;
  }

  /** An output that hands every piece to {@code sink} as it is appended. */
  private Output(Sink sink) {
    this.sources = List.of();
    this.texts = List.of();
    this.bounds = null;
    this.sink = sink;
  }

  /** Appends {@code source[start, end)}, byte offsets. */
  public Output append(SourceText source, long start, long end) {
    if (start == end) {
      return this;
    }
    if (sink != null) {
      sink.range(source, start, end);
      return this;
    }
    add(source, null, start, end);
    length += end - start;
    return this;
  }

  /** Appends a string. */
  public Output append(String text) {
    if (text.isEmpty()) {
      return this;
    }
    if (sink != null) {
      sink.text(text);
      return this;
    }
    add(null, text, 0, 0);
    length += text.length(); // an estimate for non-ASCII text, used only to size buffers
    return this;
  }

  /**
   * Appends what {@code pieces} appends to the output it is given, made each time this output is
   * written and written as it is made. {@code pieces} must append the same each time, and must not
   * fail on input it was made for. {@code estimate} is about how many bytes it makes, to size
   * buffers.
   */
  public Output appendLater(long estimate, Consumer<Output> pieces) {
    if (sink != null) {
      pieces.accept(this);
      return this;
    }
    add(null, pieces, 0, 0);
    length += estimate;
    return this;
  }

  private void add(SourceText source, Object text, long start, long end) {
    int i = sources.size();
    if (bounds.length < 2 * i + 2) {
      bounds = Arrays.copyOf(bounds, bounds.length * 2);
    }
    sources.add(source);
    texts.add(text);
    bounds[2 * i] = start;
    bounds[2 * i + 1] = end;
  }

  /**
   * Where written pieces go. Its methods throw {@link UncheckedIOException} for an I/O error, which
   * {@link #writeAll} turns back into the {@link IOException}: a part made when written appends
   * through {@link Output#append}, which declares none.
   */
  private abstract static class Sink {
    /** The inputs written from, to be closed once the output is written. */
    private final Set<SourceText> read = Collections.newSetFromMap(new IdentityHashMap<>());

    /** The last input written from: consecutive ranges are mostly of one input. */
    private SourceText last;

    final void range(SourceText source, long start, long end) {
      if (source != last) {
        read.add(source);
        last = source;
      }
      try {
        copy(source, start, end);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    final void text(String text) {
      try {
        write(text);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    abstract void copy(SourceText source, long start, long end) throws IOException;

    abstract void write(String text) throws IOException;

    /** Writes what is still held. */
    void finish() throws IOException {}

    /** Closes the input files the pieces were copied from: the output is written. */
    final void releaseSources() {
      for (SourceText source : read) {
        source.release();
      }
    }
  }

  /**
   * Writes every piece in order to {@code sink}, then what it holds, and closes the inputs read
   * (also when writing fails).
   */
  private void writeAll(Sink sink) throws IOException {
    Output streaming = new Output(sink);
    try {
      for (int i = 0; i < sources.size(); i++) {
        SourceText source = sources.get(i);
        if (source != null) {
          sink.range(source, bounds[2 * i], bounds[2 * i + 1]);
        } else if (texts.get(i) instanceof String text) {
          sink.text(text);
        } else {
          @SuppressWarnings("unchecked")
          Consumer<Output> later = (Consumer<Output>) texts.get(i);
          later.accept(streaming);
        }
      }
      sink.finish();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } finally {
      sink.releaseSources();
    }
  }

  /**
   * Writes every piece in order to a channel: input ranges of a file are handed to the kernel
   * ({@code transferTo}), the rest is gathered into a buffer.
   */
  public void writeTo(WritableByteChannel channel) throws IOException {
    writeAll(new ChannelSink(channel));
  }

  /** Gathers small pieces into one buffer; hands large input ranges to the kernel. */
  private static final class ChannelSink extends Sink {
    private final WritableByteChannel channel;
    private final ByteBuffer pending = ByteBuffer.allocate(CHUNK);

    ChannelSink(WritableByteChannel channel) {
      this.channel = channel;
    }

    @Override
    void copy(SourceText source, long start, long end) throws IOException {
      if (end - start >= CHUNK / 4) {
        flush();
        source.copyTo(start, end, channel); // by the kernel for a file
        return;
      }
      if (end - start > pending.remaining()) {
        flush();
      }
      source.copyTo(start, end, pending); // straight from the input's page into the buffer
    }

    @Override
    void write(String text) throws IOException {
      int n = text.length();
      if (n > pending.remaining()) {
        flush();
      }
      if (n <= pending.remaining() && putAscii(text)) {
        return;
      }
      byte[] inserted = text.getBytes(StandardCharsets.UTF_8);
      if (inserted.length > pending.remaining()) {
        flush();
      }
      if (inserted.length <= pending.remaining()) {
        pending.put(inserted);
      } else {
        drain(ByteBuffer.wrap(inserted));
      }
    }

    /**
     * Puts {@code text} into the buffer, which has room for as many bytes as it has characters,
     * when it is ASCII (names and keywords are): without a copy of its bytes for each. False, and
     * nothing put, when it is not.
     */
    private boolean putAscii(String text) {
      byte[] buffer = pending.array();
      int at = pending.arrayOffset() + pending.position();
      for (int i = 0, n = text.length(); i < n; i++) {
        char c = text.charAt(i);
        if (c >= 0x80) {
          return false;
        }
        buffer[at + i] = (byte) c;
      }
      pending.position(pending.position() + text.length());
      return true;
    }

    @Override
    void finish() throws IOException {
      flush();
    }

    private void flush() throws IOException {
      pending.flip();
      drain(pending);
      pending.clear();
    }

    private void drain(ByteBuffer buffer) throws IOException {
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
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
    // A part made when written may be larger than the length known: never a tiny buffer.
    byte[] buffer = new byte[(int) Math.min(1 << 20, Math.max(length, CHUNK))];
    writeAll(
        new Sink() {
          @Override
          void copy(SourceText source, long start, long end) throws IOException {
            source.copyTo(start, end, stream, buffer);
          }

          @Override
          void write(String text) throws IOException {
            stream.write(text.getBytes(StandardCharsets.UTF_8));
          }
        });
  }

  /** Writes every piece in order as text. */
  public void writeTo(Writer writer) throws IOException {
    writeAll(
        new Sink() {
          @Override
          void copy(SourceText source, long start, long end) throws IOException {
            for (long from = start; from < end; ) {
              long to = Math.min(end, from + (1 << 20));
              while (to < end && (source.charAt(to) & 0xC0) == 0x80) {
                to--; // never split a character between two pieces
              }
              writer.write(source.string(from, to));
              from = to;
            }
          }

          @Override
          void write(String text) throws IOException {
            writer.write(text);
          }
        });
  }

  /** The whole text as one string (under 2 GB). */
  @Override
  public String toString() {
    if (length > LARGEST_STRING) {
      throw tooLargeForString();
    }
    ByteArrayOutputStream bytes =
        new ByteArrayOutputStream((int) length) {
          // A part made when written has no known size: the limit is checked as it comes.
          @Override
          public synchronized void write(byte[] b, int off, int len) {
            if (len > LARGEST_STRING - size()) {
              throw tooLargeForString();
            }
            super.write(b, off, len);
          }

          @Override
          public synchronized void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
          }
        };
    try {
      writeTo(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** The most bytes {@link #toString} makes a string of. */
  private static final int LARGEST_STRING = Integer.MAX_VALUE - 16;

  private static IllegalStateException tooLargeForString() {
    return new IllegalStateException("output larger than 2 GiB; use writeTo");
  }
}
