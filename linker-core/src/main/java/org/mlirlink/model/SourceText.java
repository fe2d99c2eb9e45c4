package org.mlirlink.model;

import static com.google.common.base.Preconditions.checkNotNull;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import org.mlirlink.diagnostic.Diagnostic;
import org.mlirlink.diagnostic.DiagnosticException;
import org.mlirlink.diagnostic.SourceLocation;

/**
 * The UTF-8 bytes of one input and the name it is reported under. Offsets are byte offsets, as
 * {@code long}s: a file may be larger than 2 GB.
 *
 * <p>A text is either held in memory (a string, standard input) or a file that is never held whole:
 * the reader goes through it a window at a time with a {@link Cursor}, small pieces (names,
 * headers) are read when asked for, and the writer copies untouched ranges file to file ({@link
 * #copyTo(long, long, WritableByteChannel)}). A file is checked to be unchanged whenever it is read
 * again, so a file edited during a link is an error rather than a mixed output.
 *
 * <p>Lines are counted only when a location is asked for, and only as far as it; columns count
 * characters (UTF-16 units), not bytes.
 *
 * <pre>{@code
 * SourceText source = new SourceText("main.mlir", text);
 * SourceLocation at = source.locationOf(42);        // main.mlir:3:7
 * SourceText big = SourceText.open("weights.mlir", Path.of("weights.mlir"));
 * String name = big.string(10, 14);                 // four bytes, decoded
 * }</pre>
 */
public final class SourceText implements SourceLines, ByteView {
  /** How much of a file a cursor holds at a time. */
  static final int WINDOW = 1 << 20;

  /** The window of the cursor that counts lines, kept with the text while it lives. */
  private static final int LINE_WINDOW = 1 << 16;

  /** How much a cursor keeps before the offset it moves to, for the reader's short look-backs. */
  private static final int LOOK_BEHIND = 1 << 16;

  /** The unit of random reads (names, headers, line text), and how many are kept per file. */
  private static final int PAGE = 1 << 12;

  private static final int PAGE_SLOTS = 64;

  /** Longer lines are shown in diagnostics only up to this many bytes. */
  private static final int LONGEST_SHOWN_LINE = 1 << 20;

  private final String name;
  private final long length;
  private final byte[] bytes; // in memory: the whole text; null for a file

  /** Known to be valid UTF-8: a string's bytes, or once a cursor has checked every byte. */
  private volatile boolean checked;

  private final Path path;
  private final FileTime modified;

  /** For a text with hex pieces: where its bytes are (see {@link #withHex}); else null. */
  private final HexPieces pieces;

  /** A file's last random-read page: immutable, so a reader needs no lock to use it. */
  private record Page(long start, byte[] bytes) {
    boolean holds(long offset) {
      return offset >= start && offset - start < bytes.length;
    }
  }

  /** Recently read pages of a file, each in the slot its page number picks. */
  private final Page[] pages = new Page[PAGE_SLOTS];

  /** Every this many lines, the start of the next is kept: a 13 MB file's marks take 32 KB. */
  private static final int LINES_PER_MARK = 64;

  // Lines counted lazily: `lines` lines begin at or before scannedTo, and marks[k] is where line
  // 64k + 1 starts.
  private long[] marks = {0};
  private long lines = 1;
  private long scannedTo;
  private Cursor lineCursor;

  // The last place asked for: its offset, line and line start.
  private long lastAsked = Long.MAX_VALUE;
  private long lastLine;
  private long lastLineStart;

  /** A string as the text of an input. */
  public SourceText(String name, String text) {
    this(name, checkNotNull(text, "text").getBytes(UTF_8), true);
  }

  private SourceText(String name, byte[] bytes, boolean checked) {
    this.name = checkNotNull(name, "name");
    this.bytes = bytes;
    this.length = bytes.length;
    this.checked = checked;
    this.path = null;
    this.modified = null;
    this.pieces = null;
  }

  private SourceText(String name, Path path, long length, FileTime modified) {
    this.name = name;
    this.bytes = null;
    this.length = length;
    this.checked = false;
    this.path = path;
    this.modified = modified;
    this.pieces = null;
  }

  private SourceText(String name, HexPieces pieces) {
    this.name = checkNotNull(name, "name");
    this.bytes = null;
    this.length = pieces.length();
    this.checked = false;
    this.path = null;
    this.modified = null;
    this.pieces = pieces;
  }

  /**
   * Where a text shows {@code dataLength} bytes of a file, from {@code dataStart}, as hex digits:
   * at offset {@code at} of the rest of the text.
   */
  public record HexPiece(long at, long dataStart, long dataLength) {}

