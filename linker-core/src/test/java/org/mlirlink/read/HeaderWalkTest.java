package org.mlirlink.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlirlink.diagnostic.DiagnosticException;
import org.mlirlink.model.AliasExpansions;
import org.mlirlink.model.FunctionSignature;
import org.mlirlink.model.MlirFile;
import org.mlirlink.model.OpKind;
import org.mlirlink.model.Operation;
import org.mlirlink.model.SourceText;
import org.mlirlink.model.Span;

/**
 * The check of function headers the reader runs on every function, against the grammar: on every
 * header of the corpus and on mutants of each, what the check accepts the grammar reads, to the
 * same signature as the check's walk finds, and what it refuses the grammar refuses too, but for
 * the few shapes it refuses on purpose.
 */
class HeaderWalkTest {
  /** What the check refuses though the grammar reads it: MLIR refuses each too. */
  private static final List<String> REFUSED_ON_PURPOSE =
      List.of(
          "expected 'public', 'private', 'nested' or the function's name",
          "result tied to unknown argument",
          "found '...'");

  @Test
  void theCheckAndTheGrammarAgreeOnEveryHeaderOfTheCorpusAndItsMutants() {
    List<Path> files =
        new ArrayList<>(ReaderFixtures.mlirFiles(ReaderFixtures.root().resolve("testdata")));
    files.addAll(ReaderFixtures.mlirFiles(ReaderFixtures.root().resolve("components")));
    int headers = 0;
    int accepted = 0;
    int refused = 0;
    for (Path path : files) {
      if (ReaderFixtures.unreadable(path)) {
        continue;
      }
      MlirFile file = MlirReader.read(SourceText.ofBytes("f.mlir", ReaderFixtures.bytes(path)));
      List<Operation> functions = new ArrayList<>();
      collectFunctions(file.operations(), functions);
      for (Operation function : functions) {
        long end = function.body().map(Span::start).orElse(function.range().end());
        String header = file.source().string(function.range().start(), end);
        headers++;
        for (String variant : variants(header)) {
          if (agree(file.aliasExpansions(), variant, function.opName(), path)) {
            accepted++;
          } else {
            refused++;
          }
        }
      }
    }
    assertTrue(headers >= 100, "headers: " + headers);
    assertTrue(accepted >= headers && refused > 10 * headers, accepted + " / " + refused);
  }

  /**
   * Checks one header both ways; returns whether the check accepted it. Accepted, the grammar must
   * read it; refused, the grammar must refuse it too, or the refusal be one made on purpose.
   */
  private static boolean agree(AliasExpansions aliases, String header, String opName, Path from) {
    SourceText source = new SourceText("h.mlir", header);
    String check = null;
    try {
      HeaderWalk.check(source, source.bytes(0, source.length()), 0, opName);
    } catch (DiagnosticException e) {
      check = e.diagnostic().message();
    }
    String grammar = null;
    FunctionSignature read = null;
    Span all = new Span(0, source.length());
    try {
      read = new HeaderParser(aliases).functionSignatureByGrammar(source, all);
    } catch (DiagnosticException e) {
      grammar = e.diagnostic().message();
    }
    String what = from.getFileName() + ": " + header;
    if (check == null) {
      assertEquals(null, grammar, "accepted by the check, refused by the grammar: " + what);
      // The signature the link compares comes from the check's walk: the grammar's, exactly.
      assertEquals(read, new HeaderParser(aliases).functionSignature(source, all), what);
      return true;
    }
    if (grammar == null) {
      String message = check;
      assertTrue(
          REFUSED_ON_PURPOSE.stream().anyMatch(message::contains),
          "refused by the check (" + message + "), read by the grammar: " + what);
    }
    return false;
  }

  /**
   * The header, and each header made from it by one change to its tokens after the op name:
   * dropped, repeated, swapped with the next, or followed by a stray word or comma.
   */
  private static Set<String> variants(String header) {
    return ReaderFixtures.tokenVariants(header, 1, Integer.MAX_VALUE, List.of("garbage", ","));
  }

  private static void collectFunctions(List<Operation> ops, List<Operation> out) {
    for (Operation op : ops) {
      if (op.kind() == OpKind.FUNCTION && !op.isGenericForm()) {
        out.add(op);
      }
      collectFunctions(op.children(), out);
    }
  }

