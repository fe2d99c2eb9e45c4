package org.mlirlink.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
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
                if (asBytecode(dir, copy)) {
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
   * Copies a case, its inputs as bytecode; false when iree-opt cannot read one of them. The library
   * paths' files are renamed {@code .mlirbc}.
   */
  private static boolean asBytecode(Path from, Path to) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(from)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    for (Path file : files) {
      Path relative = from.relativize(file);
      Path target = to.resolve(relative.toString());
      Files.createDirectories(target.getParent());
      String fileName = file.getFileName().toString();
      if (!fileName.endsWith(".mlir") || fileName.equals("expected.mlir")) {
        Files.copy(file, target);
        continue;
      }
      if (relative.getNameCount() > 1) {
        target = target.resolveSibling(fileName + "bc");
      }
      MlirTools.Run emit = IreeTools.emitBytecode(file, target);
      if (!emit.ok()) {
        return false;
      }
    }
    return true;
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
    return MlirTools.run(
        List.of(
            IreeTools.require("iree-opt").toString(),
            "--mlir-print-op-generic",
            "--mlir-print-local-scope",
            file.toString()),
        null);
  }
}