  /**
   * A text made of {@code plain} with, at each piece's place, the digits of some of {@code data}'s
   * bytes: the text of a bytecode model, whose weights stay in the bytecode file and become digits
   * only when they are read or written out. Reading the text through a {@link Cursor} jumps over
   * the digits wherever it looks for something a digit cannot be. Pieces are in order of place.
   *
   * <pre>{@code
   * // "0x" then the digits of the file's bytes [64, 1088)
   * SourceText text =
   *     SourceText.withHex("w.mlirbc", new SourceText("x", "\"0x\""), weights,
   *         List.of(new HexPiece(3, 64, 1024)));
   * }</pre>
   */
  public static SourceText withHex(
      String name, SourceText plain, SourceText data, List<HexPiece> pieces) {
    return new SourceText(name, new HexPieces(plain, data, pieces));
  }

  /**
   * Bytes held in memory, to be checked as UTF-8 by the reader (a {@link Cursor} rejects a bad
   * sequence at its place). The array is not copied and must not change.
   */
  public static SourceText ofBytes(String name, byte[] bytes) {
    return new SourceText(name, checkNotNull(bytes, "bytes"), false);
  }

  /**
   * A file, read a window at a time as it is used and never held whole.
   *
   * @throws IOException when it cannot be opened
   */
  public static SourceText open(String name, Path path) throws IOException {
    checkNotNull(name, "name");
    try (FileChannel channel = FileChannel.open(path)) {
      // A FIFO or a device has no size to trust: it is read whole, as the bytes it gives.
      if (!Files.isRegularFile(path)) {
        return ofBytes(name, readAll(channel));
      }
      return new SourceText(name, path, channel.size(), Files.getLastModifiedTime(path));
    }
  }

  /** Everything a channel without a trustworthy size (a FIFO, a device) gives. */
  private static byte[] readAll(FileChannel channel) throws IOException {
    byte[] all = new byte[1 << 16];
    int filled = 0;
    for (int n; (n = channel.read(ByteBuffer.wrap(all, filled, all.length - filled))) >= 0; ) {
      filled += n;
      if (filled == all.length) {
        if (all.length >= Integer.MAX_VALUE / 2) {
          throw new IOException("the input is larger than 1 GB and not a regular file");
        }
        all = Arrays.copyOf(all, all.length * 2);
      }
    }
    return Arrays.copyOf(all, filled);
  }

  public String name() {
    return name;
  }

  @Override
  public long length() {
    return length;
  }

  @Override
  public char charAt(long offset) {
    if (bytes != null) {
      return (char) (bytes[(int) offset] & 0xFF);
    }
    Page at = pageOf(offset);
    return (char) (at.bytes[(int) (offset - at.start)] & 0xFF);
  }

  /** The bytes {@code [start, end)} decoded as UTF-8: for names, headers, small values. */
  public String string(long start, long end) {
    if (bytes != null && start >= 0 && start <= end && end <= length) {
      return new String(bytes, (int) start, (int) (end - start), UTF_8);
    }
    if (bytes == null && end - start <= PAGE && start >= 0 && start < end && end <= length) {
      Page at = pageOf(start);
      if (end <= at.start + at.bytes.length) { // decoded from the page, without a copy of it
        return new String(at.bytes, (int) (start - at.start), (int) (end - start), UTF_8);
      }
    }
    return new String(bytes(start, end), UTF_8);
  }

  /** The text a span covers. */
  public String string(Span span) {
    return string(span.start(), span.end());
  }

  /** A copy of the bytes {@code [start, end)}, which must be under 2 GB. */
  public byte[] bytes(long start, long end) {
    if (start < 0 || end > length || start > end || end - start > Integer.MAX_VALUE - 16) {
      throw new IndexOutOfBoundsException("[" + start + ", " + end + ") of " + length);
    }
    if (bytes != null) {
      return Arrays.copyOfRange(bytes, (int) start, (int) end);
    }
    byte[] out = new byte[(int) (end - start)];
    if (out.length > PAGE) {
      readFully(ByteBuffer.wrap(out), start);
      return out;
    }
    copyTo(start, end, ByteBuffer.wrap(out));
    return out;
  }

  /** The first offset at or after {@code from} holding the ASCII character {@code c}, or -1. */
  public long indexOf(char c, long from) {
    return indexOf(c, from, length);
  }

  @Override
  public long indexOf(char c, long from, long to) {
    return findInPages(from, Math.min(to, length), (byte) c, false);
  }

  /** {@inheritDoc} A page at a time; the digits of a text with hex pieces are passed at once. */
  @Override
  public long indexOfStringBreak(long from) {
    return findInPages(from, length, (byte) 0, true);
  }

