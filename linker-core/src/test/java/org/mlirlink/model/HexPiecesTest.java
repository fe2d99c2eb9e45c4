package org.mlirlink.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlirlink.diagnostic.DiagnosticException;

/**
 * A text whose blobs are a file's bytes shown as hex digits ({@link SourceText#withHex}) reads,
 * searches, places and copies exactly as the same text spelled out does; its searches jump over the
 * digits without reading the file.
 */
class HexPiecesTest {
  /** A text with pieces, and the same text spelled out. */
  private record Made(SourceText text, byte[] spelled, Path data) {}

  /**
   * Plain text of {@code lines} short lines, with pieces (of the data file's random bytes) at
   * random places: at the very start, twice at one place, and at the very end.
   */
  private static Made make(Path dir, long seed, int lines) throws IOException {
    Random random = new Random(seed);
    StringBuilder plain = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      plain.append("line ").append(i).append(" \"0x\" é\n");
    }
    byte[] plainBytes = plain.toString().getBytes(StandardCharsets.UTF_8);
    byte[] data = new byte[3 * SourceText.WINDOW + 7];
    random.nextBytes(data);
    Path plainFile = Files.write(dir.resolve("plain-" + seed), plainBytes);
    Path dataFile = Files.write(dir.resolve("data-" + seed), data);
    List<Long> places = new ArrayList<>(List.of(0L, (long) plainBytes.length));
    for (int i = 0; i < 6; i++) {
      long at = random.nextInt(plainBytes.length);
      places.add(at);
      if (i == 0) {
        places.add(at);
      }
    }
    places.sort(null);
    List<SourceText.HexPiece> pieces = new ArrayList<>();
    ByteArrayOutputStream spelled = new ByteArrayOutputStream();
    int from = 0;
    for (long at : places) {
      int start = random.nextInt(data.length - 1);
      int length = 1 + random.nextInt(Math.min(data.length - start, SourceText.WINDOW + 3));
      pieces.add(new SourceText.HexPiece(at, start, length));
      spelled.write(plainBytes, from, (int) at - from);
      spelled.writeBytes(
          HexFormat.of()
              .withUpperCase()
              .formatHex(data, start, start + length)
              .getBytes(StandardCharsets.US_ASCII));
      from = (int) at;
    }
    spelled.write(plainBytes, from, plainBytes.length - from);
    SourceText text =
        SourceText.withHex(
            "t.mlirbc",
            SourceText.open("t.mlirbc", plainFile),
            SourceText.open("data", dataFile),
            pieces);
    return new Made(text, spelled.toByteArray(), dataFile);
  }

  @Test
  void readsAsTheTextSpelledOut(@TempDir Path dir) throws IOException {
    Made made = make(dir, 1, 40_000);
    SourceText text = made.text();
    byte[] spelled = made.spelled();
    SourceText same = SourceText.ofBytes("t.mlirbc", spelled);
    assertEquals(spelled.length, text.length());
    assertTrue(text.contentEquals(same));
    Random random = new Random(2);
    SourceText.Cursor cursor = text.cursor();
    for (int i = 0; i < 3000; i++) {
      long start = random.nextInt(spelled.length);
      long end = Math.min(spelled.length, start + random.nextInt(70_000));
      assertArrayEquals(same.bytes(start, end), text.bytes(start, end), "bytes at " + start);
      assertEquals(same.string(start, end), cursor.substring(start, end), "cursor at " + start);
      assertEquals(same.charAt(start), cursor.charAt(start));
      assertEquals(same.indexOf('\n', start), text.indexOf('\n', start), "line end after " + start);
      assertEquals(same.indexOf('7', start, end), text.indexOf('7', start, end));
      assertEquals(same.locationOf(start), text.locationOf(start), "place of " + start);
    }
    SourceText.Cursor reference = same.cursor();
    for (long p = 0; p >= 0 && p < spelled.length; ) {
      long found = cursor.indexOfStringBreak(p);
      assertEquals(reference.indexOfStringBreak(p), found, "string break after " + p);
      p = found < 0 ? -1 : found + 1;
    }
  }

  @Test
  void copiesAsTheTextSpelledOut(@TempDir Path dir) throws IOException {
    Made made = make(dir, 3, 2_000);
    byte[] spelled = made.spelled();
    Random random = new Random(4);
    for (int i = 0; i < 40; i++) {
      long start = random.nextInt(spelled.length);
      long end = start + random.nextInt((int) (spelled.length - start) + 1);
      Path out = dir.resolve("out-" + i);
      try (FileChannel channel =
          FileChannel.open(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        made.text().copyTo(start, end, channel);
      }
      assertArrayEquals(
          java.util.Arrays.copyOfRange(spelled, (int) start, (int) end),
          Files.readAllBytes(out),
          "[" + start + ", " + end + ")");
      Files.delete(out);
      ByteArrayOutputStream stream = new ByteArrayOutputStream();
      made.text().copyTo(start, end, stream, new byte[4099]);
      assertArrayEquals(
          java.util.Arrays.copyOfRange(spelled, (int) start, (int) end), stream.toByteArray());
    }
  }

  @Test
  void searchesJumpOverTheDigitsWithoutReadingTheData(@TempDir Path dir) throws IOException {
    Made made = make(dir, 5, 3_000);
    SourceText text = made.text();
    SourceText same = SourceText.ofBytes("t.mlirbc", made.spelled());
    Files.write(made.data(), new byte[] {1, 2, 3}); // any read of the data would now fail
    SourceText.Cursor cursor = text.cursor();
    SourceText.Cursor reference = same.cursor();
    for (long p = 0; p >= 0; ) {
      long found = cursor.indexOf('\n', p);
      assertEquals(reference.indexOf('\n', p), found);
      p = found < 0 ? -1 : found + 1;
    }
    assertEquals(same.locationOf(same.length()), text.locationOf(text.length()));
    DiagnosticException changed =
        assertThrows(DiagnosticException.class, () -> text.bytes(0, text.length()));
    assertTrue(changed.getMessage().contains("changed"), changed.getMessage());
  }

  @Test
  void badUtf8AfterAPieceIsFoundAtItsPlace(@TempDir Path dir) throws IOException {
    byte[] plain = "a\n\"0x\"\nb \u00ff\n".getBytes(StandardCharsets.ISO_8859_1);
    Path plainFile = Files.write(dir.resolve("plain"), plain);
    Path dataFile = Files.write(dir.resolve("data"), new byte[2 * SourceText.WINDOW]);
    SourceText text =
        SourceText.withHex(
            "t.mlirbc",
            SourceText.open("t.mlirbc", plainFile),
            SourceText.open("data", dataFile),
            List.of(new SourceText.HexPiece(5, 0, 2 * SourceText.WINDOW)));
    SourceText.Cursor cursor = text.cursor();
    DiagnosticException bad =
        assertThrows(DiagnosticException.class, () -> cursor.charAt(text.length() - 1));
    assertEquals(
        "t.mlirbc:3:3: error: invalid UTF-8 byte sequence (the file must be UTF-8)",
        bad.diagnostic().format().lines().findFirst().orElseThrow());
  }

  @Test
  void piecesOutOfOrderOrPastTheDataAreRefused(@TempDir Path dir) {
    SourceText plain = new SourceText("p", "0123456789");
    SourceText data = new SourceText("d", "abcd");
    assertThrows(
        IllegalArgumentException.class,
        () ->
            SourceText.withHex(
                "t",
                plain,
                data,
                List.of(new SourceText.HexPiece(5, 0, 1), new SourceText.HexPiece(4, 0, 1))));
    assertThrows(
        IllegalArgumentException.class,
        () -> SourceText.withHex("t", plain, data, List.of(new SourceText.HexPiece(1, 2, 3))));
  }
}
