package org.mlirlink.read.bytecode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.mlirlink.read.bytecode.BuiltinAttributes.Kind;
import org.mlirlink.read.bytecode.BytecodeStructure.Section;
import org.mlirlink.testing.IreeTools;
import org.mlirlink.testing.MlirTools;

/**
 * Builtin attributes (and the types that hold attributes) in the binary encoding that the real
 * {@code iree-opt --emit-bytecode} writes, printed and read back by {@code iree-opt}: an op that
 * carries one attribute of every kind prints, in generic form, exactly as the op it was written
 * from, at every version of the format; every attribute and type of the project's MLIR files
 * parses; and broken entries are errors at their byte.
 */
class BuiltinAttributesTest {
  /** One or more attributes of every kind, written as MLIR text. */
  private static final List<String> EVERY_KIND =
      List.of(
          // Arrays, dictionaries, strings, symbols, types, unit.
          "[1 : i32, \"s\", [unit], []]",
          "{b = 1 : i64, \"quoted key\" = \"v\", flag, \"a-b\" = unit, e = {}, \"true\" = 2 : i8}",
          "\"plain\"",
          "\"esc\\\"aped\\\\ \\0A\\09 \\7F\\FF\\00\"",
          "\"typed\" : i32",
          "@sym",
          "@\"quoted-sym\"",
          "@a::@b::@\"c-d\"",
          "i32",
          "(i32, f32) -> (i64, index)",
          "unit",
          // Integers of every width class and signedness.
          "5 : i8",
          "-128 : i8",
          "255 : ui8",
          "-5 : si16",
          "300 : i16",
          "-1 : i64",
          "9223372036854775807 : i64",
          "18446744073709551615 : ui64",
          "123456789012345678901234567890 : i128",
          "-123456789012345678901234567890 : i128",
          "340282366920938463463374607431768211455 : ui128",
          "true",
          "false",
          "1 : ui1",
          "-1 : si1",
          "5 : index",
          "-7 : index",
          "3 : i3",
          "-2 : i65",
          // Floats, bit-exact: payload NaNs, infinities, negative zero, every format.
          "1.0 : f32",
          "-0.0 : f64",
          "0x7FC00001 : f32",
          "0x7FF0000000000000 : f64",
          "0.1 : f64",
          "2.5 : bf16",
          "1.5 : f16",
          "1.0 : f80",
          "0.1 : f128",
          "1.0 : tf32",
          "1.0 : f8E5M2",
          "1.0 : f8E4M3",
          "1.0 : f8E4M3FN",
          "1.0 : f8E5M2FNUZ",
          "1.0 : f8E4M3FNUZ",
          "1.0 : f8E4M3B11FNUZ",
          "1.0 : f8E3M4",
          "1.0 : f4E2M1FN",
          "1.0 : f6E2M3FN",
          "1.0 : f6E3M2FN",
          "1.0 : f8E8M0FNU",
          // Locations.
          "loc(unknown)",
          "loc(\"f.mlir\":1:2)",
          "loc(\"f\":1:2 to 3:4)",
          "loc(\"f\":1:2 to :4)",
          "loc(\"f\":5)",
          "loc(\"f\":5:2 to 5:2)",
          "loc(\"f\":0:0)",
          "loc(\"name\")",
          "loc(\"name\"(\"f\":1:2))",
          "loc(callsite(\"a\" at \"b\":1:2))",
          "loc(fused[\"a\", \"b\":3:4])",
          "loc(fused<\"meta\">[\"a\"])",
          "loc(fused<{k = 1 : i32}>[unknown, \"x\"(\"y\":1:1 to 2:2)])",
          // Dense data.
          "dense_resource<blob1> : tensor<3xi32>",
          "dense_resource<\"key-2\"> : tensor<1xi32>",
          "array<i1: true, false, true>",
          "array<i8: -1, 2>",
          "array<i16: 300>",
          "array<i32>",
          "array<i64: -9223372036854775808, 7>",
          "array<f32: 1.0, -2.5>",
          "array<f64: 0.1>",
          "array<ui8: 255>",
          "array<bf16: 1.0>",
          "dense<[1, 2]> : tensor<2xi32>",
          "dense<5> : tensor<4xi32>",
          "dense<[[1, 2], [3, 4]]> : vector<2x2xi8>",
          "dense<1.5> : tensor<2x3xf16>",
          "dense<[true, false, true]> : tensor<3xi1>",
          "dense<true> : tensor<5xi1>",
          "dense<false> : tensor<i1>",
          "dense<[true]> : tensor<1xi1>",
          "dense<[false]> : tensor<1xi1>",
          "dense<[true, false, true, true, false, false, true, true, true]> : tensor<9xi1>",
          "dense<[[true], [false]]> : tensor<2x1xi1>",
          "dense<[true, true, true, true, true, true, true, true]> : tensor<8xi1>",
          "dense<[true, true, false, true, true, true, true, true]> : tensor<8xi1>",
          "dense<[true, false]> : tensor<2xui1>",
          "dense<> : tensor<0xi32>",
          "dense<> : tensor<0x3xi1>",
          "dense<(1, 2)> : tensor<2xcomplex<i32>>",
          "dense<[(1.0, 2.0), (3.0, 4.0)]> : tensor<2xcomplex<f32>>",
          "dense<[-1, 3]> : tensor<2xi65>",
          "dense<[1, 2]> : tensor<2xi3>",
          "dense<1.0> : tensor<2xf8E4M3FN>",
          "dense<[1.0, 2.0, 3.0]> : tensor<3xtf32>",
          "dense<7> : tensor<3xindex>",
          "dense<[1.0, 2.0]> : tensor<2xf64, \"enc\">",
          "dense<[\"a\", \"b\"]> : tensor<2x!test.s>",
          "dense<\"aa\"> : tensor<3x!test.s>",
          "dense<[[\"a\", \"b\"], [\"c\", \"\\FF\"]]> : tensor<2x2x!test.s>",
          "dense<> : tensor<0x!test.s>",
          "sparse<[[0, 1], [1, 0]], [5, 6]> : tensor<2x2xi32>",
          "sparse<0, 5> : tensor<2x2xi32>",
          "sparse<[[0, 0], [1, 1]], [true, false]> : tensor<2x2xi1>",
          "sparse<[[1]], [\"x\"]> : tensor<2x!test.s>",
          "sparse<> : tensor<2x2xf32>",
          "sparse<[[0, 0]], [1.5]> : tensor<2x2xf32>",
          "distinct[0]<42 : i32>",
          "distinct[1]<unit>",
          // Affine maps and integer sets, every stored form and operator.
          "affine_map<(d0, d1)[s0] -> (d0 + s0 * 4, d1 floordiv 2, d0 mod 3, d1 ceildiv 5, -d0, 7)>",
          "affine_map<(d0, d1) -> (d0, d1)>",
          "affine_map<() -> ()>",
          "affine_map<(d0, d1) -> (d1, d0)>",
          "affine_map<(d0, d1, d2) -> (d0, d2)>",
          "affine_map<(d0, d1) -> ()>",
          "affine_map<(d0) -> (d0, d0)>",
          "affine_map<(d0)[s0, s1] -> (d0 * s0 + s1, d0 mod s1, (d0 floordiv 2) * 3, -(d0 mod 4))>",
          "affine_map<(d0) -> (d0 * 9223372036854775807, d0 - 9223372036854775807)>",
          "affine_map<(d0) -> (9223372036854775808, d0 * 9223372036854775808)>",
          "affine_map<(d0) -> (-9223372036854775808)>",
          "affine_map<()[s0] -> (s0, -3, 3 - s0)>",
          "affine_set<(d0)[s0] : (d0 - s0 >= 0, d0 == 3)>",
          "affine_set<(d0, d1)[s0, s1] : (d0 >= 0, -d1 + s1 - 1 >= 0, d0 * 2 - s0 == 0)>",
          "affine_set<() : (1 == 0)>",
          "affine_set<(d0) : ()>",
          "strided<[4, 1], offset: ?>",
          "strided<[?, 1]>",
          "strided<[]>",
          // Types that hold attributes: layouts, memory spaces, encodings.
          "memref<2xf32>",
          "memref<f32>",
          "memref<2x3xf32, strided<[3, 1], offset: ?>>",
          "memref<?x3xf32, affine_map<(d0, d1) -> (d1, d0)>, 1>",
          "memref<2xf32, \"gpu\">",
          "memref<4xi8, affine_map<(d0) -> (d0 + 2)>, #test.space>",
          "memref<*xf32>",
          "memref<*xf32, 2>",
          "tensor<2xf32, \"enc\">",
          "tensor<2xf32, {k = [1, 2]}>",
          "tensor<?x2xi8, #test.enc>",
          "tensor<*xbf16>",
          "complex<f64>",
          "vector<[4]x2xf32>",
          "tuple<i32, memref<2xf8E4M3FN>>",
          "none",
          "f8E5M2FNUZ",
          "tf32");

