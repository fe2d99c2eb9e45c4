package org.mlirlink.read.bytecode;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mlirlink.model.OpTable;
import org.mlirlink.model.SourceText;

/**
 * Turns MLIR bytecode into MLIR text in generic form, which the linker then reads like any other
 * input. Versions 0 to 6 of the format are read, as LLVM 22 and IREE 3.13.0 write them: builtin
 * attributes and types in the builtin dialect's binary encoding, other dialects' as the assembly
 * text they are stored as, locations kept, resources written out as the text's resource section,
 * and op properties decoded with the op table of {@value OpTable#RELEASE} (a file written by
 * another release whose properties differ is refused, never guessed at).
 *
 * <pre>{@code
 * byte[] text = BytecodeReader.toText(Files.readAllBytes(Path.of("lib.mlirbc")));
 * }</pre>
 *
 * <p>Malformed input throws {@link MalformedBytecodeException} with the offset where it went wrong.
 */
public final class BytecodeReader {
  private BytecodeReader() {}

  /** The generic-form text of the bytecode file {@code bytes}, one byte a character as written. */
  public static byte[] toText(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length * 4 + 64);
    try {
      toText(bytes, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Writes the generic-form text of the bytecode file {@code bytes} to {@code out}. */
  public static void toText(byte[] bytes, OutputStream out) throws IOException {
    toText(BytecodeFile.of(bytes), out);
  }

  /**
   * Writes the generic-form text of the bytecode file {@code source} to {@code out}. The file's
   * resources, when they are large, are not held in memory: they are read from the file a piece at
   * a time as they are written out.
   */
  public static void toText(SourceText source, OutputStream out) throws IOException {
    toText(BytecodeFile.load(source, LARGEST_HELD_RESOURCES), out);
  }

  /** Resources up to this size are read into memory with the rest of the file. */
  static final long LARGEST_HELD_RESOURCES = 16L << 20;

  /**
   * The generic-form text of the bytecode file {@code source}, as a text the linker reads. A blob
   * of at least {@value #SMALLEST_LEFT_IN_FILE} bytes is not written out: the text shows the file's
   * bytes as hex digits ({@link SourceText#withHex}), made only when they are read or copied to the
   * output. The rest of the text is held in memory, or in a temporary file (removed when the JVM
   * ends) when it grows past {@value #LARGEST_TEXT_HELD} bytes.
   *
   * <pre>{@code
   * SourceText text = BytecodeReader.toSource(SourceText.open("model.mlirbc", path));
   * }</pre>
   *
   * @throws IOException when the temporary file cannot be written
   */
  public static SourceText toSource(SourceText source) throws IOException {
    List<SourceText.HexPiece> pieces = new ArrayList<>();
    SourceText plain;
    try (HeldText text = new HeldText(source.name())) {
      toText(
          BytecodeFile.load(source, LARGEST_HELD_RESOURCES),
          text,
          (start, length) -> {
            if (length < SMALLEST_LEFT_IN_FILE) {
              return false;
            }
            pieces.add(new SourceText.HexPiece(text.count(), start, length));
            return true;
          });
      plain = text.toSource();
    }
    return pieces.isEmpty() ? plain : SourceText.withHex(source.name(), plain, source, pieces);
  }

  /** Blobs this large stay in the bytecode file when it is read by {@link #toSource}. */
  static final long SMALLEST_LEFT_IN_FILE = 64L << 10;

  /** Text past this size goes to a temporary file. */
  static final long LARGEST_TEXT_HELD = 64L << 20;

  private static void toText(BytecodeFile file, OutputStream out) throws IOException {
    toText(file, out, (start, length) -> false);
  }

  private static void toText(BytecodeFile file, OutputStream out, Resources.Digits digits)
      throws IOException {
    byte[] bytes = file.bytes();
    BytecodeStructure structure;
    try {
      structure = BytecodeStructure.read(file);
    } catch (MalformedBytecodeException e) {
      throw e.at(file.fileOffset(e.offset()));
    }
    try {
      AttrTypeTable table = AttrTypeTable.read(bytes, structure);
      Resources resources = new Resources(file, structure);
      BuiltinTypes types = new BuiltinTypes(bytes, table);
      BuiltinAttributes attributes =
          new BuiltinAttributes(
              bytes,
              structure,
              table,
              types,
              index -> {
                if (index < 0 || index >= resources.count()) {
                  throw new MalformedBytecodeException(
                      0, "resource " + index + " of " + resources.count());
                }
                return resources.key(index);
              });
      Names names = new Names(structure, table, types, attributes);
      OpProperties properties = new OpProperties(bytes, structure, names);
      IrSection.Tree tree =
          IrSection.read(
              bytes,
              structure,
              new IrSection.Context() {
                @Override
                public int attributeCount() {
                  return table.attributes().size();
                }

                @Override
                public int typeCount() {
                  return table.types().size();
                }

                @Override
                public int operationNameCount() {
                  return structure.operationNames().size();
                }

                @Override
                public boolean isModule(int opName) {
                  return structure.operationNames().get(opName).fullName().equals("builtin.module");
                }

                @Override
                public String properties(int opName, ByteReader in) {
                  return properties.read(opName, in);
                }
              });
      GenericPrinter.print(tree, names, out);
      resources.write(out, digits);
    } catch (MalformedBytecodeException e) {
      throw e.in(structure).at(file.fileOffset(e.offset()));
    }
  }

  /**
   * Text as it is written: in memory up to {@link #LARGEST_TEXT_HELD} bytes, then in a temporary
   * file. It counts what it was given, so that a blob left in the bytecode file gets its place.
   */
  private static final class HeldText extends OutputStream {
    private final String name;
    private ByteArrayOutputStream memory = new ByteArrayOutputStream(1 << 16);
    private Path file;
    private OutputStream spilled;
    private long count;

    HeldText(String name) {
      this.name = name;
    }

    long count() {
      return count;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (spilled == null && count + len > LARGEST_TEXT_HELD) {
        file = Files.createTempFile("mlir-link-", ".mlir");
        file.toFile().deleteOnExit();
        spilled = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        memory.writeTo(spilled);
        memory = null;
      }
      if (spilled != null) {
        spilled.write(b, off, len);
      } else {
        memory.write(b, off, len);
      }
      count += len;
    }

    /** The text written, under the bytecode file's name. */
    SourceText toSource() throws IOException {
      if (spilled == null) {
        return SourceText.ofBytes(name, memory.toByteArray());
      }
      spilled.close();
      return SourceText.open(name, file);
    }

    @Override
    public void close() throws IOException {
      if (spilled != null) {
        spilled.close();
      }
    }
  }

  /** The printed text of the file's names, attributes and types. */
  private static final class Names implements GenericPrinter.Names, OpProperties.Attributes {
    private final BytecodeStructure structure;
    private final AttrTypeTable table;
    private final BuiltinTypes types;
    private final BuiltinAttributes attributes;

    Names(
        BytecodeStructure structure,
        AttrTypeTable table,
        BuiltinTypes types,
        BuiltinAttributes attributes) {
      this.structure = structure;
      this.table = table;
      this.types = types;
      this.attributes = attributes;
    }

    @Override
    public String operationName(int index) {
      return structure.operationNames().get(index).fullName();
    }

    @Override
    public String attribute(int index) {
      return print(index);
    }

    @Override
    public String type(int index) {
      return types.print(index);
    }

    @Override
    public int count() {
      return table.attributes().size();
    }

    @Override
    public String print(int index) {
      AttrTypeTable.Entry entry = table.attribute(index);
      return entry.isBinary() ? attributes.print(index) : entry.assembly();
    }

    @Override
    public boolean fits(int index, String kind) {
      AttrTypeTable.Entry entry = table.attribute(index);
      int dot = kind.indexOf('.');
      if (dot > 0) {
        return entry.dialect().equals(kind.substring(0, dot));
      }
      if (!entry.isBinary()) {
        return true;
      }
      BuiltinAttributes.Kind builtin = attributes.kind(index);
      return builtin == null || KindFit.fits(kind, builtin);
    }
  }
}
