package org.mlirlink.read.bytecode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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

  private static void toText(BytecodeFile file, OutputStream out) throws IOException {
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
      resources.write(out);
    } catch (MalformedBytecodeException e) {
      throw e.in(structure).at(file.fileOffset(e.offset()));
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