  private static final String RESOURCES =
      """
      {-#
        dialect_resources: {
          builtin: {
            blob1: "0x04000000010000000200000003000000",
            "key-2": "0x0400000005000000"
          }
        }
      #-}
      """;

  @TempDir Path temp;

  /** The op that carries every attribute of {@link #EVERY_KIND}, as {@code a0} to {@code aN}. */
  private static String everyKindSource() {
    List<String> entries = new ArrayList<>();
    for (int i = 0; i < EVERY_KIND.size(); i++) {
      entries.add("a" + i + " = " + EVERY_KIND.get(i));
    }
    return "\"test.op\"() {" + String.join(", ", entries) + "} : () -> ()\n" + RESOURCES;
  }

  @TestFactory
  Stream<DynamicTest> everyKindReadsBackAsWrittenAtEveryVersion() throws IOException {
    Path source = temp.resolve("every-kind.mlir");
    Files.writeString(source, everyKindSource(), StandardCharsets.UTF_8);
    String expected = generic(source);
    return IntStream.rangeClosed(0, BytecodeStructure.NEWEST_VERSION)
        .mapToObj(
            version ->
                DynamicTest.dynamicTest(
                    "v" + version, () -> checkEveryKind(source, expected, version)));
  }

  private void checkEveryKind(Path source, String expected, int version) throws IOException {
    Decoded file = decode(emit(source, version));
    // The op's dictionary is the attribute that names a0.
    String dictionary = null;
    Set<Kind> seen = EnumSet.noneOf(Kind.class);
    for (int i = 0; i < file.table().attributes().size(); i++) {
      String text = file.attributes().print(i);
      assertNotNull(text);
      Kind kind = file.attributes().kind(i);
      if (kind != null) {
        seen.add(kind);
      }
      if (kind == Kind.DICTIONARY && text.startsWith("{a0 = ")) {
        dictionary = text;
      }
    }
    assertEquals(EnumSet.allOf(Kind.class), seen, "every kind is in the file");
    assertNotNull(dictionary, "the op's dictionary");
    Path rebuilt = temp.resolve("rebuilt-" + version + ".mlir");
    Files.writeString(
        rebuilt,
        "\"test.op\"() " + dictionary + " : () -> ()\n" + RESOURCES,
        StandardCharsets.ISO_8859_1);
    String actual = generic(rebuilt);
    assertEquals(entries(expected), entries(actual));
    assertEquals(expected, actual);
    checkEveryEntryParses(file, "v" + version);
  }

