package org.mlirlink.read.bytecode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.mlirlink.read.bytecode.BytecodeStructure.OperationName;
import org.mlirlink.read.bytecode.BytecodeStructure.Section;
import org.mlirlink.testing.IreeTools;
import org.mlirlink.testing.MlirTools;

/**
 * The framing and tables of bytecode that the real {@code iree-opt --emit-bytecode} writes: every
 * section read to its exact end, the operation names the file holds exactly those that {@code
 * iree-opt --mlir-print-op-generic} prints for the same text, and every attribute and type kept as
 * assembly text one that the print holds.
 */
class BytecodeStructureTest {
  private static final Pattern GENERIC_OP = Pattern.compile("\"([a-z_][\\w$]*\\.[\\w$.]+)\"\\(");

  @TempDir Path temp;

  @Test
  void varintsOfEveryWidthRead() {
    // 5 in one byte; 300 in two; 2^40 + 1 in six; 2^63 in the nine-byte form.
    byte[] bytes = {
      0x0B,
      (byte) (((300 << 2) | 2) & 0xFF),
      (byte) ((300 << 2) >> 8),
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      (byte) 0x80
    };
    long big = (1L << 40) + 1;
    long sixBytes = (big << 6) | 0x20;
    byte[] six = new byte[6];
    for (int i = 0; i < 6; i++) {
      six[i] = (byte) (sixBytes >>> (8 * i));
    }
    byte[] all = new byte[3 + 6 + 9];
    System.arraycopy(bytes, 0, all, 0, 3);
    System.arraycopy(six, 0, all, 3, 6);
    all[9] = 0;
    all[17] = (byte) 0x80;
    ByteReader in = new ByteReader(all, 0, all.length, "the test");
    assertEquals(5, in.readVarInt("a"));
    assertEquals(300, in.readVarInt("b"));
    assertEquals(big, in.readVarInt("c"));
    assertEquals(Long.MIN_VALUE, in.readVarInt("d"));
    assertTrue(in.atEnd());
  }

  @Test
  void aFileThatIsNotBytecodeSaysSo() {
    MalformedBytecodeException e =
        assertThrows(
            MalformedBytecodeException.class, () -> BytecodeStructure.read("module {}".getBytes()));
    assertEquals(0, e.offset());
    assertTrue(e.getMessage().startsWith("not MLIR bytecode"), e.getMessage());
    assertFalse(BytecodeStructure.isBytecode("module {}".getBytes()));
  }

