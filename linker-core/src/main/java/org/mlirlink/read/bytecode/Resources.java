package org.mlirlink.read.bytecode;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.mlirlink.model.Hex;
import org.mlirlink.read.bytecode.BytecodeStructure.Section;

/**
 * The resources of a bytecode file ({@code dense_resource} blobs and the like), written out as the
 * {@code {-# dialect_resources: ... #-}} section of MLIR text.
 *
 * <p>The ResourceOffset section says what the Resource section holds: the number of groups of
 * external resources, each group its name and entries; then groups of a dialect's resources, each
 * the dialect's index and entries. A group's entries are a count, then per entry its key (a string
 * index), its size in the Resource section and its kind (a byte: 0 a blob, 1 a boolean, 2 a
 * string); the entries' data lie one after the other in the Resource section and fill it. A blob is
 * its alignment and size (varints), padding to the alignment (bytes {@code 0xCB}, aligned as file
 * offsets), then its bytes. MLIR text writes a blob as {@code "0x"}, its alignment as four
 * little-endian bytes, then its bytes, in hex.
 *
 * <p>A dialect's resources are numbered in the order they are listed, across dialects: a {@code
 * dense_resource} attribute names its blob by that number ({@link #key(int)}).
 */
final class Resources {
  private static final int BLOB = 0;
  private static final int BOOL = 1;
  private static final int STRING = 2;
  private static final int PADDING = 0xCB;

  /** One entry: its group, key, kind and where its data is, as offsets of the file. */
  private record Entry(
      String group, boolean external, String key, int kind, long start, long end) {}

  /** How much of a blob is turned into hex at a time. */
  private static final int CHUNK = 1 << 20;

  private final BytecodeFile file;
  private final BytecodeStructure structure;
  private final List<Entry> entries = new ArrayList<>();

  /** The dialect resources, in the order attributes number them. */
  private final List<Entry> dialectEntries = new ArrayList<>();

  Resources(BytecodeFile file, BytecodeStructure structure) {
    this.file = file;
    this.structure = structure;
    int[] offsets = structure.extent(Section.RESOURCE_OFFSET);
    long[] data = structure.resourceExtentInFile();
    if (offsets.length == 0) {
      if (data.length != 0) {
        throw new MalformedBytecodeException(
            structure.extent(Section.RESOURCE)[0],
            "a Resource section without a ResourceOffset section");
      }
      return;
    }
    if (data.length == 0) {
      data = new long[] {0, 0};
    }
    ByteReader in =
        new ByteReader(file.bytes(), offsets[0], offsets[1], "the ResourceOffset section");
    long next = data[0];
    int external = in.readSize("the number of external resource groups");
    for (int group = 0; !in.atEnd() || group < external; group++) {
      int at = in.position();
      String name;
      if (group < external) {
        name = string(structure, in, "an external resource group's name");
      } else {
        int dialect = in.readSize("a resource group's dialect");
        if (dialect >= structure.dialects().size()) {
          throw new MalformedBytecodeException(
              at, "dialect " + dialect + " of " + structure.dialects().size());
        }
        name = structure.dialects().get(dialect);
      }
      int count = in.readSize("the number of resources in a group");
      for (int i = 0; i < count; i++) {
        String key = string(structure, in, "a resource's key");
        int sizeAt = in.position();
        long size = in.readVarInt("a resource's size");
        int kind = in.readByte("a resource's kind");
        if (kind > STRING) {
          throw new MalformedBytecodeException(sizeAt, "unknown resource kind " + kind);
        }
        if (size < 0 || size > data[1] - next) {
          throw new MalformedBytecodeException(
              sizeAt, "a resource of " + size + " bytes runs past the Resource section");
        }
        Entry entry = new Entry(name, group < external, key, kind, next, next + size);
        next += size;
        entries.add(entry);
        if (group >= external) {
          dialectEntries.add(entry);
        }
      }
    }
    if (next != data[1]) {
      throw new MalformedBytecodeException(
          structure.extent(Section.RESOURCE)[0],
          (data[1] - next) + " bytes of the Resource section belong to no resource");
    }
  }

  private static String string(BytecodeStructure structure, ByteReader in, String what) {
    int at = in.position();
    int index = in.readSize(what);
    if (index >= structure.strings().size()) {
      throw new MalformedBytecodeException(
          at, "string " + index + " of " + structure.strings().size());
    }
    return structure.strings().get(index);
  }

  /** How many dialect resources attributes may name. */
  int count() {
    return dialectEntries.size();
  }

  /** The key of the {@code index}th dialect resource, unquoted. */
  String key(int index) {
    return dialectEntries.get(index).key();
  }

  /**
   * Where a blob's digits may be left out of the text: told the file range of a blob's bytes, at
   * the moment its digits would be written, it says whether it took them (to be made later).
   */
  interface Digits {
    boolean take(long fileStart, long length);
  }