  /** The printed op's attributes one a line, so that a difference shows which one. */
  private static List<String> entries(String generic) {
    return List.of(generic.split(", (?=a\\d+ = )"));
  }

  @Test
  void theNewerKindsAndThePackedEncodingsPrintAsDocumented() throws IOException {
    Path source = temp.resolve("documented.mlir");
    Files.writeString(
        source,
        "\"test.op\"() {"
            + "a = affine_map<(d0, d1)[s0] -> (d0 + s0 * 4, d1 floordiv 2, -d0)>,"
            + " b = affine_set<(d0)[s0] : (d0 - s0 >= 0, d0 == 3)>,"
            + " c = dense<[true, false, true]> : tensor<3xi1>,"
            + " d = dense<true> : tensor<5xi1>,"
            + " e = loc(\"f\":1:2 to :4),"
            + " f = 1.0 : f8E4M3FN,"
            + " g = affine_map<(d0, d1) -> (d1, d0)>,"
            + " h = strided<[?, 1], offset: 3>"
            + "} : () -> ()\n",
        StandardCharsets.UTF_8);
    Decoded file = decode(emit(source, BytecodeStructure.NEWEST_VERSION));
    List<String> all = new ArrayList<>();
    for (int i = 0; i < file.table().attributes().size(); i++) {
      all.add(file.attributes().print(i));
    }
    for (String text :
        List.of(
            "affine_map<(d0, d1)[s0] -> ((d0 + (s0 * 4)), (d1 floordiv 2), (d0 * -1))>",
            "affine_set<(d0)[s0] : ((d0 + (s0 * -1)) >= 0, (d0 + -3) == 0)>",
            "dense<[true, false, true]> : tensor<3xi1>",
            "dense<true> : tensor<5xi1>",
            "loc(\"f\":1:2 to :4)",
            "0x38 : f8E4M3FN",
            "affine_map<(d0, d1) -> (d1, d0)>",
            "strided<[?, 1], offset: 3>")) {
      assertTrue(all.contains(text), text + " is not among " + all);
    }
  }

