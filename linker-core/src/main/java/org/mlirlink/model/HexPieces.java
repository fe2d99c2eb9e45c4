package org.mlirlink.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Where a text built of two sources keeps its bytes: ranges of a file's bytes that the text shows
 * as hex digits (the weights of a bytecode model, which its text writes in hex), and the rest of
 * the text in order. A piece's digits are made only when they are read; the reader's searches jump
 * over them (digits hold no quote, line end or other byte a search looks for), and the writer turns
 * them into digits as it copies them out, so a gigabyte blob is never held, nor written twice.
 */
final class HexPieces {
  /** How much of a piece is turned into digits at a time when it is copied out. */
  private static final int CHUNK = 1 << 20;

  /** How many chunks of a large piece are made ahead of the one being written. */
  private static final int AHEAD = 3;

  private final SourceText plain;
  private final SourceText data;

  /** Where piece k starts in the whole text, where its bytes are in the data, and how many. */
  private final long[] starts;

  private final long[] dataStarts;
  private final long[] dataLengths;

  /** The digits of the pieces before k and of k itself: a whole-text offset less this is plain. */
  private final long[] digitsThrough;

  private final long length;

  HexPieces(SourceText plain, SourceText data, List<SourceText.HexPiece> pieces) {
    this.plain = plain;
    this.data = data;
    int n = pieces.size();
    starts = new long[n];
    dataStarts = new long[n];
    dataLengths = new long[n];
    digitsThrough = new long[n];
    long digits = 0;
    long previousAt = 0;
    for (int k = 0; k < n; k++) {
      SourceText.HexPiece piece = pieces.get(k);
      if (piece.at() < previousAt
          || piece.at() > plain.length()
          || piece.dataStart() < 0
          || piece.dataLength() <= 0
          || piece.dataLength() > data.length() - piece.dataStart()) {
        throw new IllegalArgumentException("piece " + k + " out of order or range: " + piece);
      }
      previousAt = piece.at();
      starts[k] = piece.at() + digits;
      dataStarts[k] = piece.dataStart();
      dataLengths[k] = piece.dataLength();
      digits += 2 * piece.dataLength();
      digitsThrough[k] = digits;
    }
    length = plain.length() + digits;
  }

  long length() {
    return length;
  }

  /** The end of the piece holding {@code offset}, or {@code offset} when it is plain text. */
  long pieceEnd(long offset) {
    int k = lastStartingAtOrBefore(offset);
    return k >= 0 && offset < end(k) ? end(k) : offset;
  }

  /** Where the piece or plain run holding {@code offset} starts. */
  long runStart(long offset) {
    int k = lastStartingAtOrBefore(offset);
    return k < 0 ? 0 : offset < end(k) ? starts[k] : end(k);
  }

  /** Where the piece or plain run holding {@code offset} ends. */
  long runEnd(long offset) {
    int k = lastStartingAtOrBefore(offset);
    return k >= 0 && offset < end(k) ? end(k) : nextStart(k);
  }

  /** Fills {@code into} with the text from {@code position}. */
  void read(ByteBuffer into, long position) {
    while (into.hasRemaining()) {
      int k = lastStartingAtOrBefore(position);
      int n;
      if (k >= 0 && position < end(k)) {
        n = (int) Math.min(into.remaining(), end(k) - position);
        digitsInto(k, position, n, into);
      } else {
        n = (int) Math.min(into.remaining(), nextStart(k) - position);
        ByteBuffer part = into.slice();
        part.limit(n);
        plain.read(plainOffset(k, position), part);
        into.position(into.position() + n);
      }
      position += n;
    }
  }

  /** Writes the text {@code [start, end)} to {@code out}: plain ranges as the plain text copies. */
  void copyTo(long start, long end, WritableByteChannel out) throws IOException {
    for (long p = start; p < end; ) {
      int k = lastStartingAtOrBefore(p);
      if (k >= 0 && p < end(k)) {
        long to = Math.min(end, end(k));
        copyDigits(k, p, to, out);
        p = to;
      } else {
        long to = Math.min(end, nextStart(k));
        long from = plainOffset(k, p);
        plain.copyTo(from, from + (to - p), out);
        p = to;
      }
    }
  }

  boolean changedOnDisk() {
    return plain.changedOnDisk() || data.changedOnDisk();
  }

  void release() {
    plain.release();
    data.release();
  }

  // ------------------------------------------------------------------ layout

  private long end(int k) {
    return starts[k] + 2 * dataLengths[k];
  }

