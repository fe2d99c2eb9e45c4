package org.mlirlink.write.bytecode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mlirlink.diagnostic.Diagnostic;
import org.mlirlink.diagnostic.DiagnosticException;
import org.mlirlink.model.SourceText;
import org.mlirlink.read.bytecode.AttrTypeTable;
import org.mlirlink.read.bytecode.BytecodeStructure;
import org.mlirlink.read.bytecode.BytecodeStructure.Section;

/**
 * The writer on its own, without MLIR's tools: the file it writes read back by our bytecode
 * reader's framing and tables, each encoding detail it pins, the blob streamed a chunk at a time,
 * and every error located at its place. {@code BytecodeWriterIreeTest} checks the files with the
 * real tools.
 */
class BytecodeWriterTest {
  private static final String PROGRAM =
      """
      #map = affine_map<(d0) -> (d0 floordiv 4)>
      "builtin.module"() <{sym_name = "m"}> ({
        "func.func"() <{function_type = (i32) -> i32, sym_name = "f"}> ({
        ^bb0(%arg0: i32 loc("f.mlir":3:9)):
          %0:2 = "test.two"(%arg0) {m = #map} : (i32) -> (i32, i32) loc(#loc1)
          "func.return"(%0#1) : (i32) -> () loc(#loc2)
        }) : () -> () loc("f.mlir":2:3)
      }) : () -> () loc("f.mlir":1:1)
      #loc1 = loc("f.mlir":4:5)
      #loc2 = loc(callsite(#loc1 at "g.mlir":9:9))
      """;

  @TempDir Path temp;