  @TestFactory
  Stream<DynamicTest> everyAttributeOfTheProjectsFilesParses() throws IOException {
    List<Path> files = new ArrayList<>();
    for (String folder : List.of("components", "testdata/link")) {
      try (Stream<Path> walk = Files.walk(MlirTools.projectRoot().resolve(folder))) {
        walk.filter(p -> p.toString().endsWith(".mlir") && !p.endsWith("expected.mlir"))
            .sorted()
            .forEach(files::add);
      }
    }
    assertTrue(files.size() >= 100, files.size() + " files");
    return files.stream()
        .map(
            file ->
                DynamicTest.dynamicTest(
                    MlirTools.projectRoot().relativize(file).toString(), () -> checkFile(file)));
  }

  private void checkFile(Path file) throws IOException {
    Path out = temp.resolve(file.getFileName() + ".mlirbc");
    MlirTools.Run run = IreeTools.emitBytecode(file, out);
    if (!run.ok()) {
      // The link cases hold deliberately broken inputs; what MLIR cannot read has no bytecode.
      assertTrue(
          file.startsWith(MlirTools.projectRoot().resolve("testdata")), file + ": " + run.stderr());
      return;
    }
    checkEveryEntryParses(decode(Files.readAllBytes(out)), file.getFileName().toString());
  }

  /** Every attribute and type of the file, printed, on one op that MLIR must parse. */
  private void checkEveryEntryParses(Decoded file, String name) throws IOException {
    List<String> entries = new ArrayList<>();
    for (int i = 0; i < file.table().attributes().size(); i++) {
      entries.add("x" + i + " = " + file.attributes().print(i));
    }
    for (int i = 0; i < file.table().types().size(); i++) {
      String type = file.types().print(i);
      assertNotNull(type, "type " + i);
      entries.add("t" + i + " = " + type);
    }
    Path all = temp.resolve(name + ".entries.mlir");
    Files.writeString(
        all,
        "\"test.op\"() {" + String.join(", ", entries) + "} : () -> ()\n",
        StandardCharsets.ISO_8859_1);
    generic(all);
  }

  // ---- Malformed entries -----------------------------------------------------------------------

  /** A small file whose array attribute ([a, b], one-byte varints throughout) is broken. */
  private void assertBrokenArray(Breaker breakIt, String message) throws IOException {
    Path source = temp.resolve("array.mlir");
    Files.writeString(
        source, "\"test.op\"() {a = [1 : i32, \"s\"]} : () -> ()\n", StandardCharsets.UTF_8);
    byte[] bytes = emit(source, BytecodeStructure.NEWEST_VERSION);
    Decoded file = decode(bytes);
    int array = indexOf(file, Kind.ARRAY);
    AttrTypeTable.Entry entry = file.table().attribute(array);
    assertEquals(4, entry.end() - entry.start(), "kind, count and two indices");
    assertEquals(0x05, bytes[entry.start() + 1], "a count of two");
    breakIt.apply(bytes, entry.start(), array);
    Decoded broken = decode(bytes);
    MalformedBytecodeException e =
        assertThrows(MalformedBytecodeException.class, () -> printAll(broken));
    assertTrue(e.getMessage().contains(message), e.getMessage());
    assertTrue(
        e.offset() >= entry.start() && e.offset() <= entry.end(),
        e.offset() + " is not in [" + entry.start() + ", " + entry.end() + "]: " + e.getMessage());
  }

  /**
   * Changes the bytes of the array entry that starts at {@code start} and is attribute {@code
   * array}.
   */
  private interface Breaker {
    void apply(byte[] bytes, int start, int array);
  }