  /** Writes the resources as MLIR text's resource section; nothing when there are none. */
  void write(OutputStream out) throws IOException {
    write(out, (start, length) -> false);
  }

  /**
   * Writes the resources as MLIR text's resource section, offering each blob's digits to {@code
   * digits} first.
   */
  void write(OutputStream out, Digits digits) throws IOException {

    if (entries.isEmpty()) {
      return;
    }
    StringBuilder text = new StringBuilder("\n{-#\n");
    boolean firstKind = true;
    for (boolean external : new boolean[] {false, true}) {
      String previous = null;
      boolean any = false;
      for (Entry entry : entries) {
        if (entry.external() != external) {
          continue;
        }
        if (!any) {
          text.append(firstKind ? "" : ",\n")
              .append(external ? "  external_resources: {\n" : "  dialect_resources: {\n");
          firstKind = false;
          any = true;
        }
        if (!entry.group().equals(previous)) {
          text.append(previous == null ? "" : "\n    },\n")
              .append("    ")
              .append(TextEscapes.identifier(entry.group()))
              .append(": {\n");
          previous = entry.group();
        } else {
          text.append(",\n");
        }
        text.append("      ").append(TextEscapes.identifier(entry.key())).append(": ");
        out.write(text.toString().getBytes(StandardCharsets.ISO_8859_1));
        text.setLength(0);
        writeValue(entry, out, digits);
      }
      if (any) {
        text.append("\n    }\n  }");
      }
    }
    text.append("\n#-}\n");
    out.write(text.toString().getBytes(StandardCharsets.ISO_8859_1));
  }

  private void writeValue(Entry entry, OutputStream out, Digits digits) throws IOException {
    // The data's head (a kind's few varints) is read into memory; a blob's bytes are streamed.
    int headLength = (int) Math.min(entry.end() - entry.start(), 32);
    byte[] head = file.read(entry.start(), headLength);
    ByteReader in = new ByteReader(head, 0, head.length, "a resource");
    String text;
    try {
      switch (entry.kind()) {
        case BOOL -> text = in.readByte("a boolean resource") != 0 ? "true" : "false";
        case STRING -> text = TextEscapes.quoted(string(structure, in, "a string resource"));
        default -> {
          writeBlob(entry, in, out, digits);
          return;
        }
      }
    } catch (MalformedBytecodeException e) {
      // The head's offsets are its own: moved to the file's.
      throw e.isFileOffset()
          ? e
          : MalformedBytecodeException.inFile(entry.start() + e.offset(), e.getMessage());
    }
    if (in.position() != entry.end() - entry.start()) {
      throw MalformedBytecodeException.inFile(
          entry.start() + in.position(), "a resource has bytes left unread");
    }
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  /**
   * A blob: its alignment and size, padding to the alignment (as file offsets), then its bytes,
   * which are read and written a chunk at a time.
   */
  private void writeBlob(Entry entry, ByteReader head, OutputStream out, Digits digits)
      throws IOException {
    long alignment = head.readVarInt("a blob's alignment");
    long size = head.readVarInt("a blob's size");
    if (alignment == 0 || Long.bitCount(alignment) != 1 || alignment > 1L << 30) {
      throw MalformedBytecodeException.inFile(
          entry.start(), "a blob's alignment " + alignment + " is not a power of two");
    }
    long p = entry.start() + head.position();
    long padding = (alignment - p % alignment) % alignment;
    if (size < 0 || padding + size != entry.end() - p) {
      throw MalformedBytecodeException.inFile(
          entry.start(), "a blob of " + size + " bytes does not fill its resource");
    }
    byte[] pad = file.read(p, (int) padding);
    for (int i = 0; i < pad.length; i++) {
      if ((pad[i] & 0xFF) != PADDING) {
        throw MalformedBytecodeException.inFile(p + i, "a blob's padding is not 0xCB");
      }
    }
    p += padding;
    out.write(new byte[] {'"', '0', 'x'});
    byte[] alignmentBytes = {
      (byte) alignment, (byte) (alignment >> 8), (byte) (alignment >> 16), (byte) (alignment >> 24)
    };
    writeHex(out, alignmentBytes, 4, new byte[8]);
    if (digits.take(p, entry.end() - p)) {
      out.write('"');
      return;
    }
    byte[] chunk = new byte[(int) Math.min(CHUNK, entry.end() - p)];
    byte[] hex = new byte[2 * chunk.length];
    for (long end = entry.end(); p < end; ) {
      int count = (int) Math.min(chunk.length, end - p);
      file.readInto(p, chunk, count);
      writeHex(out, chunk, count, hex);
      p += count;
    }
    out.write('"');
  }

  /** Writes {@code data[0, count)} in hex through {@code buffer}, twice as long. */
  private static void writeHex(OutputStream out, byte[] data, int count, byte[] buffer)
      throws IOException {
    Hex.encode(data, 0, count, buffer, 0);
    out.write(buffer, 0, 2 * count);
  }
}