  @TestFactory
  Stream<DynamicTest> everyComponentReadsAtEveryVersion() throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(MlirTools.projectRoot().resolve("components"))) {
      walk.filter(p -> p.toString().endsWith(".mlir")).sorted().forEach(files::add);
    }
    assertFalse(files.isEmpty());
    List<DynamicTest> tests = new ArrayList<>();
    for (Path file : files) {
      for (int version = 0; version <= BytecodeStructure.NEWEST_VERSION; version++) {
        int v = version;
        tests.add(
            DynamicTest.dynamicTest(
                MlirTools.projectRoot().relativize(file) + " v" + v, () -> check(file, v)));
      }
    }
    return tests.stream();
  }

  /** Programs IREE compiled to a later phase (the link cases that name their phase). */
  @TestFactory
  Stream<DynamicTest> everyCompiledProgramOfTheLinkCasesReads() throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(MlirTools.projectRoot().resolve("testdata/link"))) {
      walk.filter(p -> p.toString().endsWith(".mlir") && !p.endsWith("expected.mlir"))
          .filter(p -> Files.exists(p.resolveSibling("phase")))
          .sorted()
          .forEach(files::add);
    }
    assertTrue(files.size() >= 6, files.toString());
    return files.stream()
        .map(
            file ->
                DynamicTest.dynamicTest(
                    MlirTools.projectRoot().relativize(file).toString(),
                    () -> check(file, BytecodeStructure.NEWEST_VERSION)));
  }

  /**
   * A file cut anywhere does not read, even where the cut falls between sections (the sections
   * after it may be optional ones, so it is the reader of the whole file that finds them missing).
   */
  @Test
  void truncatedFilesAreErrorsAtTheirEnd() throws IOException {
    byte[] whole = emit(MlirTools.projectRoot().resolve("components/activation/swiglu.mlir"), 6);
    BytecodeReader.toText(whole);
    for (int length = 4; length < whole.length; length++) {
      byte[] cut = Arrays.copyOf(whole, length);
      MalformedBytecodeException e =
          assertThrows(
              MalformedBytecodeException.class,
              () -> BytecodeReader.toText(cut),
              "the first " + length + " bytes");
      assertTrue(e.offset() <= length, e.offset() + " > " + length + ": " + e.getMessage());
    }
  }

  @Test
  void anAttributeWhoseSizeIsWrongIsAnError() throws IOException {
    byte[] bytes = emit(MlirTools.projectRoot().resolve("components/activation/swiglu.mlir"), 6);
    BytecodeStructure structure = BytecodeStructure.read(bytes);
    AttrTypeTable.read(bytes, structure);
    // The first entry's size: after the two counts and the first group's dialect and count, all
    // one-byte varints in this small file. Two bytes more move every entry after it.
    int at = structure.extent(Section.ATTR_TYPE_OFFSET)[0] + 4;
    assertEquals(1, bytes[at] & 1, "a one-byte varint");
    bytes[at] += 4;
    MalformedBytecodeException e =
        assertThrows(MalformedBytecodeException.class, () -> AttrTypeTable.read(bytes, structure));
    // Every later entry has moved: the first that no longer fits says so, at its place.
    int[] data = structure.extent(Section.ATTR_TYPE);
    assertTrue(e.offset() >= data[0] && e.offset() <= data[1], e.offset() + ": " + e.getMessage());
  }

  private void check(Path file, int version) throws IOException {
    byte[] bytes = emit(file, version);
    assertTrue(BytecodeStructure.isBytecode(bytes));
    BytecodeStructure structure = BytecodeStructure.read(bytes);
    assertEquals(version, structure.version());
    assertTrue(structure.producer().startsWith("MLIR"), structure.producer());
    for (Section section : List.of(Section.STRING, Section.DIALECT, Section.IR)) {
      assertTrue(structure.has(section), section.displayName());
    }
    Set<String> ours = new TreeSet<>();
    for (OperationName name : structure.operationNames()) {
      assertTrue(structure.dialects().contains(name.dialect()));
      assertTrue(name.registered(), name.fullName());
      ours.add(name.fullName());
    }
    String printed = genericText(file);
    assertEquals(generic(printed), ours);
    // Attributes and types: the table fills its section, and each one kept as text is text that
    // iree-opt prints for the file (with no alias, as it is stored).
    AttrTypeTable table = AttrTypeTable.read(bytes, structure);
    List<AttrTypeTable.Entry> all = new ArrayList<>(table.attributes());
    all.addAll(table.types());
    assertFalse(all.isEmpty());
    for (AttrTypeTable.Entry entry : all) {
      assertTrue(structure.dialects().contains(entry.dialect()), entry.dialect());
      if (entry.isBinary()) {
        assertEquals("builtin", entry.dialect(), "only the builtin dialect encodes in binary");
      } else {
        assertTrue(printed.contains(entry.assembly()), entry.assembly() + " is not in the print");
      }
    }
    // Builtin types in binary, printed as MLIR prints them: each is in the print too, as a whole
    // word or as the element type of a shape (4xi8). All but memrefs and tensors whose encoding is
    // a builtin attribute in binary are printed.
    BuiltinTypes types = new BuiltinTypes(bytes, table);
    for (int i = 0; i < table.types().size(); i++) {
      String type = types.print(i);
      if (type == null) {
        assertTrue(table.type(i).isBinary());
        assertFalse(
            file.startsWith(MlirTools.projectRoot().resolve("components")),
            "a type of a component is not printed: type " + i);
        continue;
      }
      assertTrue(
          Pattern.compile("(?:(?<![\\w.$])|(?<=[0-9?\\]]x))" + Pattern.quote(type) + "(?![\\w.$])")
              .matcher(printed)
              .find(),
          type + " is not in the print");
    }
  }

  private byte[] emit(Path file, int version) throws IOException {
    Path out = temp.resolve(file.getFileName() + "." + version + ".mlirbc");
    MlirTools.Run run = IreeTools.emitBytecode(file, out, "--emit-bytecode-version=" + version);
    assertTrue(run.ok(), run.stderr());
    return Files.readAllBytes(out);
  }

  /** What {@code iree-opt} prints for the file in generic form. */
  private static String genericText(Path file) {
    MlirTools.Run run = IreeTools.printGeneric(file, "--mlir-print-local-scope");
    assertTrue(run.ok(), run.stderr());
    return run.stdout();
  }

  /** The op names of a generic-form print. */
  private static Set<String> generic(String printed) {
    Set<String> names = new TreeSet<>();
    Matcher m = GENERIC_OP.matcher(printed);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }
}