  @Test
  void anEntryThatEndsTooSoonIsAnError() throws IOException {
    assertBrokenArray((b, start, array) -> b[start + 1] = 0x07, "but the entry ends");
  }

  @Test
  void bytesLeftInAnEntryAreAnError() throws IOException {
    assertBrokenArray((b, start, array) -> b[start + 1] = 0x03, "left unread");
  }

  @Test
  void anIndexOutOfRangeIsAnError() throws IOException {
    assertBrokenArray((b, start, array) -> b[start + 2] = (byte) 0xFF, "attribute 127 of");
  }

  @Test
  void anUnknownKindIsAnError() throws IOException {
    assertBrokenArray((b, start, array) -> b[start] = (byte) 0x7F, "kind 63 is unknown");
  }

  @Test
  void anAttributeThatContainsItselfIsAnError() throws IOException {
    assertBrokenArray(
        (b, start, array) -> b[start + 3] = (byte) (array << 1 | 1), "contains itself");
  }

  @Test
  void aDimensionOutOfRangeInAnAffineMapIsAnError() throws IOException {
    Path source = temp.resolve("map.mlir");
    Files.writeString(
        source,
        "\"test.op\"() {a = affine_map<(d0, d1) -> (d1, d0)>} : () -> ()\n",
        StandardCharsets.UTF_8);
    byte[] bytes = emit(source, BytecodeStructure.NEWEST_VERSION);
    Decoded file = decode(bytes);
    AttrTypeTable.Entry entry = file.table().attribute(indexOf(file, Kind.AFFINE_MAP));
    // Kind, dimension count with the permutation form, then positions 1 and 0.
    assertEquals(4, entry.end() - entry.start());
    bytes[entry.start() + 2] = 0x05;
    Decoded broken = decode(bytes);
    MalformedBytecodeException e =
        assertThrows(MalformedBytecodeException.class, () -> printAll(broken));
    assertEquals(entry.start() + 2, e.offset(), e.getMessage());
    assertTrue(e.getMessage().contains("dimension 2 of 2"), e.getMessage());
  }

  @Test
  void anAffineMapThatEndsTooSoonIsAnErrorAtItsEnd() throws IOException {
    Path source = temp.resolve("map.mlir");
    Files.writeString(
        source,
        "\"test.op\"() {a = affine_map<(d0, d1) -> (d1, d0)>} : () -> ()\n",
        StandardCharsets.UTF_8);
    byte[] bytes = emit(source, BytecodeStructure.NEWEST_VERSION);
    Decoded file = decode(bytes);
    AttrTypeTable.Entry entry = file.table().attribute(indexOf(file, Kind.AFFINE_MAP));
    // Three dimensions in the permutation form want three positions; the entry holds two.
    bytes[entry.start() + 1] = (byte) ((3 << 2 | 1) << 1 | 1);
    Decoded broken = decode(bytes);
    MalformedBytecodeException e =
        assertThrows(MalformedBytecodeException.class, () -> printAll(broken));
    assertEquals(entry.end(), e.offset(), e.getMessage());
    assertTrue(e.getMessage().contains("ends inside"), e.getMessage());
  }

  @Test
  void booleanDataOfTheWrongSizeIsAnError() throws IOException {
    Path source = temp.resolve("bools.mlir");
    Files.writeString(
        source,
        "\"test.op\"() {a = dense<[true, false, true, false, true, false, true, false, true]>"
            + " : tensor<9xi1>} : () -> ()\n",
        StandardCharsets.UTF_8);
    byte[] bytes = emit(source, BytecodeStructure.NEWEST_VERSION);
    Decoded file = decode(bytes);
    AttrTypeTable.Entry entry =
        file.table().attribute(indexOf(file, Kind.DENSE_INT_OR_FP_ELEMENTS));
    // Kind, type, blob size 2, two bytes: a size of 1 leaves one byte that is neither 0 nor FF.
    assertEquals(5, entry.end() - entry.start());
    bytes[entry.start() + 2] = 0x03;
    Decoded broken = decode(bytes);
    MalformedBytecodeException e =
        assertThrows(MalformedBytecodeException.class, () -> printAll(broken));
    assertTrue(e.offset() >= entry.start() && e.offset() < entry.end(), e.getMessage());
  }

