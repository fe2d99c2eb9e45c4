package org.mlirlink.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.mlirlink.LinkResult;
import org.mlirlink.testing.IreeTools;
import org.mlirlink.testing.MlirTools;

/**
 * Every link case of {@code testdata/link/} with an {@code expected.mlir}, its inputs written as
 * bytecode by the real {@code iree-opt --emit-bytecode}: the main input and link modules keep their
 * names (bytecode is known by its first bytes), files under a library path are renamed {@code
 * .mlirbc} (found by file name and by the module they declare). The link must succeed and give the
 * program the link of the text gives: {@code iree-opt}'s generic print of our output equals its
 * print of {@code expected.mlir} (so {@code iree-compile}, which {@code IreeCompileAcceptanceTest}
 * runs on the expected outputs, gets the same program). A case whose inputs {@code iree-opt} cannot
 * read (dialects it lacks) is left out, and the test checks that most cases are not.
 */
class BytecodeLinkCasesTest {
  @TempDir Path temp;

  @TestFactory
  Stream<DynamicTest> everyLinkCaseLinksTheSameFromBytecode() throws IOException {
    List<Path> cases = new ArrayList<>();
    try (Stream<Path> list = Files.list(LinkCase.root())) {
      list.filter(dir -> Files.exists(dir.resolve("expected.mlir"))).sorted().forEach(cases::add);
    }
    assertTrue(cases.size() > 30, cases.toString());
    List<DynamicTest> tests = new ArrayList<>();
    int[] converted = new int[1];
    for (Path dir : cases) {
      String name = dir.getFileName().toString();
      tests.add(
          DynamicTest.dynamicTest(
              name,
              () -> {
                Path copy = temp.resolve(name);
                if (LinkCase.asBytecode(dir, copy)) {
                  converted[0]++;
                  linksTheSame(LinkCase.at(name, copy), dir.resolve("expected.mlir"));
                }
              }));
    }
    tests.add(
        DynamicTest.dynamicTest(
            "most cases are read as bytecode",
            () -> assertTrue(converted[0] * 4 >= cases.size() * 3, converted[0] + " cases")));
    return tests.stream();
  }

  /**
   * Blobs large enough to stay in the bytecode file while the link reads its text (see {@link
   * org.mlirlink.read.bytecode.BytecodeReader#toSource}) link as from text: a key both files give
   * different blobs is renamed, one they give the same blob is linked once, and every blob comes
   * out whole. The case is {@code resources-merged-with-key-collision} with blobs of 160 KB.
   */
  @Test
  void largeBlobsLinkAsFromText() throws IOException {
    int n = 40_000;
    Random random = new Random(5);
    String blob = blob(random, n);
    String shared = blob(random, n);
    String theirBlob = blob(random, n);
    String type = "tensor<" + n + "xi32>";
    Path text = Files.createDirectories(temp.resolve("large-blobs"));
    Files.writeString(
        text.resolve("main.mlir"),
        "module @main {\n"
            + "  func.func private @a.weights() -> ("
            + type
            + ", "
            + type
            + ")\n"
            + "  func.func @entry() -> "
            + type
            + " {\n"
            + "    %c = arith.constant dense_resource<blob> : "
            + type
            + "\n"
            + "    %0:2 = func.call @a.weights() : () -> ("
            + type
            + ", "
            + type
            + ")\n"
            + "    return %0#0 : "
            + type
            + "\n  }\n}\n"
            + resources("blob", blob, "shared", shared));
    Files.writeString(
        text.resolve("a.mlir"),
        "module @a {\n  func.func @weights() -> ("
            + type
            + ", "
            + type
            + ") {\n"
            + "    %0 = arith.constant dense_resource<blob> : "
            + type
            + "\n    %1 = arith.constant dense_resource<shared> : "
            + type
            + "\n    return %0, %1 : "
            + type
            + ", "
            + type
            + "\n  }\n}\n"
            + resources("shared", shared, "blob", theirBlob));
    Files.writeString(text.resolve("args"), "--link-module a.mlir\n");
    LinkResult fromText = LinkCase.at("large-blobs", text).link();
    assertTrue(fromText.succeeded(), fromText::formattedDiagnostics);
    Path expected = temp.resolve("large-blobs-expected.mlir");
    Files.writeString(expected, fromText.text());
    String linked = fromText.text();
    assertTrue(linked.contains("blob_0: \"0x04000000" + theirBlob + "\""), "blob_0 not whole");
    assertEquals(1, linked.split(shared, -1).length - 1, "the shared blob is not linked once");
    Path copy = temp.resolve("large-blobs-bytecode");
    assertTrue(LinkCase.asBytecode(text, copy), "iree-opt cannot read the case");
    linksTheSame(LinkCase.at("large-blobs", copy), expected);
  }

  private static String blob(Random random, int words) {
    byte[] bytes = new byte[4 * words];
    random.nextBytes(bytes);
    return HexFormat.of().withUpperCase().formatHex(bytes);
  }

  private static String resources(String key1, String hex1, String key2, String hex2) {
    return "{-#\n  dialect_resources: {\n    builtin: {\n      "
        + key1
        + ": \"0x04000000"
        + hex1
        + "\",\n      "
        + key2
        + ": \"0x04000000"
        + hex2
        + "\"\n    }\n  }\n#-}\n";
  }

  private static void linksTheSame(LinkCase linkCase, Path expected) throws IOException {
    LinkResult result = linkCase.link();
    assertTrue(result.succeeded(), linkCase.relative(result.formattedDiagnostics()));
    Path ours = linkCase.dir().resolve("ours.mlir");
    Files.writeString(ours, result.text());
    MlirTools.Run expectedPrint = genericPrint(expected);
    if (!expectedPrint.ok()) {
      return; // the expected output uses what iree-opt lacks; nothing to compare with
    }
    MlirTools.Run ourPrint = genericPrint(ours);
    assertTrue(ourPrint.ok(), ourPrint.stderr());
    assertEquals(expectedPrint.stdout(), ourPrint.stdout(), "the link of " + linkCase.dir());
  }

  private static MlirTools.Run genericPrint(Path file) {
    return IreeTools.printGeneric(file, "--mlir-print-local-scope");
  }
}
