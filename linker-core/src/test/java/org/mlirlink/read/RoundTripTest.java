package org.mlirlink.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.mlirlink.diagnostic.DiagnosticException;
import org.mlirlink.model.MlirFile;
import org.mlirlink.model.Operation;
import org.mlirlink.model.SourceText;
import org.mlirlink.model.TopLevelItem;
import org.mlirlink.write.ModuleWriter;

/**
 * Writing a file's model back with no changes gives the input byte for byte: for every file in
 * {@code testdata/} and {@code components/}, and for generated files mixing the pitfalls (ops on
 * one line, comments with braces, blank lines, CRLF, a BOM, tabs, strings with braces, symbols and
 * unicode). Generated files also check that the items are the ones generated.
 */
class RoundTripTest {

  static String roundTrip(MlirFile file) {
    return ModuleWriter.write(file).toString();
  }

  /** The items tile the text in order, without overlaps, each starting and ending on a token. */
  static void assertItemsWellFormed(MlirFile file) {
    long previousEnd = 0;
    for (TopLevelItem item : file.items()) {
      assertTrue(item.range().start() >= previousEnd, "overlap at " + item);
      assertTrue(item.range().length() > 0, "empty item " + item);
      String text = item.range().of(file.source());
      assertTrue(
          !Character.isWhitespace(text.charAt(0))
              && !Character.isWhitespace(text.charAt(text.length() - 1)),
          "item not trimmed: " + item);
      previousEnd = item.range().end();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyCorpusFileComesBackByteForByte() {
    Path root = ReaderFixtures.root();
    List<Path> files = new ArrayList<>(ReaderFixtures.mlirFiles(root.resolve("testdata")));
    files.addAll(ReaderFixtures.mlirFiles(root.resolve("components")));
    List<Path> readable = new ArrayList<>();
    for (Path file : files) {
      try {
        MlirReader.read(SourceText.ofBytes(file.toString(), ReaderFixtures.bytes(file)));
        readable.add(file);
      } catch (DiagnosticException e) {
        if (!file.toString().contains("malformed")) {
          // Outside malformed/, only a link case's deliberately invalid input, as its case expects.
          String error =
              e.diagnostic()
                  .format()
                  .lines()
                  .findFirst()
                  .orElse("")
                  .replace(file.getParent() + "/", "");
          assertEquals(
              ReaderFixtures.expectedReadError(file),
              error,
              "unreadable outside malformed/: " + e.diagnostic().format());
        }
        DiagnosticException fromFile =
            assertThrows(
                DiagnosticException.class,
                () -> MlirReader.read(SourceText.open(file.toString(), file)));
        assertEquals(e.diagnostic().format(), fromFile.diagnostic().format(), "read from the file");
      }
    }
    assertTrue(readable.size() >= 20, "corpus too small: " + readable);
    assertTrue(readable.stream().anyMatch(p -> p.startsWith(root.resolve("components"))));
    return readable.stream()
        .map(
            file ->
                DynamicTest.dynamicTest(
                    root.relativize(file).toString(),
                    () -> {
                      byte[] bytes = ReaderFixtures.bytes(file);
                      MlirFile model = MlirReader.read(SourceText.ofBytes(file.toString(), bytes));
                      String written = roundTrip(model);
                      assertEquals(ReaderFixtures.text(model), written);
                      assertArrayEquals(bytes, written.getBytes(StandardCharsets.UTF_8));
                      assertItemsWellFormed(model);
                      assertTheFilePathReadsTheSame(file, model);
                    }));
  }

  /**
   * Read from the file (a window at a time) and written to a file (ranges copied by the kernel),
   * the file gives the same items at the same offsets and the same bytes as from memory.
   */
  private static void assertTheFilePathReadsTheSame(Path file, MlirFile fromMemory)
      throws IOException {
    MlirFile fromFile = MlirReader.read(SourceText.open(file.toString(), file));
    assertEquals(
        fromMemory.items().stream().map(TopLevelItem::range).toList(),
        fromFile.items().stream().map(TopLevelItem::range).toList());
    Path out = Files.createTempFile("roundtrip", ".mlir");
    try {
      try (OutputStream stream = new FileOutputStream(out.toFile())) {
        ModuleWriter.write(fromFile).writeTo(stream);
      }
      assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(out));
    } finally {
      Files.delete(out);
    }
  }

  // ---------------------------------------------------------------- generated files

  /**
   * One generated top-level op: its text (with {@code NAME} for its symbol) and whether it calls
   * itself.
   */
  record Template(String text, boolean callsItself) {}

  static final List<Template> TEMPLATES =
      List.of(
          new Template("func.func private @NAME(i32) -> i32", false),
          new Template(
              "func.func private @NAME(\n  // the input } {\n  tensor<?xf32>, // @not_a_use\n\tindex\n) -> tensor<?xf32>",
              false),
          new Template(
              "func.func @NAME(%x: i32) -> i32 attributes {doc = STRING} {\n  %0 = func.call @NAME(%x) : (i32) -> i32\n  return %0 : i32\n}",
              true),
          new Template("func.func @NAME() {\n\t// a comment with } and @x\n\treturn\n}", false),
          new Template("func.func @NAME() { return }", false),
          new Template(
              "\"func.func\"() <{function_type = () -> (), sym_name = \"NAME\"}> ({\n  \"func.return\"() : () -> ()\n}) : () -> ()",
              false),
          new Template(
              "func.func @NAME() attributes {m = affine_map<(d0) -> (d0)>, s = affine_set<(d0) : (d0 >= 0)>} {\n  return\n}",
              false),
          new Template(
              "func.func @NAME() attributes {u = \"日本語 🚀 }\"} {\n  return\n} loc(\"ü.mlir\":1:2)",
              false),
          new Template(
              "func.func @NAME() -> tensor<2xi32> {\n  %0 = arith.constant dense_resource<blob> : tensor<2xi32>\n  return %0 : tensor<2xi32>\n}",
              false));

  static final List<String> SEPARATORS =
      List.of(
          " ",
          "\n",
          "\n\n",
          "\t",
          "\n  // comment } with \"quote and @sym\n",
          "  \n\t\n",
          "\n// ünïcödé 🚀\n");

  /** A generated file and what it must read as. */
  record Generated(String text, List<String> names, List<Boolean> callsItself, boolean wrapped) {
    @Override
    public String toString() {
      return text;
    }
  }

  @Provide
  Arbitrary<Generated> files() {
    Arbitrary<List<Integer>> ops =
        Arbitraries.integers().between(0, TEMPLATES.size() - 1).list().ofMinSize(1).ofMaxSize(12);
    Arbitrary<List<Integer>> seps =
        Arbitraries.integers().between(0, SEPARATORS.size() - 1).list().ofSize(13);
    // Characters are drawn one UTF-16 unit at a time, so the four-byte 🚀 comes in as a stand-in
    // ('~') swapped in afterwards: half of a surrogate pair cannot be written as UTF-8.
    Arbitrary<String> strings =
        Arbitraries.strings()
            .withChars("ab }{)(][><@/#!%^:,=日~\"\\\t-")
            .ofMaxLength(20)
            .map(drawn -> drawn.replace("~", "🚀"));
    Arbitrary<Boolean> flags = Arbitraries.of(true, false);
    return Combinators.combine(ops, seps, strings, flags, flags, flags, flags, flags)
        .as(
            (opIndexes, sepIndexes, string, wrap, crlf, bom, aliases, resources) -> {
              StringBuilder text = new StringBuilder();
              if (bom) {
                text.append('\uFEFF');
              }
              text.append("// generated\n");
              if (aliases) {
                text.append(
                    "#map = affine_map<(d0) -> (d0)>\n!t = tensor<?xf32> // alias } comment\n");
              }
              String indent = wrap ? "  " : "";
              if (wrap) {
                text.append("module @gen attributes {test.s = ")
                    .append(quote(string))
                    .append("} {\n");
              }
              List<String> names = new ArrayList<>();
              List<Boolean> calls = new ArrayList<>();
              for (int i = 0; i < opIndexes.size(); i++) {
                Template template = TEMPLATES.get(opIndexes.get(i));
                String name = "f" + i;
                names.add(name);
                calls.add(template.callsItself());
                text.append(i == 0 ? indent : SEPARATORS.get(sepIndexes.get(i)) + indent);
                text.append(template.text().replace("NAME", name).replace("STRING", quote(string)));
              }
              if (wrap) {
                text.append("\n}");
              }
              text.append(SEPARATORS.get(sepIndexes.get(12)));
              if (resources) {
                text.append(
                    "\n{-#\n  dialect_resources: {\n    builtin: {\n      blob: \"0x0400000001000000\"\n    }\n  }\n#-}\n");
              }
              text.append("// trailing comment }");
              String result = crlf ? text.toString().replace("\n", "\r\n") : text.toString();
              return new Generated(result, names, calls, wrap);
            });
  }

  private static String quote(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\t", "\\t") + "\"";
  }

  @Property(tries = 400)
  void generatedFilesComeBackByteForByte(@ForAll("files") Generated generated) {
    MlirFile file = MlirReader.read(new SourceText("gen.mlir", generated.text()));
    assertEquals(generated.text(), roundTrip(file));
    assertItemsWellFormed(file);

    List<Operation> ops = file.operations();
    assertEquals(generated.wrapped(), file.module().isPresent());
    assertEquals(generated.names(), ReaderFixtures.symbolNames(ops), "the generated ops, in order");
    for (int i = 0; i < ops.size(); i++) {
      Operation op = ops.get(i);
      List<String> expectedUses =
          generated.callsItself().get(i) ? List.of(op.symbolName().orElseThrow()) : List.of();
      assertEquals(expectedUses, ReaderFixtures.useRoots(op), "uses of " + op);
      assertTrue(
          op.text().endsWith(")")
              || op.text().endsWith("}")
              || op.text().endsWith("i32")
              || op.text().endsWith(">"),
          "op ends on its last token: " + op.text());
    }
  }

  @Test
  void theGeneratorCoversEveryTemplateAndTheFileOptions() {
    // Guards the property above against a generator that stops generating the hard cases.
    var sample = files().sampleStream().limit(400).toList();
    for (int t = 0; t < TEMPLATES.size(); t++) {
      String marker =
          TEMPLATES.get(t).text().replace("NAME", "f").split("\n")[0].split("STRING")[0];
      assertTrue(
          sample.stream()
              .anyMatch(
                  g ->
                      g.text()
                          .replaceAll("@f\\d+", "@f")
                          .replaceAll("\"f\\d+\"", "\"f\"")
                          .contains(marker)),
          "template never generated: " + marker);
    }
    assertTrue(sample.stream().anyMatch(g -> g.text().startsWith("\uFEFF")));
    assertTrue(sample.stream().anyMatch(g -> g.text().contains("\r\n")));
    assertTrue(sample.stream().anyMatch(g -> g.text().contains("{-#")));
    assertTrue(
        sample.stream().anyMatch(g -> g.wrapped()) && sample.stream().anyMatch(g -> !g.wrapped()));
  }
}