  /** Three thousand arrays, one inside the other, as MLIR writes them. */
  private byte[] deepArrays() throws IOException {
    Path source = temp.resolve("deep.mlir");
    Files.writeString(
        source,
        "\"test.op\"() {a = " + "[".repeat(DEEP) + "]".repeat(DEEP) + "} : () -> ()\n",
        StandardCharsets.UTF_8);
    return emit(source, BytecodeStructure.NEWEST_VERSION);
  }

  private static final int DEEP = 3000;

  @Test
  void attributesNestedThousandsDeepPrintOnASmallStack() throws Exception {
    Path source = temp.resolve("deep-locations.mlir");
    StringBuilder callsites = new StringBuilder("\"x\"");
    for (int i = 0; i < DEEP; i++) {
      callsites.insert(0, "callsite(\"f" + i + "\" at ").append(')');
    }
    Files.writeString(
        source, "\"test.op\"() {a = loc(" + callsites + ")} : () -> ()\n", StandardCharsets.UTF_8);
    List<Decoded> files = List.of(decode(deepArrays()), decode(emit(source, 6)));
    List<String> expected =
        List.of(
            "{a = " + "[".repeat(DEEP) + "]".repeat(DEEP) + "}", "{a = loc(" + callsites + ")}");
    List<Object> outcome = new ArrayList<>();
    // A quarter of the usual stack: no depth of nesting may overflow it.
    Thread small =
        new Thread(
            null,
            () -> {
              for (Decoded file : files) {
                try {
                  String longest = "";
                  for (int i = 0; i < file.table().attributes().size(); i++) {
                    String text = file.attributes().print(i);
                    longest = text.length() > longest.length() ? text : longest;
                  }
                  outcome.add(longest);
                } catch (RuntimeException | StackOverflowError e) {
                  outcome.add(e);
                }
              }
            },
            "small stack",
            256 * 1024);
    small.start();
    small.join();
    assertEquals(2, outcome.size());
    // The longest text is the op's dictionary, around the outermost of the nest.
    for (int i = 0; i < 2; i++) {
      assertEquals(expected.get(i).length(), outcome.get(i).toString().length(), "file " + i);
      assertEquals(expected.get(i), outcome.get(i));
    }
  }

  @Test
  void aCycleLongerThanPrintingNestsInPlaceIsAnError() throws IOException {
    byte[] bytes = deepArrays();
    Decoded file = decode(bytes);
    // Each array but the innermost is [kind, count 1, its element's index]; follow them inward.
    List<Integer> chain = new ArrayList<>();
    int next = -1;
    for (int i = 0; i < file.table().attributes().size() && next < 0; i++) {
      if (file.attributes().print(i).length() == 2 * DEEP) {
        next = i;
      }
    }
    while (next >= 0) {
      chain.add(next);
      AttrTypeTable.Entry entry = file.table().attribute(next);
      ByteReader in = new ByteReader(bytes, entry.start(), entry.end(), "an array");
      in.readVarInt("kind");
      next = in.readVarInt("count") == 0 ? -1 : in.readSize("element");
    }
    assertEquals(DEEP, chain.size());
    // An array far inside names one far outside, both two-byte indices, as its element.
    int inner = chain.get(1000);
    int outer = chain.get(200);
    AttrTypeTable.Entry entry = file.table().attribute(inner);
    assertEquals(4, entry.end() - entry.start(), "kind, count and a two-byte index");
    int encoded = outer << 2 | 2;
    bytes[entry.start() + 2] = (byte) encoded;
    bytes[entry.start() + 3] = (byte) (encoded >> 8);
    Decoded broken = decode(bytes);
    MalformedBytecodeException e =
        assertThrows(
            MalformedBytecodeException.class, () -> broken.attributes().print(chain.get(0)));
    assertTrue(e.getMessage().contains("contains itself"), e.getMessage());
  }