  static byte[] write(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      BytecodeWriter.write(new SourceText("t.mlir", text), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static Diagnostic reject(String text) {
    return assertThrows(DiagnosticException.class, () -> write(text), text).diagnostic();
  }

  @Test
  void theFileIsVersionSixWithEverySectionTheReaderRequires() {
    byte[] bytes = write(PROGRAM);
    BytecodeStructure file = BytecodeStructure.read(bytes);
    assertEquals(6, file.version());
    assertEquals("MLIR24.0.0git", file.producer());
    for (Section section :
        List.of(
            Section.STRING,
            Section.DIALECT,
            Section.ATTR_TYPE,
            Section.ATTR_TYPE_OFFSET,
            Section.IR,
            Section.PROPERTIES)) {
      assertTrue(file.has(section), section.displayName());
    }
    assertFalse(file.has(Section.RESOURCE), "no resources, no Resource section");
    List<String> ops = new ArrayList<>();
    for (BytecodeStructure.OperationName name : file.operationNames()) {
      assertTrue(name.registered(), name.fullName());
      ops.add(name.fullName());
    }
    assertEquals(List.of("builtin.module", "func.func", "test.two", "func.return"), ops);
  }

  @Test
  void attributesAndTypesAreTextWithAliasesExpandedUnderTheirDialect() {
    byte[] bytes = write(PROGRAM);
    AttrTypeTable table = AttrTypeTable.read(bytes, BytecodeStructure.read(bytes));
    List<String> attributes = new ArrayList<>();
    for (AttrTypeTable.Entry entry : table.attributes()) {
      assertFalse(entry.isBinary(), entry.toString());
      assertEquals("builtin", entry.dialect(), entry.assembly());
      attributes.add(entry.assembly());
    }
    // Properties joined to the attributes; blanks inside a value kept (floordiv needs them); a
    // location alias inside loc(...) stands without its own loc( ).
    assertTrue(attributes.contains("{sym_name = \"m\"}"), attributes.toString());
    assertTrue(
        attributes.contains("{function_type = (i32) -> i32, sym_name = \"f\"}"),
        attributes.toString());
    assertTrue(
        attributes.contains("{m = affine_map<(d0) -> (d0 floordiv 4)>}"), attributes.toString());
    assertTrue(
        attributes.contains("loc(callsite(\"f.mlir\":4:5 at \"g.mlir\":9:9))"),
        attributes.toString());
    assertTrue(attributes.contains("loc(\"f.mlir\":4:5)"), attributes.toString());
    List<String> types = table.types().stream().map(AttrTypeTable.Entry::assembly).toList();
    assertEquals(List.of("i32"), types);
  }

  @Test
  void opsWithoutALocationGetTheirPlaceInTheText() {
    String text =
        """
        "builtin.module"() ({
          "test.a"() : () -> ()
        \t"test.b"() ({
          ^bb0(%x: i32):
            "test.c"(%x) : (i32) -> ()
          }) : () -> ()
        }) : () -> ()
        """;
    byte[] bytes = write(text);
    List<String> attributes =
        AttrTypeTable.read(bytes, BytecodeStructure.read(bytes)).attributes().stream()
            .map(AttrTypeTable.Entry::assembly)
            .toList();
    // In the order they are read: an op's location after its regions.
    assertEquals(
        List.of(
            "loc(\"t.mlir\":2:3)",
            "loc(\"t.mlir\":4:8)", // the block argument's name
            "loc(\"t.mlir\":5:5)",
            "loc(\"t.mlir\":3:2)", // after a tab: columns count bytes
            "loc(\"t.mlir\":1:1)"),
        attributes);
  }

  @Test
  void aDialectAttributeBelongsToItsDialectAndADenseResourceIsBinary() {
    String text =
        """
        "builtin.module"() ({
          "util.global"() <{initial_value = dense_resource<"the blob"> : tensor<2xi8>, sym_name = "w", type = tensor<2xi8>}> {k = #util.byte_pattern<7>} : () -> ()
        }) : () -> ()
        {-#
          dialect_resources: {
            builtin: {
              "the blob": "0x080000000102"
            }
          }
        #-}
        """;
    byte[] bytes = write(text);
    BytecodeStructure file = BytecodeStructure.read(bytes);
    AttrTypeTable table = AttrTypeTable.read(bytes, file);
    int binary = 0;
    boolean util = false;
    for (AttrTypeTable.Entry entry : table.attributes()) {
      if (entry.isBinary()) {
        binary++;
        assertEquals("builtin", entry.dialect());
      } else if (entry.assembly().equals("#util.byte_pattern<7>")) {
        util = entry.dialect().equals("util");
      }
    }
    assertTrue(util, "a #util. attribute is util's");
    // The dense resource, the dictionary holding it, and its four names as strings.
    assertEquals(6, binary);
    assertTrue(file.has(Section.RESOURCE) && file.has(Section.RESOURCE_OFFSET));
    // The blob's two bytes at its alignment, counted from the start of the file.
    int[] resource = file.extent(Section.RESOURCE);
    int data = resource[1] - 2;
    assertEquals(0, data % 8, "aligned to 8");
    assertEquals(1, bytes[data]);
    assertEquals(2, bytes[data + 1]);
  }

  /** The use lists the text parser leaves, where the bytecode reader would order them otherwise. */
  @Test
  void useListOrdersAreTheTextParsers() {
    GenericTextParser.Parsed parsed =
        GenericTextParser.parse(
            new SourceText(
                "t.mlir",
                """
                "a.module"() ({
                  %0 = "a.def"() : () -> i32
                  "a.outer"(%0) ({
                    "a.inner"(%0) : (i32) -> ()
                  }) : (i32) -> ()
                  %1 = "a.def"() : () -> i32
                  "a.use"(%1) : (i32) -> ()
                  "a.use"(%1) : (i32) -> ()
                  "a.br"()[^bb2] : () -> ()
                ^bb1:
                  "a.use"(%2, %2) : (i32, i32) -> ()
                ^bb2:
                  %2 = "a.def"() : () -> i32
                  "a.use"(%2) : (i32) -> ()
                }) : () -> ()
                """));
    UseListOrders.compute(parsed.topLevel);
    List<GenericIr.Block> blocks = parsed.topLevel.get(0).regions[0].blocks;
    GenericIr.Op zero = blocks.get(0).ops.get(0);
    GenericIr.Op one = blocks.get(0).ops.get(2);
    GenericIr.Op two = blocks.get(2).ops.get(0);
    // The outer op is created after the inner one, so the parser lists it first; the reader would
    // list the inner one (later in a pre-order walk) first.
    assertArrayEquals(new int[] {1, 0}, zero.resultOrders[0]);
    assertEquals(null, one.resultOrders, "uses in order: nothing to write");
    // Two uses before the definition (operands 0 and 1 of one op), one after: the parser lists the
    // later one, then the earlier ones first to last; the reader, all of them last to first.
    assertArrayEquals(new int[] {0, 2, 1}, two.resultOrders[0]);
  }

  @Test
  void varintsOfEveryWidth() {
    ByteSink out = new ByteSink();
    out.varint(5);
    out.varint(300);
    out.varint((1L << 40) + 1);
    out.varint(Long.MIN_VALUE);
    byte[] bytes = out.toByteArray();
    assertEquals(0x0B, bytes[0]);
    assertEquals(((300 << 2) | 2) & 0xFF, bytes[1] & 0xFF);
    assertEquals((300 << 2) >> 8, bytes[2]);
    long six = (((1L << 40) + 1) << 6) | 0x20;
    for (int i = 0; i < 6; i++) {
      assertEquals((byte) (six >>> (8 * i)), bytes[3 + i]);
    }
    assertEquals(0, bytes[9]);
    assertEquals((byte) 0x80, bytes[17]);
    assertEquals(18, bytes.length);
    for (long v : new long[] {0, 127, 128, 1L << 14, (1L << 56) - 1, 1L << 56}) {
      ByteSink one = new ByteSink();
      one.varint(v);
      assertEquals(ByteSink.varintSize(v), one.size(), Long.toString(v));
    }
  }

  /**
   * A blob of several megabytes goes from the file to the output in chunks of at most a megabyte,
   * every byte decoded exactly, at its alignment.
   */
  @Test
  void aLargeBlobIsStreamedInChunks() throws IOException {
    int size = 6 << 20;
    Path input = temp.resolve("big.mlir");
    try (OutputStream out = Files.newOutputStream(input)) {
      out.write(
          ("\"builtin.module\"() ({\n"
                  + "  \"util.global\"() <{initial_value = dense_resource<big> : tensor<"
                  + size
                  + "xi8>, sym_name = \"big\", type = tensor<"
                  + size
                  + "xi8>}> : () -> ()\n"
                  + "}) : () -> ()\n"
                  + "{-#\n  dialect_resources: {\n    builtin: {\n      big: \"0x40000000")
              .getBytes(StandardCharsets.US_ASCII));
      byte[] line = new byte[2 << 16];
      for (int done = 0; done < size; done += line.length / 2) {
        for (int i = 0; i < line.length; i += 2) {
          int b = pattern(done + i / 2);
          line[i] = (byte) Character.toUpperCase(Character.forDigit(b >> 4, 16));
          line[i + 1] = (byte) Character.forDigit(b & 15, 16);
        }
        out.write(line);
      }
      out.write("\"\n    }\n  }\n#-}\n".getBytes(StandardCharsets.US_ASCII));
    }
    int[] largestWrite = new int[1];
    ByteArrayOutputStream collected = new ByteArrayOutputStream(size + 4096);
    OutputStream spy =
        new OutputStream() {
          @Override
          public void write(int b) {
            collected.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            largestWrite[0] = Math.max(largestWrite[0], len);
            collected.write(b, off, len);
          }
        };
    BytecodeWriter.write(SourceText.open("big.mlir", input), spy);
    assertTrue(largestWrite[0] <= 1 << 20, "largest write: " + largestWrite[0]);
    byte[] bytes = collected.toByteArray();
    int[] resource = BytecodeStructure.read(bytes).extent(Section.RESOURCE);
    int data = resource[1] - size;
    assertEquals(0, data % 64, "aligned to 64 from the start of the file");
    for (int i = 0; i < size; i++) {
      if (bytes[data + i] != (byte) pattern(i)) {
        throw new AssertionError("byte " + i + " of the blob");
      }
    }
  }

  private static int pattern(int i) {
    return (i * 31 + (i >>> 9)) & 0xFF;
  }

  @Test
  void anOpInCustomFormIsNamedAtItsPlace() {
    Diagnostic top = reject("module {\n}\n");
    assertEquals("t.mlir:1:1", top.location().toString());
    assertEquals(
        "op 'module' is in custom form; bytecode output needs every op in generic form: print it"
            + " with --mlir-print-op-generic",
        top.message());
    Diagnostic nested =
        reject(
            """
            "builtin.module"() ({
              "func.func"() <{function_type = () -> (), sym_name = "f"}> ({
                %0 = arith.constant 0 : index
              }) : () -> ()
            }) : () -> ()
            """);
    assertEquals("t.mlir:3:10", nested.location().toString());
    assertTrue(nested.message().startsWith("op 'arith.constant' is in custom form"));
    assertTrue(
        nested.format().startsWith("t.mlir:3:10: error: op 'arith.constant' is in custom form"),
        nested.format());
    assertEquals(
        "t.mlir:2:3",
        reject("\"builtin.module\"() ({\n  util.func @f() {\n  }\n}) : () -> ()\n")
            .location()
            .toString());
  }

  @ParameterizedTest(name = "{2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          "a.b"() : () -> () loc("x)                            | 1:24 | unterminated string in the location
          "a.b"() {x = [1, 2)} : () -> ()                       | 1:19 | expected ']' to close '['
          "a.b"() : () -> () )                                  | 1:20 | expected an operation, an alias definition
          "a.b"(%0) : (i32) -> ()                               | 1:7  | use of undefined value %0
          "a.b"() ({\\n  "c.d"()[^bb9] : () -> ()\\n}) : () -> () | 2:11 | reference to an undefined block ^bb9
          "a.b"() {x = #nope} : () -> ()                        | 1:9  | undefined alias #nope
          "a.b"() : (i32) -> ()                                 | 1:11 | the type names 1 operand types but the op has 0
          "a.b"() {x = 1} : () ->                               | 2:1  | expected a result type
          "a.b"() {x = 1} () -> ()                              | 1:17 | expected ':' before the operation's type
          %0, %0 = "a.b"() ({\\n ^bb0(%x: i32, %x: i32):\\n}) : () -> (i32, i32) | 2:16 | redefinition of %x
          "a.b"() ({\\n^bb0:\\n^bb0:\\n}) : () -> ()               | 3:1  | redefinition of block ^bb0
          "a.b"() : () -> () {-# dialect_resources: {builtin: {k: "0x0400000001G2"}} #-} | 1:70 | expected a hex digit in the blob
          "a.b"() : () -> () {-# dialect_resources: {builtin: {k: "0x030000000102"}} #-} | 1:57 | alignment 3, not a power of two
          "a.b"() : () -> () {-# dialect_resources: {builtin: {k: "0x0400"}} #-} | 1:57 | must be 0x, an alignment of four bytes
          "a.b"() : () -> () {-# resources: {} #-}              | 1:24 | unknown key 'resources'
          "a.b"() {x = #foo.bar<dense_resource<k> : tensor<1xi8>>} : () -> () | 1:9 | a dense_resource inside an attribute other than
          """)
  void malformedTextIsAnErrorAtItsPlace(String text, String place, String message) {
    Diagnostic d = reject(text.strip().replace("\\n", "\n") + "\n");
    assertTrue(d.message().contains(message), d.format());
    assertEquals("t.mlir:" + place, d.location().toString(), d.format());
  }

  @Test
  void bytecodeIsNotTakenForText() {
    byte[] bytecode = write(PROGRAM);
    DiagnosticException e =
        assertThrows(
            DiagnosticException.class,
            () ->
                BytecodeWriter.write(
                    SourceText.ofBytes("in.mlirbc", bytecode), new ByteArrayOutputStream()));
    assertEquals("'in.mlirbc' is MLIR bytecode already, not text", e.diagnostic().message());
  }

  @Test
  void anAliasDefinedInTermsOfItselfIsRefused() {
    Diagnostic d = reject("\"a.b\"() {x = #a} : () -> ()\n#a = [#b]\n#b = [#a]\n");
    assertEquals("t.mlir:2:1", d.location().toString(), d.format());
    assertEquals("alias #a is defined in terms of itself", d.message());
  }

  @Test
  void anAliasThatDoublesAtEachStepIsRefusedBeforeItFillsTheMemory() {
    StringBuilder text = new StringBuilder("#a0 = [1, 2, 3, 4, 5, 6, 7, 8]\n");
    for (int i = 1; i <= 40; i++) {
      text.append("#a")
          .append(i)
          .append(" = [#a")
          .append(i - 1)
          .append(", #a")
          .append(i - 1)
          .append("]\n");
    }
    text.append("\"a.b\"() {x = #a40} : () -> ()\n");
    Diagnostic d = reject(text.toString());
    assertTrue(d.message().contains("with its aliases expanded"), d.format());
  }

  @Test
  void anUnknownEscapeInADictionaryKeyIsMlirsToRefuseNotACrash() {
    // A key with a bad escape next to a dense resource: the writer splits that dictionary itself.
    byte[] bytes = write("\"a.b\"() {\"k\\4z\" = dense_resource<r> : tensor<1xi8>} : () -> ()\n");
    assertTrue(BytecodeStructure.isBytecode(bytes));
  }

  @Test
  void aDistinctAttributeInTwoDialectAttributesIsRefused() {
    Diagnostic d =
        reject("\"a.b\"() {x = #foo.x<distinct[0]<>>, y = [#foo.y<distinct[0]<>>]} : () -> ()\n");
    assertTrue(
        d.message().contains("distinct[0] is used inside two different attributes"), d.format());
  }

  @Test
  void anElidedResourceIsDeclaredWithoutData() {
    byte[] bytes = write("\"a.b\"() {x = dense_resource<__elided__> : tensor<4xi8>} : () -> ()\n");
    BytecodeStructure file = BytecodeStructure.read(bytes);
    assertTrue(file.has(Section.RESOURCE_OFFSET));
    int[] offsets = file.extent(Section.RESOURCE_OFFSET);
    // No external group; the builtin dialect (index 0), one entry: the key, size 0, kind blob.
    byte[] expected = {0x01, 0x01, 0x03, 0, 0x01, 0};
    byte[] actual = java.util.Arrays.copyOfRange(bytes, offsets[0], offsets[1]);
    expected[3] = actual[3]; // the key's string index
    assertArrayEquals(expected, actual, HexFormat.of().formatHex(actual));
    assertEquals(0, file.extent(Section.RESOURCE)[1] - file.extent(Section.RESOURCE)[0]);
  }
}