  /**
   * The first offset in {@code [from, to)} of {@code b}, or of a string break ({@link
   * #indexOfStringBreak}), or -1: in memory at once, in a file a page at a time, over the digits of
   * a text with hex pieces at once when no digit is looked for.
   */
  private long findInPages(long from, long to, byte b, boolean stringBreak) {
    if (bytes != null) {
      int start = (int) Math.max(0, from);
      return stringBreak
          ? ByteScans.indexOfStringBreak(bytes, start, (int) to)
          : ByteScans.indexOf(bytes, start, (int) to, b);
    }
    boolean overDigits = pieces != null && (stringBreak || !Hex.isDigit(b));
    for (long p = Math.max(0, from); p < to; ) {
      long digitsEnd = overDigits ? pieces.pieceEnd(p) : p;
      if (digitsEnd > p) {
        p = digitsEnd; // no digit is what is looked for
        continue;
      }
      Page at = pageOf(p);
      int i = (int) (p - at.start);
      int end = (int) (Math.min(to, at.start + at.bytes.length) - at.start);
      int found =
          stringBreak
              ? ByteScans.indexOfStringBreak(at.bytes, i, end)
              : ByteScans.indexOf(at.bytes, i, end, b);
      if (found >= 0) {
        return at.start + found;
      }
      p = at.start + end;
    }
    return -1;
  }

  /**
   * Whether {@code [start, start + n)} here holds the same bytes as {@code other} at its offset.
   */
  public boolean regionEquals(long start, SourceText other, long otherStart, long n) {
    if (start + n > length || otherStart + n > other.length) {
      return false;
    }
    // A chunk at a time, compared by the JDK's vectorized Arrays.equals: values can be blobs.
    for (long done = 0; done < n; done += WINDOW) {
      long chunk = Math.min(WINDOW, n - done);
      if (!Arrays.equals(
          bytes(start + done, start + done + chunk),
          other.bytes(otherStart + done, otherStart + done + chunk))) {
        return false;
      }
    }
    return true;
  }

  /** Whether both texts hold the same bytes. */
  public boolean contentEquals(SourceText other) {
    return length == other.length && regionEquals(0, other, 0, length);
  }