  /**
   * Any byte of the attributes and types changed to any value is read as something or is an error
   * of the bytecode, never another exception.
   */
  @Test
  void changedBytesAreNeverAnotherKindOfError() throws IOException {
    Path source = temp.resolve("every-kind.mlir");
    Files.writeString(source, everyKindSource(), StandardCharsets.UTF_8);
    byte[] original = emit(source, BytecodeStructure.NEWEST_VERSION);
    int[] section = BytecodeStructure.read(original).extent(Section.ATTR_TYPE);
    java.util.Random random = new java.util.Random(20240601L);
    int malformed = 0;
    for (int round = 0; round < 3000; round++) {
      byte[] bytes = original.clone();
      for (int changes = 1 + random.nextInt(3); changes > 0; changes--) {
        bytes[section[0] + random.nextInt(section[1] - section[0])] = (byte) random.nextInt(256);
      }
      Decoded file;
      try {
        file = decode(bytes);
      } catch (MalformedBytecodeException e) {
        malformed++;
        continue;
      }
      for (int i = 0; i < file.table().attributes().size(); i++) {
        try {
          file.attributes().print(i);
        } catch (MalformedBytecodeException e) {
          malformed++;
        }
      }
      for (int i = 0; i < file.table().types().size(); i++) {
        try {
          file.types().print(i);
        } catch (MalformedBytecodeException e) {
          malformed++;
        }
      }
    }
    assertTrue(malformed > 0);
  }

  private static void printAll(Decoded file) {
    for (int i = 0; i < file.table().attributes().size(); i++) {
      file.attributes().print(i);
    }
  }

  private static int indexOf(Decoded file, Kind kind) {
    for (int i = 0; i < file.table().attributes().size(); i++) {
      if (file.attributes().kind(i) == kind) {
        return i;
      }
    }
    throw new AssertionError("no " + kind + " in the file");
  }

  // ---- Helpers ---------------------------------------------------------------------------------

  private record Decoded(
      BytecodeStructure structure,
      AttrTypeTable table,
      BuiltinTypes types,
      BuiltinAttributes attributes) {}

  private static Decoded decode(byte[] bytes) {
    BytecodeStructure structure = BytecodeStructure.read(bytes);
    AttrTypeTable table = AttrTypeTable.read(bytes, structure);
    BuiltinTypes types = new BuiltinTypes(bytes, table);
    List<String> keys = resourceKeys(bytes, structure);
    BuiltinAttributes attributes =
        new BuiltinAttributes(
            bytes,
            structure,
            table,
            types,
            handle -> handle < keys.size() ? keys.get(handle) : null);
    return new Decoded(structure, table, types, attributes);
  }

  /**
   * The keys of the file's dialect resources in the order resource handles count them: the
   * ResourceOffset section's external groups (skipped), then per dialect its resources, each a key,
   * a size and a kind byte.
   */
  private static List<String> resourceKeys(byte[] bytes, BytecodeStructure structure) {
    List<String> keys = new ArrayList<>();
    if (!structure.has(Section.RESOURCE_OFFSET)) {
      return keys;
    }
    int[] extent = structure.extent(Section.RESOURCE_OFFSET);
    ByteReader in = new ByteReader(bytes, extent[0], extent[1], "the ResourceOffset section");
    int groups = in.readSize("groups");
    for (int g = 0; g < groups; g++) {
      in.readSize("a group's key");
      int count = in.readSize("resources");
      for (int i = 0; i < count; i++) {
        in.readSize("a key");
        in.readVarInt("a size");
        in.readByte("a kind");
      }
    }
    while (!in.atEnd()) {
      in.readSize("a dialect");
      int count = in.readSize("resources");
      for (int i = 0; i < count; i++) {
        keys.add(structure.strings().get(in.readSize("a key")));
        in.readVarInt("a size");
        in.readByte("a kind");
      }
    }
    return keys;
  }

  private byte[] emit(Path file, int version) throws IOException {
    Path out = temp.resolve(file.getFileName() + "." + version + ".mlirbc");
    MlirTools.Run run =
        IreeTools.emitBytecode(
            file, out, "--allow-unregistered-dialect", "--emit-bytecode-version=" + version);
    assertTrue(run.ok(), run.stderr());
    return Files.readAllBytes(out);
  }

  /** What {@code iree-opt} prints for the file in generic form; fails when it does not parse. */
  private static String generic(Path file) {
    MlirTools.Run run =
        IreeTools.printGeneric(file, "--allow-unregistered-dialect", "--mlir-print-local-scope");
    assertTrue(run.ok(), file.getFileName() + ": " + run.stderr());
    assertFalse(run.stdout().isEmpty());
    return run.stdout();
  }
}