  /**
   * A NUL byte between tokens is a blank to MLIR, to the scanner and to the check: the grammar's
   * lexer must skip it too, or a header the check accepted would fail when its type is compared.
   */
  @Test
  void aNulByteInAHeaderIsABlankToTheGrammarToo() {
    MlirFile file =
        MlirReader.read(
            new SourceText("t.mlir", "util.func private @f(%a: i32\0, index) -> i32\n"));
    assertEquals(List.of("i32", "index"), file.operations().get(0).signature().argumentTypes());
  }

  /** A tied result names an argument by its name, or a bare one as {@code %argK}. */
  @Test
  void aTiedResultMustNameAnArgument() {
    String named =
        "util.func private @f(%a: i32, %b: !t.fn<(i32, i32) -> i32> {x = [1, 2]}, %c: index)"
            + " -> (%c, %a as i32)\n";
    String bare = "util.func private @g(i32, (i32) -> i32, index) -> %arg2\n";
    MlirFile file = MlirReader.read(new SourceText("t.mlir", named + bare));
    assertEquals(2, file.operations().size());
    assertEquals(List.of("index", "i32"), file.operations().get(0).signature().resultTypes());
    assertEquals(List.of("index"), file.operations().get(1).signature().resultTypes());

    for (String[] bad :
        new String[][] {
          {named.replace("(%c, %a", "(%c, %d"), "1:93", "%d"},
          {bare.replace("%arg2", "%arg3"), "1:51", "%arg3"},
          {bare.replace("%arg2", "%arg02"), "1:51", "%arg02"},
        }) {
      DiagnosticException e =
          assertThrows(
              DiagnosticException.class, () -> MlirReader.read(new SourceText("t.mlir", bad[0])));
      assertEquals(
          "t.mlir:" + bad[1] + ": error: result tied to unknown argument '" + bad[2] + "'",
          e.diagnostic().format().lines().findFirst().orElseThrow());
    }
  }

  /**
   * Types are read as written, comments inside them included, and a result tied to a name that a
   * named and a bare argument both answer to is tied to the last of them: as the grammar reads it.
   */
  @Test
  void typesAndTiesAreReadAsTheGrammarReadsThem() {
    String header =
        "util.func private @f(%arg1: i32 {a.b = \"->\"} loc(\"x\"), tensor<4x // four\n f32>,"
            + " !t.fn<(i32) -> i32>) -> (%arg1, (i32) -> (index, f16) {c})";
    SourceText source = new SourceText("h.mlir", header);
    Span all = new Span(0, source.length());
    HeaderParser parser = new HeaderParser(new AliasExpansions(java.util.Map.of()));
    FunctionSignature walked = parser.functionSignature(source, all);
    assertEquals(parser.functionSignatureByGrammar(source, all), walked);
    assertEquals(3, walked.argumentTypes().size(), walked.toString());
    assertEquals(walked.argumentTypes().get(1), walked.resultTypes().get(0));
    assertEquals(2, walked.resultTypes().size(), walked.toString());
  }

  /**
   * A header far behind the scanner (before a body longer than its window) is checked all the same,
   * read from the file rather than the window: refused at its place when malformed, and read when
   * not.
   */
  @Test
  void aHeaderBeforeABodyLongerThanTheReadersWindowIsChecked(@TempDir Path tmp) throws IOException {
    String body = "    %c = arith.constant 0 : i32\n".repeat(80_000); // 2.6 MB
    String good = "func.func @f(%a: i32) -> i32 {\n" + body + "    return %a : i32\n}\n";
    Path goodFile = Files.writeString(tmp.resolve("good.mlir"), good + good.replace("@f", "@g"));
    MlirFile read = MlirReader.read(SourceText.open("good.mlir", goodFile));
    assertEquals(2, read.operations().size());

    String bad = good.replace("@f", "@g").replace("%a: i32)", "%a: i32 garbage)");
    Path badFile = Files.writeString(tmp.resolve("bad.mlir"), good + bad);
    DiagnosticException e =
        assertThrows(
            DiagnosticException.class, () -> MlirReader.read(SourceText.open("bad.mlir", badFile)));
    int line = good.split("\n", -1).length;
    assertEquals(
        "bad.mlir:"
            + line
            + ":22: error: expected ',' or ')' in the argument list, found 'garbage'",
        e.diagnostic().format().lines().findFirst().orElseThrow());
  }
}