  private long nextStart(int k) {
    return k + 1 < starts.length ? starts[k + 1] : length;
  }

  /** The plain text's offset of a whole-text offset after piece {@code k} (none: -1). */
  private long plainOffset(int k, long offset) {
    return offset - (k >= 0 ? digitsThrough[k] : 0);
  }

  private int lastStartingAtOrBefore(long offset) {
    int low = 0;
    int high = starts.length - 1;
    int found = -1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      if (starts[mid] <= offset) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found;
  }

  // ------------------------------------------------------------------ digits

  /** Puts the {@code n} digits of piece {@code k} from {@code position} into {@code into}. */
  private void digitsInto(int k, long position, int n, ByteBuffer into) {
    long digit = position - starts[k];
    long first = dataStarts[k] + digit / 2;
    int count = (int) ((digit + n + 1) / 2 - digit / 2);
    byte[] bytes = new byte[count];
    data.read(first, ByteBuffer.wrap(bytes));
    byte[] digits = new byte[2 * count];
    Hex.encode(bytes, 0, count, digits, 0);
    into.put(digits, (int) (digit % 2), n);
  }

  /**
   * Writes the digits {@code [from, to)} of piece {@code k} a chunk at a time. A piece of several
   * chunks is read and turned into digits on a second thread while this one writes the chunk
   * before: on the launcher's C1 JIT, making the digits of a gigabyte costs about as long as
   * writing them, and the two overlap on two cores.
   */
  private void copyDigits(int k, long from, long to, WritableByteChannel out) throws IOException {
    if ((from - starts[k]) % 2 != 0) { // a range that starts on a byte's second digit
      writeFully(out, slice(k, from, 1));
      from++;
    }
    long whole = from + (to - from) / 2 * 2;
    long first = dataStarts[k] + (from - starts[k]) / 2;
    long stop = dataStarts[k] + (whole - starts[k]) / 2;
    if (stop - first <= CHUNK) {
      if (stop > first) {
        writeFully(out, new Chunk((int) (stop - first)).fill(first, stop));
      }
    } else {
      copyChunks(first, stop, out);
    }
    if (whole < to) { // and one that ends on a byte's first digit
      writeFully(out, slice(k, whole, 1));
    }
  }

  /** The data {@code [first, stop)} as digits, made one chunk ahead of the writing. */
  private void copyChunks(long first, long stop, WritableByteChannel out) throws IOException {
    ExecutorService maker =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, "hex digits");
              thread.setDaemon(true);
              return thread;
            });
    try {
      // Chunks are made AHEAD chunks in advance: a write that stalls on the page cache does not
      // stall the making, nor the other way round.
      Chunk[] chunks = new Chunk[AHEAD + 1];
      ArrayDeque<Future<ByteBuffer>> made = new ArrayDeque<>();
      long next = first;
      while (true) {
        while (next < stop && made.size() <= AHEAD) {
          long from = next;
          next = Math.min(stop, from + CHUNK);
          int slot = (int) ((from - first) / CHUNK % chunks.length);
          Chunk chunk = chunks[slot] == null ? (chunks[slot] = new Chunk(CHUNK)) : chunks[slot];
          long to = next;
          made.add(maker.submit(() -> chunk.fill(from, to)));
        }
        if (made.isEmpty()) {
          return;
        }
        writeFully(out, await(made.poll()));
      }
    } finally {
      maker.shutdownNow();
    }
  }

  private static ByteBuffer await(Future<ByteBuffer> made) throws IOException {
    try {
      return made.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while writing");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException unchecked) {
        throw unchecked; // the data could not be read: its diagnostic
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IOException(e.getCause());
    }
  }

  /** A chunk's bytes and their digits, reused for every chunk of a piece. */
  private final class Chunk {
    private final byte[] bytes;
    private final byte[] digits;

    Chunk(int size) {
      bytes = new byte[size];
      digits = new byte[2 * size];
    }

    /** The digits of the data {@code [from, to)}, at most a chunk. */
    ByteBuffer fill(long from, long to) {
      int count = (int) (to - from);
      data.read(from, ByteBuffer.wrap(bytes, 0, count));
      Hex.encode(bytes, 0, count, digits, 0);
      return ByteBuffer.wrap(digits, 0, 2 * count);
    }
  }

  private ByteBuffer slice(int k, long position, int n) {
    ByteBuffer digits = ByteBuffer.allocate(n);
    digitsInto(k, position, n, digits);
    return digits.flip();
  }

  private static void writeFully(WritableByteChannel out, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      out.write(buffer);
    }
  }
}