  /**
   * Whether {@code needle} (ASCII, ending in a name) occurs as a whole name: not followed by a
   * character that would continue it ({@code module @a} is not in {@code module @ab}).
   */
  public boolean containsWord(String needle) {
    Cursor cursor = rawCursor();
    char first = needle.charAt(0);
    for (long p = cursor.indexOf(first, 0); p >= 0; p = cursor.indexOf(first, p + 1)) {
      long after = p + needle.length();
      if (cursor.startsWith(needle, p)
          && (after >= length || !MlirSyntax.isBareIdChar(cursor.charAt(after)))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Writes the bytes {@code [start, end)} to {@code out}: from a file, by the kernel (file to file
   * without passing through the JVM when {@code out} is a file), or through a buffer when that is
   * faster (see {@link #copyThroughBuffer}).
   */
  public void copyTo(long start, long end, WritableByteChannel out) throws IOException {
    if (pieces != null) {
      pieces.copyTo(start, end, out);
      return;
    }
    if (bytes != null) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes, (int) start, (int) (end - start));
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
      return;
    }
    long at = positionOf(out);
    FileChannel file = at >= 0 ? (FileChannel) out : null;
    if (file != null && end - start >= WINDOW && (at - start) % FILE_PAGE != 0) {
      copyThroughBuffer(start, end, file);
      return;
    }
    for (long p = start; p < end; ) {
      FileChannel in = channel();
      long n;
      try {
        n =
            file != null && COPY_BY_TRANSFER_FROM
                ? transferInto(in, p, end - p, file)
                : in.transferTo(p, end - p, out);
      } catch (ClosedByInterruptException interrupted) {
        throw cancelled();
      } catch (ClosedChannelException closedByAnotherThread) {
        if (!out.isOpen()) {
          throw closedByAnotherThread;
        }
        continue; // the input was closed to make room for another: open it again
      }
      if (n <= 0 && p >= in.size()) {
        throw changed();
      }
      p += Math.max(n, 0);
    }
  }

  /**
   * The position of {@code out} when it is a channel to a file, or -1: a file channel may also be a
   * pipe or a terminal (standard output), which has none, and is copied into by transferTo.
   */
  private static long positionOf(WritableByteChannel out) {
    if (out instanceof FileChannel file) {
      try {
        return file.position();
      } catch (IOException e) {
        return -1; // not seekable
      }
    }
    return -1;
  }

  /** The page size of most file systems' caches. */
  private static final int FILE_PAGE = 4096;

  /**
   * Copies through one buffer, a window at a time. The kernel copies file to file a page of the
   * input at a time; when the output's offset differs from the input's by other than a whole number
   * of pages, each input page lands on two output pages, and the file system's work per page is
   * done twice: a 50 MB blob took 35 to 45 ms so, and 17 to 20 ms read and written here.
   */
  private void copyThroughBuffer(long start, long end, WritableByteChannel out) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocateDirect(WINDOW);
    for (long p = start; p < end; ) {
      buffer.clear().limit((int) Math.min(WINDOW, end - p));
      readFully(buffer, p);
      buffer.flip();
      p += buffer.remaining();
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
    }
  }

  /**
   * Whether a file is copied into a file by the target's {@code transferFrom}: from Java 19 on
   * Linux that is the kernel's {@code copy_file_range}, as {@code transferTo} is, but {@code
   * transferTo}'s first use in a JVM since Java 21 also spins a class for a pattern switch, about
   * 10 ms on the critical path of a cold link that writes a large blob. Before Java 19 {@code
   * transferFrom} maps the input, which is slower than {@code transferTo}'s {@code sendfile}.
   */
  private static final boolean COPY_BY_TRANSFER_FROM =
      Runtime.version().feature() >= 19
          && System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");

  /**
   * Copies {@code count} bytes of {@code in} from {@code position} to {@code out} at its position,
   * which it moves on, as {@code in.transferTo} would. {@code transferFrom} reads from the input's
   * position: the lock keeps another thread's copy of the same input from moving it meanwhile
   * (reads elsewhere are positional).
   */
  private static long transferInto(FileChannel in, long position, long count, FileChannel out)
      throws IOException {
    synchronized (in) {
      in.position(position);
      long at = out.position();
      long n = out.transferFrom(in, at, count);
      out.position(at + n);
      return n;
    }
  }

  /** Puts the bytes {@code [start, end)} into {@code out}, which must have room for them. */
  public void copyTo(long start, long end, ByteBuffer out) {
    if (bytes != null) {
      out.put(bytes, (int) start, (int) (end - start));
      return;
    }
    for (long p = start; p < end; ) {
      Page at = pageOf(p);
      int from = (int) (p - at.start);
      int n = (int) Math.min(end - p, at.bytes.length - from);
      out.put(at.bytes, from, n);
      p += n;
    }
  }

  /** Writes the bytes {@code [start, end)} to a stream, through {@code buffer}. */
  public void copyTo(long start, long end, OutputStream out, byte[] buffer) throws IOException {
    if (bytes != null) {
      out.write(bytes, (int) start, (int) (end - start));
      return;
    }
    for (long p = start; p < end; ) {
      int n = (int) Math.min(buffer.length, end - p);
      readFully(ByteBuffer.wrap(buffer, 0, n), p);
      out.write(buffer, 0, n);
      p += n;
    }
  }

  /** A new cursor, for one thread's sequential scan, checking the UTF-8 of what it reads. */
  public Cursor cursor() {
    return new Cursor(true, WINDOW);
  }

  /**
   * The bytes {@code [start, end)} for one pass over them, in order: the text itself for a short
   * range, whose few pages its reads keep; a cursor for a range longer than a cursor's window,
   * whose window is read again and again where each page read would be a new array (a hex constant
   * of hundreds of megabytes in one op).
   */
  public ByteView forPassOver(long start, long end) {
    return bytes == null && end - start > WINDOW ? rawCursor() : this;
  }

  /** A cursor that does not check UTF-8: for searches after reading, and for diagnostics. */
  private Cursor rawCursor() {
    return new Cursor(false, WINDOW);
  }

  // ------------------------------------------------------------------ file access

  /** The page holding {@code offset}, read if it is not the last one read. */
  private Page pageOf(long offset) {
    int slot = (int) ((offset / PAGE) % PAGE_SLOTS);
    Page at = pages[slot]; // a racy read of an immutable page: at worst an older one, then re-read
    if (at != null && at.holds(offset)) {
      return at;
    }
    if (offset < 0 || offset >= length) {
      throw new IndexOutOfBoundsException(offset + " of " + length);
    }
    long start = offset - offset % PAGE;
    long end = Math.min(start + PAGE, length);
    if (pieces != null) { // a page of plain text or of digits, never both
      start = Math.max(start, pieces.runStart(offset));
      end = Math.min(end, pieces.runEnd(offset));
    }
    byte[] read = new byte[(int) (end - start)];
    readFully(ByteBuffer.wrap(read), start);
    at = new Page(start, read);
    pages[slot] = at;
    return at;
  }

  /**
   * Fills {@code buffer} from the file at {@code position}, through the channel {@link OpenFiles}
   * holds for it (a file reopened is checked unchanged).
   */
  /**
   * Reads the bytes from {@code start} into {@code into} until it is full, without keeping them:
   * for streaming a large range through one reused buffer.
   */
  public void read(long start, ByteBuffer into) {
    if (start < 0 || start + into.remaining() > length) {
      throw new IndexOutOfBoundsException(
          "[" + start + ", " + (start + into.remaining()) + ") of " + length);
    }
    if (bytes != null) {
      into.put(bytes, (int) start, into.remaining());
      return;
    }
    readFully(into, start);
  }

  private void readFully(ByteBuffer buffer, long position) {
    if (pieces != null) {
      pieces.read(buffer, position);
      return;
    }
    try {
      while (buffer.hasRemaining()) {
        int n;
        try {
          n = channel().read(buffer, position);
        } catch (ClosedByInterruptException interrupted) {
          throw cancelled();
        } catch (ClosedChannelException closedByAnotherThread) {
          continue; // closed to make room for another file: open it again
        }
        if (n < 0) {
          throw changed();
        }
        position += n;
      }
    } catch (IOException e) {
      throw new DiagnosticException(
          Diagnostic.error("cannot read '" + name + "': " + IoReasons.of(e, "no such file")));
    }
  }

  /**
   * Closes the file if it is held open (it is opened again when next read). The linker releases its
   * inputs when it has written its output, so no input stays open after a link.
   */
  public void release() {
    if (pieces != null) {
      pieces.release();
    } else if (bytes == null) {
      OpenFiles.release(this);
    }
  }

  private FileChannel channel() throws IOException {
    return OpenFiles.channel(this, this::openChecked);
  }

  /**
   * Whether the file no longer has the size and time it had when first opened (gone, or unreadable,
   * counts as changed); never for text in memory.
   */
  public boolean changedOnDisk() {
    if (pieces != null) {
      return pieces.changedOnDisk();
    }
    if (bytes != null) {
      return false;
    }
    try {
      return Files.size(path) != length || !Files.getLastModifiedTime(path).equals(modified);
    } catch (IOException e) {
      return true;
    }
  }

  /** The file, opened, when it has the size and time it had when first opened. */
  private FileChannel openChecked() throws IOException {
    FileChannel opened = FileChannel.open(path);
    if (opened.size() != length || !Files.getLastModifiedTime(path).equals(modified)) {
      opened.close();
      throw changed();
    }
    return opened;
  }

  /**
   * The calling thread was interrupted while reading (a query an editor cancelled): the read stops,
   * and the thread stays interrupted. Retrying would loop, as every channel it opened would be
   * closed again at once.
   */
  private static CancellationException cancelled() {
    Thread.currentThread().interrupt();
    return new CancellationException("interrupted while reading");
  }

  private DiagnosticException changed() {
    return new DiagnosticException(
        Diagnostic.error("cannot read '" + name + "': it changed while it was being linked"));
  }

  // ------------------------------------------------------------------ lines

  /**
   * The line and column of a byte offset (the end of the text is a valid offset). Lines are counted
   * only up to the furthest offset asked for, so naming the place of an op near the start of a
   * large file costs nothing; the start of every {@link #LINES_PER_MARK}th line is kept, so an
   * offset before that is found by a binary search and a walk over at most that many lines.
   */
  @Override
  public synchronized SourceLocation locationOf(long offset) {
    scanTo(offset);
    int low = 0;
    int high = (int) ((lines - 1) / LINES_PER_MARK);
    while (low < high) { // the last mark at or before offset
      int mid = (low + high + 1) >>> 1;
      if (marks[mid] <= offset) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    long line = (long) low * LINES_PER_MARK + 1;
    long start = marks[low];
    if (lastAsked <= offset && lastLineStart >= start) {
      line = lastLine; // places are mostly asked for in order: walk on from the last one
      start = lastLineStart;
    }
    for (long newline = indexOf('\n', start, offset);
        newline >= 0;
        newline = indexOf('\n', start, offset)) {
      line++;
      start = newline + 1;
    }
    lastAsked = offset;
    lastLine = line;
    lastLineStart = start;
    long column = 1 + charsBetween(start, offset);
    return new SourceLocation(name, (int) line, (int) Math.min(Integer.MAX_VALUE, column), offset);
  }

  /**
   * The byte offset where the 1-based {@code line} starts, or -1 when the text has fewer lines:
   * from the nearest kept line start, walking at most {@link #LINES_PER_MARK} lines.
   */
  public synchronized long lineStart(int line) {
    if (line > lines) {
      scanTo(length);
      if (line > lines) {
        return -1;
      }
    }
    long start = marks[(line - 1) / LINES_PER_MARK];
    for (int skip = (line - 1) % LINES_PER_MARK; skip > 0; skip--) {
      start = indexOf('\n', start) + 1;
    }
    return start;
  }

  /** The text of a 1-based line, without its line ending (a very long line only in part). */
  @Override
  public synchronized String lineText(int line) {
    long start = lineStart(Math.max(1, line));
    if (start < 0) {
      start = lineStart((int) Math.min(Integer.MAX_VALUE, lines)); // past the end: the last line
    }
    long end = indexOf('\n', start);
    end = end < 0 ? length : end;
    while (end > start && charAt(end - 1) == '\r') {
      end--;
    }
    if (end - start > LONGEST_SHOWN_LINE) {
      end = start + LONGEST_SHOWN_LINE;
      while (end > start && (charAt(end) & 0xC0) == 0x80) {
        end--; // never cut a character in two
      }
    }
    return string(start, end);
  }

  /** How many UTF-16 units the bytes {@code [start, end)} decode to (each must be valid UTF-8). */
  private long charsBetween(long start, long end) {
    end = Math.min(end, length);
    if (bytes != null) {
      return start >= end ? 0 : ByteScans.utf16Units(bytes, (int) start, (int) end);
    }
    long count = 0;
    for (long p = start; p < end; ) {
      long digitsEnd = pieces == null ? p : Math.min(end, pieces.pieceEnd(p));
      if (digitsEnd > p) { // a digit is a character
        count += digitsEnd - p;
        p = digitsEnd;
        continue;
      }
      Page at = pageOf(p); // a page at a time: the column of a place far into a long line
      int to = (int) (Math.min(end, at.start + at.bytes.length) - at.start);
      count += ByteScans.utf16Units(at.bytes, (int) (p - at.start), to);
      p = at.start + to;
    }
    return count;
  }

  /**
   * Counts the lines of {@code window[0, size)}, the bytes at {@code base}, where they continue
   * those counted so far: the reader's cursor hands each window it reads here, so that the places
   * of a file's ops cost no second read of it.
   */
  private synchronized void countLines(byte[] window, long base, int size) {
    if (scannedTo < base || scannedTo >= base + size) {
      return;
    }
    for (int i = (int) (scannedTo - base);
        (i = ByteScans.indexOf(window, i, size, (byte) '\n')) >= 0;
        i++) {
      markLine(base + i);
    }
    scannedTo = base + size;
  }

  /** Moves the line count over {@code [from, to)}, which holds no line end. */
  private synchronized void passLines(long from, long to) {
    if (scannedTo == from) {
      scannedTo = to;
    }
  }

  /** Counts the line that starts after the line feed at {@code newline}. */
  private void markLine(long newline) {
    if (lines % LINES_PER_MARK == 0) {
      int mark = (int) (lines / LINES_PER_MARK);
      if (mark == marks.length) {
        marks = Arrays.copyOf(marks, 2 * mark);
      }
      marks[mark] = newline + 1;
    }
    lines++;
  }

  /** Counts the lines that begin at or before {@code offset}, marking every 64th's start. */
  private void scanTo(long offset) {
    if (offset <= scannedTo) {
      return;
    }
    if (lineCursor == null) {
      lineCursor = new Cursor(false, LINE_WINDOW); // a window read ahead, not a page per call
    }
    for (long newline = lineCursor.indexOf('\n', scannedTo);
        newline >= 0 && newline < offset;
        newline = lineCursor.indexOf('\n', newline + 1)) {
      markLine(newline);
    }
    scannedTo = offset;
  }

  @Override
  public String toString() {
    return name;
  }

  /**
   * A sequential view of the text for one thread: the bytes around the offsets asked for, a window
   * at a time. Reading a file this way checks its UTF-8 as each window is first read, so a bad byte
   * sequence is reported at its place wherever it is. An in-memory text is one window.
   *
   * <pre>{@code
   * SourceText.Cursor at = source.cursor();
   * long close = at.indexOf('"', 10);
   * }</pre>
   */
  public final class Cursor implements ByteView {
    private byte[] window;
    private long base;
    private int size;
    private long checkedTo;

    private Cursor(boolean check, int windowSize) {
      if (bytes != null) {
        window = bytes;
        size = bytes.length;
        checkedTo =
            checked || !check
                ? length
                : ByteScans.checkedEnd(SourceText.this, bytes, 0, size, 0, true);
      } else {
        window = new byte[(int) Math.min(windowSize, Math.max(length, 1))];
        size = 0;
        checkedTo = check && !checked ? 0 : length;
      }
      checked |= checkedTo == length;
    }

    @Override
    public long length() {
      return length;
    }

    @Override
    public char charAt(long p) {
      long i = p - base;
      if (i >= 0 && i < size) {
        return (char) (window[(int) i] & 0xFF);
      }
      move(p);
      return (char) (window[(int) (p - base)] & 0xFF);
    }

    /**
     * A copy of the bytes {@code [start, end)}: from the window when it holds them, else read from
     * the source, the window left where it is. For a reader that looks back at short text it has
     * passed (a function's header, after its body).
     */
    public byte[] bytes(long start, long end) {
      if (start >= base && end <= base + size) {
        return Arrays.copyOfRange(window, (int) (start - base), (int) (end - base));
      }
      return SourceText.this.bytes(start, end);
    }

    /** Recently made names, each in the slot its hash picks (see {@link #name}). */
    private String[] names;

    /**
     * The ASCII name {@code [start, end)}, the same String each time the same name comes again: a
     * large file names the same few ops and aliases thousands of times, and hashing the bytes in
     * place costs less than making a string to look one up.
     */
    public String name(long start, long end) {
      long i = start - base;
      int length = (int) (end - start);
      if (i < 0 || i + length > size || length > 64) {
        return substring(start, end);
      }
      int from = (int) i;
      if (names == null) {
        names = new String[1024];
      }
      int slot = spread(hashOf(from, length)) & (names.length - 1);
      String known = names[slot];
      if (known != null && sameName(known, from, length)) {
        return known;
      }
      String made = new String(window, from, length, StandardCharsets.ISO_8859_1);
      names[slot] = made;
      return made;
    }

    /** Every symbol name {@link #symbolName} made, by content: open addressing, never full. */
    private String[] symbols;

    private int symbolCount;

    /**
     * The symbol name {@code [start, end)}, ASCII ({@link MlirSyntax#suffixIdEnd}), the same String
     * each time the same name comes again: a library names each function where it is defined and
     * again at each call, and the model keeps one string for all of them. Unlike {@link #name}'s,
     * this table forgets no name, so it lives only as long as the cursor.
     */
    public String symbolName(long start, long end) {
      long i = start - base;
      int length = (int) (end - start);
      if (i < 0 || i + length > size) {
        return substring(start, end);
      }
      int from = (int) i;
      int hash = hashOf(from, length);
      if (symbols == null) {
        symbols = new String[1024];
      }
      int mask = symbols.length - 1;
      int slot = spread(hash) & mask;
      for (String known = symbols[slot]; known != null; known = symbols[slot]) {
        if (known.hashCode() == hash && sameName(known, from, length)) {
          return known;
        }
        slot = (slot + 1) & mask;
      }
      String made = new String(window, from, length, StandardCharsets.ISO_8859_1);
      symbols[slot] = made;
      if (2 * ++symbolCount > symbols.length) {
        growSymbols();
      }
      return made;
    }

    /** {@code String.hashCode} of the ASCII name {@code window[from, from + length)}. */
    private int hashOf(int from, int length) {
      int hash = 0;
      for (int k = from; k < from + length; k++) {
        hash = 31 * hash + (window[k] & 0xFF);
      }
      return hash;
    }

    /** A hash with its bits mixed: names often differ only in a last digit. */
    private static int spread(int hash) {
      int h = hash * 0x9E3779B9;
      return h ^ (h >>> 16);
    }

    private boolean sameName(String known, int from, int length) {
      if (known.length() != length) {
        return false;
      }
      for (int k = 0; k < length; k++) {
        if (known.charAt(k) != (window[from + k] & 0xFF)) {
          return false;
        }
      }
      return true;
    }

    private void growSymbols() {
      String[] old = symbols;
      symbols = new String[2 * old.length];
      int mask = symbols.length - 1;
      for (String name : old) {
        if (name != null) {
          int slot = spread(name.hashCode()) & mask;
          while (symbols[slot] != null) {
            slot = (slot + 1) & mask;
          }
          symbols[slot] = name;
        }
      }
    }

    /** The bytes {@code [start, end)} decoded. */
    public String substring(long start, long end) {
      if (start >= base && end <= base + size) {
        return new String(window, (int) (start - base), (int) (end - start), UTF_8);
      }
      return SourceText.this.string(start, end);
    }

    /**
     * The first offset at or after {@code from} whose byte is not in {@code bytes} (a table of
     * 256), or the length: a tight loop over the window for the reader's runs of name characters.
     */
    long skipAll(boolean[] bytes, long from) {
      long p = from;
      while (p < length) {
        int k = windowAt(p, 0);
        byte[] w = window;
        int limit = size;
        while (k < limit && bytes[w[k] & 0xFF]) {
          k++;
        }
        p = base + k;
        if (k < limit) {
          return p;
        }
      }
      return p;
    }

    /** The first offset at or after {@code from} holding the ASCII {@code c}, or -1. */
    public long indexOf(char c, long from) {
      return find(from, length, (byte) c, false);
    }

    @Override
    public long indexOf(char c, long from, long to) {
      return find(from, Math.min(to, length), (byte) c, false);
    }

    /**
     * The first offset at or after {@code from} of a quote, a backslash or a byte below {@code '#'}
     * (line ends among them), or -1: where a string literal's body stops being plain, found eight
     * bytes at a time so that a blob of gigabytes costs one pass.
     */
    @Override
    public long indexOfStringBreak(long from) {
      return find(from, length, (byte) 0, true);
    }

    /**
     * Searches window by window for {@code b}, or for a string break (see above). When neither can
     * be a plain byte, the plain run a window starts with (a blob's digits, found as the window was
     * checked) is not searched again.
     */
    private long find(long from, long to, byte b, boolean stringBreak) {
      boolean overDigits = pieces != null && (stringBreak || !Hex.isDigit(b));
      boolean overPlain = stringBreak || (b >= 0 && b < '#') || b == '\\';
      for (long p = Math.max(from, 0); p < to; ) {
        long digitsEnd = overDigits ? pieces.pieceEnd(p) : p;
        if (digitsEnd > p) {
          p = digitsEnd; // digits are neither the byte looked for nor a string break
          continue;
        }
        int i = windowAt(p, 0); // a window read here finds the plain run it starts with
        if (overPlain && p >= plainStart && p < plainEnd) {
          p = plainEnd; // plain bytes are neither
          continue;
        }
        int end = (int) Math.min(size, to - base);
        int found =
            stringBreak
                ? ByteScans.indexOfStringBreak(window, i, end)
                : ByteScans.indexOf(window, i, end, b);
        if (found >= 0) {
          return base + found;
        }
        p = base + end;
      }
      return -1;
    }

    /**
     * The index in {@link #window()} of {@code p}, for a reader's loop that reads the window's
     * bytes itself: the window is moved to {@code p} unless it already holds {@code p} and {@code
     * ahead} bytes after it, or holds the text's end. It may still end sooner where a hex blob's
     * digits start or end (a window never spans both), so check {@link #windowSize()}.
     */
    public int windowAt(long p, int ahead) {
      long i = p - base;
      if (i < 0 || i >= size || (i + ahead > size && base + size < length)) {
        move(p);
        i = p - base;
      }
      return (int) i;
    }

    /**
     * The bytes of the window: checked UTF-8 up to where a character is cut at its end. Read them,
     * never write them; valid until the cursor next moves, which any of its other methods may do.
     */
    public byte[] window() {
      return window;
    }

    /** The offset in the text of the window's first byte. */
    public long windowStart() {
      return base;
    }

    /** How many bytes of {@link #window()} hold the text. */
    public int windowSize() {
      return size;
    }

    /**
     * Makes the window hold {@code p}, and a little before it. Every byte up to the window's end is
     * checked as UTF-8 first, including any the cursor jumps over.
     */
    private void move(long p) {
      if (p < 0 || p >= length) {
        throw new IndexOutOfBoundsException(p + " of " + length);
      }
      if (bytes != null) {
        throw new IllegalStateException("in-memory text has one window");
      }
      long start = Math.max(0, p - Math.min(LOOK_BEHIND, window.length / 4));
      if (pieces != null) {
        start = Math.max(start, pieces.runStart(p)); // a window never spans plain text and digits
      }
      while (checkedTo < start) {
        long digitsEnd = pieces == null ? checkedTo : pieces.pieceEnd(checkedTo);
        if (digitsEnd > checkedTo) { // hex digits are ASCII, and no line ends among them
          passLines(checkedTo, digitsEnd);
          checkedTo = digitsEnd;
          checked |= checkedTo == length;
          continue;
        }
        fill(checkedTo); // bytes never looked at are checked all the same
      }
      fill(start);
    }

    /**
     * Where the last run of plain bytes that {@link #fill} found starts and ends: ASCII, none below
     * {@code '#'} (no line end, no quote) and no backslash. A hex blob's digits are plain.
     */
    private long plainStart;

    private long plainEnd;

    /**
     * Reads the window at {@code start} and checks and counts the lines of what it holds that was
     * never checked. The run of plain bytes it starts with comes first, in one pass: they need no
     * UTF-8 check and hold no line end (in text the run ends within a few bytes; over a blob's
     * digits it is the only pass).
     */
    private void fill(long start) {
      // A window stops where hex digits start or end; digits are ASCII, so a character cut
      // there is as bad as one cut by the end of the text.
      long runEnd = pieces == null ? length : pieces.runEnd(start);
      int n = (int) Math.min(window.length, runEnd - start);
      readFully(ByteBuffer.wrap(window, 0, n), start);
      base = start;
      size = n;
      long end = base + size;
      if (checkedTo >= base && checkedTo < end) {
        plainStart = checkedTo;
        plainEnd = base + ByteScans.plainEnd(window, (int) (checkedTo - base), size);
        passLines(plainStart, plainEnd);
        checkedTo = plainEnd;
        checked |= checkedTo == length;
      }
      if (checkedTo >= base && checkedTo < end) {
        checkedTo =
            ByteScans.checkedEnd(
                SourceText.this, window, (int) (checkedTo - base), size, base, end == runEnd);
        checked |= checkedTo == length;
        countLines(window, base, size); // while the bytes are at hand: no second read for lines
      }
    }
  }
}
