package org.mlirlink.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlirlink.Linker;
import org.mlirlink.Source;

/**
 * An input past 2 GB: a library whose function uses a 3 GB {@code dense_resource} blob, linked by
 * the shipped launcher with the heap capped at 256 MB. The output must be what the in-memory path
 * gives for the same files with a small blob, with the big blob in its place: the text around it
 * compared byte for byte, the blob by checksum (never read into memory). Needs about 6.5 GB of free
 * disk for the input and the output; with less, it is skipped and says so.
 */
@Tag("launcher")
class HugeInputTest {
  private static final Path BIN = CliRun.linkCases().getParent().getParent().resolve("bin");
  private static final long BLOB_DIGITS = 3L * 1000 * 1000 * 1000; // hex digits after "0x"

  private static final String MAIN =
      "module @main {\n"
          + "  util.func private @lib.weights() -> tensor<4xf32>\n"
          + "  util.func public @run() -> tensor<4xf32> {\n"
          + "    %w = util.call @lib.weights() : () -> tensor<4xf32>\n"
          + "    util.return %w : tensor<4xf32>\n"
          + "  }\n"
          + "}\n";

  private static final String LIB_HEAD =
      "module @lib {\n"
          + "  util.func public @weights() -> tensor<4xf32> {\n"
          + "    %c = arith.constant dense_resource<big> : tensor<4xf32>\n"
          + "    util.return %c : tensor<4xf32>\n"
          + "  }\n"
          + "}\n"
          + "{-#\n  dialect_resources: {\n    builtin: {\n      big: \"0x";

  private static final String LIB_TAIL = "\"\n    }\n  }\n#-}\n";

  @TempDir Path tmp;

  @Test
  void aThreeGigabyteBlobLinksUnderA256MegabyteHeap() throws Exception {
    long free = Files.getFileStore(tmp).getUsableSpace();
    assumeTrue(
        free > 2 * BLOB_DIGITS + (500L << 20),
        "skipped: linking a 3 GB input needs 6.5 GB of free disk under "
            + tmp
            + ", there are "
            + (free >> 20)
            + " MB");
    Path main = Files.writeString(tmp.resolve("main.mlir"), MAIN);
    Path lib = tmp.resolve("lib.mlir");
    long blobCrc = writeLibrary(lib, BLOB_DIGITS);
    Path out = tmp.resolve("out.mlir");

    ProcessBuilder launcher =
        new ProcessBuilder(
                BIN.resolve("mlir-link").toString(),
                main.toString(),
                "--link-module",
                lib.toString(),
                "-o",
                out.toString())
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("log.txt").toFile());
    launcher.environment().put("MLIR_LINK_JAVA_OPTS", "-Xmx256m");
    Process run = launcher.start();
    assertTrue(run.waitFor(10, TimeUnit.MINUTES), "the link did not finish in 10 minutes");
    String log = Files.readString(tmp.resolve("log.txt"));
    assertEquals(0, run.exitValue(), log);
    assertEquals("", log);
    Files.delete(lib); // room for the checks' own reads of the output

    // The same link in memory, with a blob of 8 digits: the text the big output must have around
    // its blob.
    String small =
        Linker.builder()
            .main(Source.of("main.mlir", MAIN))
            .linkModule(Source.of("lib.mlir", LIB_HEAD + "00000000" + LIB_TAIL))
            .build()
            .link()
            .text();
    int blobAt = small.indexOf("\"0x00000000\"") + 3;
    byte[] before = small.substring(0, blobAt).getBytes(StandardCharsets.UTF_8);
    byte[] after = small.substring(blobAt + 8).getBytes(StandardCharsets.UTF_8);
    assertEquals(before.length + BLOB_DIGITS + after.length, Files.size(out), "output size");
    try (FileChannel linked = FileChannel.open(out)) {
      assertArrayEquals(before, read(linked, 0, before.length), "text before the blob");
      assertArrayEquals(
          after, read(linked, before.length + BLOB_DIGITS, after.length), "text after the blob");
      assertEquals(blobCrc, crc(linked, before.length, BLOB_DIGITS), "the blob's checksum");
    }
  }

  /** Writes the library with {@code digits} hex digits of blob; returns their CRC-32. */
  private static long writeLibrary(Path lib, long digits) throws IOException {
    CRC32 crc = new CRC32();
    byte[] chunk = new byte[1 << 20];
    for (int i = 0; i < chunk.length; i++) {
      chunk[i] = (byte) "0123456789abcdef".charAt((i * 7 + i / 16) & 15);
    }
    try (FileChannel out =
        FileChannel.open(lib, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      write(out, LIB_HEAD.getBytes(StandardCharsets.UTF_8));
      for (long done = 0; done < digits; ) {
        int n = (int) Math.min(chunk.length, digits - done);
        crc.update(chunk, 0, n);
        write(out, Arrays.copyOf(chunk, n));
        done += n;
      }
      write(out, LIB_TAIL.getBytes(StandardCharsets.UTF_8));
    }
    return crc.getValue();
  }

  private static void write(FileChannel out, byte[] bytes) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) {
      out.write(buffer);
    }
  }

  private static byte[] read(FileChannel in, long at, int n) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(n);
    while (buffer.hasRemaining() && in.read(buffer, at + buffer.position()) >= 0) {
      // read on
    }
    return buffer.array();
  }

  private static long crc(FileChannel in, long at, long n) throws IOException {
    CRC32 crc = new CRC32();
    ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
    for (long done = 0; done < n; ) {
      buffer.clear().limit((int) Math.min(buffer.capacity(), n - done));
      int read = in.read(buffer, at + done);
      assertTrue(read > 0, "the output ends early");
      buffer.flip();
      crc.update(buffer);
      done += read;
    }
    return crc.getValue();
  }
}
