package org.mlirlink.model;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlirlink.diagnostic.DiagnosticException;
import org.mlirlink.diagnostic.SourceLocation;

/**
 * Lines and columns are right whatever order places are asked for in; a file read a window at a
 * time gives the bytes, places and errors its whole text would.
 */
class SourceTextTest {
  private static SourceLocation counted(String text, int offset) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new SourceLocation("t.mlir", line, offset - lineStart + 1, offset);
  }

  @Test
  void locationsAskedForInAnyOrderMatchCountingFromTheStart() {
    Random random = new Random(7);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 2_000; i++) {
      text.append("x".repeat(random.nextInt(5))).append(random.nextBoolean() ? "\n" : "\r\n");
    }
    text.append("last line, no line break");
    String s = text.toString();
    SourceText source = new SourceText("t.mlir", s);
    for (int i = 0; i < 5_000; i++) {
      int offset = random.nextInt(s.length() + 1); // the end of the text is a place too
      assertEquals(counted(s, offset), source.locationOf(offset), "offset " + offset);
    }
    assertEquals(counted(s, 0), source.locationOf(0));
    assertEquals(counted(s, s.length()), source.locationOf(s.length()));
  }

  @Test
  void lineTextIsTheLineWithoutItsEndingEvenBeforeItsPlaceWasAskedFor() {
    SourceText source = new SourceText("t.mlir", "one\r\ntwo\n\nfour");
    assertEquals("four", source.lineText(4));
    assertEquals("one", source.lineText(1));
    assertEquals("two", source.lineText(2));
    assertEquals("", source.lineText(3));
  }

  /** A file of {@code lines} lines of 99 ASCII characters, with {@code tail} after them. */
  private static Path fileOf(Path dir, int lines, byte[] tail) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < lines; i++) {
      out.write(("x".repeat(98) + "\n").getBytes(StandardCharsets.US_ASCII));
    }
    out.write(tail);
    return Files.write(dir.resolve("t.mlir"), out.toByteArray());
  }

  @Test
  void aCharacterAcrossTwoWindowsOfAFileIsReadWhole(@TempDir Path dir) throws IOException {
    // Lines of 99 bytes: the window's end (1 MiB) falls inside the three bytes of '名'.
    int lines = SourceText.WINDOW / 99;
    int pad = SourceText.WINDOW - lines * 99 - 1;
    byte[] tail = ("y".repeat(pad) + "名\n").getBytes(StandardCharsets.UTF_8);
    Path file = fileOf(dir, lines, tail);
    SourceText source = SourceText.open("t.mlir", file);
    SourceText.Cursor cursor = source.cursor();
    long newline = cursor.indexOf('\n', SourceText.WINDOW - 10);
    assertEquals(SourceText.WINDOW + 2, newline);
    assertEquals("名", cursor.substring(newline - 3, newline));
    assertEquals(
        new SourceLocation("t.mlir", lines + 1, pad + 2, newline), source.locationOf(newline));
  }

  @Test
  void aBadByteFarIntoAFileIsFoundEvenWhenTheReaderJumpsPastIt(@TempDir Path dir)
      throws IOException {
    int lines = 3 * SourceText.WINDOW / 99;
    byte[] tail = new byte[SourceText.WINDOW + 3];
    Arrays.fill(tail, (byte) 'z');
    tail[0] = 'a';
    tail[1] = 'b';
    tail[2] = (byte) 0xC3; // a lead byte followed by '(' instead of a continuation byte
    tail[3] = '(';
    SourceText source = SourceText.open("t.mlir", fileOf(dir, lines, tail));
    SourceText.Cursor cursor = source.cursor();
    // Straight to the last byte: the bytes jumped over are checked on the way.
    DiagnosticException bad =
        assertThrows(DiagnosticException.class, () -> cursor.charAt(source.length() - 1));
    assertEquals(
        "t.mlir:" + (lines + 1) + ":3: error: invalid UTF-8 byte sequence (the file must be UTF-8)",
        bad.diagnostic().format().lines().findFirst().orElseThrow());
  }

  @Test
  void aFileChangedAfterItWasOpenedIsAnError(@TempDir Path dir) throws IOException {
    Path file = fileOf(dir, 10, new byte[0]);
    SourceText source = SourceText.open("t.mlir", file);
    Files.writeString(file, "changed");
    DiagnosticException changed =
        assertThrows(DiagnosticException.class, () -> source.string(0, 4));
    assertEquals(
        "error: cannot read 't.mlir': it changed while it was being linked",
        changed.diagnostic().format().strip());
  }

  @Test
  void bytesAreTheSameThroughPagesCursorsAndCopies(@TempDir Path dir) throws IOException {
    Random random = new Random(11);
    byte[] content = new byte[3 * SourceText.WINDOW + 12345];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) (' ' + random.nextInt(90));
    }
    Path file = Files.write(dir.resolve("t.mlir"), content);
    SourceText source = SourceText.open("t.mlir", file);
    SourceText.Cursor cursor = source.cursor();
    for (int i = 0; i < 2000; i++) {
      long start = random.nextInt(content.length);
      long end = Math.min(content.length, start + random.nextInt(70_000));
      String expected =
          new String(content, (int) start, (int) (end - start), StandardCharsets.US_ASCII);
      assertEquals(expected, source.string(start, end), "page reads at " + start);
      assertEquals(expected, cursor.substring(start, end), "cursor at " + start);
      assertEquals(content[(int) start], (byte) cursor.charAt(start));
    }
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    source.copyTo(0, content.length, copy, new byte[4096]);
    assertArrayEquals(content, copy.toByteArray());
    Path out = dir.resolve("out");
    try (FileChannel channel =
        FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      source.copyTo(5, content.length, channel);
    }
    assertArrayEquals(Arrays.copyOfRange(content, 5, content.length), Files.readAllBytes(out));
  }

  /**
   * A range copied into a file lands after what the file holds and moves its position on, whether
   * the file's offset is the input's modulo a page (copied by the kernel) or not (copied through a
   * buffer), and when the file is opened to append.
   */
  @Test
  void rangesCopiedIntoFilesAtAnyOffsetAreTheBytesAndMoveThePositionOn(@TempDir Path dir)
      throws IOException {
    Random random = new Random(13);
    byte[] content = new byte[2 * SourceText.WINDOW + 4321];
    random.nextBytes(content);
    SourceText source = SourceText.open("t.mlir", Files.write(dir.resolve("t.mlir"), content));
    int start = 228;
    for (int already : new int[] {240, start, start + 4096, 0, 7}) {
      for (boolean append : new boolean[] {false, true}) {
        Path out = dir.resolve("out-" + already + "-" + append);
        byte[] head = new byte[already];
        Arrays.fill(head, (byte) 'h');
        Files.write(out, head);
        try (FileChannel channel =
            append
                ? FileChannel.open(out, StandardOpenOption.APPEND)
                : FileChannel.open(out, StandardOpenOption.WRITE)) {
          channel.position(already);
          source.copyTo(start, content.length - 5, channel);
          assertEquals(already + content.length - 5 - start, channel.position());
          channel.write(java.nio.ByteBuffer.wrap(new byte[] {'t'}));
        }
        byte[] expected = new byte[already + content.length - 5 - start + 1];
        System.arraycopy(head, 0, expected, 0, already);
        System.arraycopy(content, start, expected, already, content.length - 5 - start);
        expected[expected.length - 1] = 't';
        assertArrayEquals(expected, Files.readAllBytes(out), "after " + already + ", " + append);
      }
    }
  }

  /**
   * Searches for a quote or a string break over long runs of hex digits (checked and searched in
   * one pass) find what a byte-by-byte search finds, and leave the line count and the UTF-8 check
   * as a plain read would: a line end, an escape, a multi-byte character or a bad byte anywhere in
   * or between the runs, at window edges among them.
   */
  @Test
  void searchesOverDigitRunsFindWhatAByteSearchFinds(@TempDir Path dir) throws IOException {
    byte[][] specials = {
      {'\n'}, {'"'}, {'\\'}, {' '}, {'\r', '\n'}, "é".getBytes(StandardCharsets.UTF_8), {'#'}
    };
    for (int seed = 0; seed < 12; seed++) {
      Random random = new Random(seed);
      ByteArrayOutputStream text = new ByteArrayOutputStream();
      while (text.size() < 3 * SourceText.WINDOW) {
        int run = random.nextInt(4) == 0 ? random.nextInt(40) : random.nextInt(SourceText.WINDOW);
        for (int i = 0; i < run; i++) {
          text.write("0123456789ABCDEFabcdef".charAt(random.nextInt(22)));
        }
        byte[] special = specials[random.nextInt(specials.length)];
        text.write(special, 0, special.length);
      }
      int bad = seed % 3 == 0 ? random.nextInt(text.size()) : -1;
      byte[] content = text.toByteArray();
      if (bad >= 0) {
        content[bad] = (byte) 0xFF;
      }
      Path file = Files.write(dir.resolve("blob" + seed + ".mlir"), content);
      String latin = new String(content, StandardCharsets.ISO_8859_1);
      SourceText.Cursor cursor = SourceText.open("t.mlir", file).cursor();
      long p = 0;
      try {
        while (p < content.length) {
          boolean stringBreak = random.nextBoolean();
          long found = stringBreak ? cursor.indexOfStringBreak(p) : cursor.indexOf('"', p);
          long expected = stringBreak ? naiveStringBreak(content, p) : latin.indexOf('"', (int) p);
          if (bad >= 0 && bad >= p && (expected < 0 || bad <= expected)) {
            throw new AssertionError(
                "no error for the bad byte at " + bad + " searching from " + p);
          }
          assertEquals(expected, found, "seed " + seed + " from " + p);
          if (found < 0) {
            break;
          }
          p = found + 1;
        }
      } catch (DiagnosticException e) {
        assertEquals(bad, e.diagnostic().location().offset(), "seed " + seed);
        continue;
      }
      SourceText fresh = SourceText.open("t.mlir", file);
      SourceText.Cursor reader = fresh.cursor();
      for (long q = 0; q >= 0 && q < content.length; q = reader.indexOf('"', q + 1)) {}
      int[] lineOf = new int[content.length + 1]; // the line of each offset, counted once
      for (int i = 0, line = 1; i <= content.length; i++) {
        lineOf[i] = line;
        if (i < content.length && content[i] == '\n') {
          line++;
        }
      }
      for (int i = 0; i < 20; i++) { // a place in a line of megabytes costs a walk over it
        int offset = random.nextInt(content.length + 1);
        assertEquals(
            lineOf[offset], fresh.locationOf(offset).line(), "seed " + seed + " at " + offset);
      }
    }
  }

  /**
   * A file's own searches and columns (page by page) and a cursor's bounded search give what a
   * byte-by-byte walk gives, far into lines of megabytes and across characters of two to four bytes
   * cut by page and window ends.
   */
  @Test
  void searchesAndColumnsFarIntoLongLinesAreThoseOfAByteWalk(@TempDir Path dir) throws IOException {
    String[] pieces = {"\"", "\\", " ", "é", "名", "\uD83D\uDE00", "\n", "#", "x".repeat(5_000)};
    Random random = new Random(11);
    StringBuilder text = new StringBuilder();
    while (text.length() < 3 * SourceText.WINDOW) {
      text.append("0123456789abcdef".repeat(random.nextInt(20_000)));
      text.append(pieces[random.nextInt(pieces.length)]);
    }
    byte[] content = text.toString().getBytes(StandardCharsets.UTF_8);
    Path file = Files.write(dir.resolve("long.mlir"), content);
    SourceText inMemory = new SourceText("t.mlir", text.toString());
    SourceText paged = SourceText.open("t.mlir", file);
    for (int i = 0; i < 300; i++) {
      long from = random.nextInt(content.length);
      long to = Math.min(content.length, from + random.nextInt(2 * SourceText.WINDOW));
      long expectedBreak = naiveStringBreak(content, from);
      assertEquals(expectedBreak, paged.indexOfStringBreak(from), "from " + from);
      assertEquals(expectedBreak, inMemory.indexOfStringBreak(from), "from " + from);
      long expectedQuote = naiveIndexOf(content, '"', from, to);
      assertEquals(expectedQuote, paged.indexOf('"', from, to), from + " to " + to);
      assertEquals(expectedQuote, paged.forPassOver(from, to).indexOf('"', from, to));
      assertEquals(expectedQuote, paged.forPassOver(0, content.length).indexOf('"', from, to));
      long offset = random.nextInt(content.length + 1);
      while (offset < content.length && (content[(int) offset] & 0xC0) == 0x80) {
        offset--; // a place is where a character starts
      }
      int lineStart = (int) offset;
      while (lineStart > 0 && content[lineStart - 1] != '\n') {
        lineStart--;
      }
      int line = 1;
      for (int k = 0; k < lineStart; k++) {
        line += content[k] == '\n' ? 1 : 0;
      }
      int column = new String(content, lineStart, (int) offset - lineStart, UTF_8).length() + 1;
      SourceLocation expected = new SourceLocation("t.mlir", line, column, offset);
      assertEquals(expected, paged.locationOf(offset), "at " + offset);
      assertEquals(expected, inMemory.locationOf(offset), "at " + offset);
    }
  }

  private static long naiveIndexOf(byte[] content, char c, long from, long to) {
    for (int i = (int) from; i < to; i++) {
      if (content[i] == c) {
        return i;
      }
    }
    return -1;
  }

  private static long naiveStringBreak(byte[] content, long from) {
    for (int i = (int) from; i < content.length; i++) {
      byte x = content[i];
      if ((x >= 0 && x < '#') || x == '\\') {
        return i;
      }
    }
    return -1;
  }

  /**
   * A file channel with no position (a FIFO here; a pipe or a terminal as standard output) gets
   * large and small ranges all the same.
   */
  @Test
  void rangesCopiedIntoAChannelWithNoPositionAreTheBytes(@TempDir Path dir) throws Exception {
    Path fifo = dir.resolve("fifo");
    Process made = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    org.junit.jupiter.api.Assumptions.assumeTrue(made.waitFor() == 0, "no mkfifo here");
    byte[] content = new byte[2 * SourceText.WINDOW + 999];
    new Random(17).nextBytes(content);
    SourceText source = SourceText.open("t.mlir", Files.write(dir.resolve("t.mlir"), content));
    java.util.concurrent.CompletableFuture<byte[]> read =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> {
              try {
                return Files.readAllBytes(fifo);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    try (FileChannel channel = FileChannel.open(fifo, StandardOpenOption.WRITE)) {
      source.copyTo(228, content.length, channel);
      source.copyTo(3, 100, channel);
    }
    byte[] expected = new byte[content.length - 228 + 97];
    System.arraycopy(content, 228, expected, 0, content.length - 228);
    System.arraycopy(content, 3, expected, content.length - 228, 97);
    assertArrayEquals(expected, read.get());
  }
}
