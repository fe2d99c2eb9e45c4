package org.mlirlink.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mlirlink.diagnostic.Diagnostic;
import org.mlirlink.diagnostic.DiagnosticException;
import org.mlirlink.model.SourceText;

/**
 * Bad input gives one clear diagnostic, {@code FILE:LINE:COL: error: MESSAGE}, the source line and
 * a caret: pinned exactly for every case in {@code testdata/reader/malformed/} (its {@code
 * NAME.expected} holds the whole formatted diagnostic) and for a few inline cases.
 */
class ReaderDiagnosticsTest {

  static final Path MALFORMED = ReaderFixtures.readerData().resolve("malformed");

  /** Reads bytes the way the CLI does; returns the diagnostic the reader throws. */
  static Diagnostic diagnose(String name, byte[] bytes) {
    DiagnosticException e =
        assertThrows(
            DiagnosticException.class,
            () -> MlirReader.read(SourceText.ofBytes(name, bytes)),
            name + " must be rejected");
    return e.diagnostic();
  }

  static Diagnostic diagnose(String text) {
    return diagnose("t.mlir", text.getBytes(StandardCharsets.UTF_8));
  }

  @TestFactory
  Stream<DynamicTest> everyMalformedFileGivesItsExpectedDiagnostic() {
    List<Path> files = ReaderFixtures.mlirFiles(MALFORMED);
    assertTrue(files.size() >= 14, "malformed cases: " + files);
    return files.stream()
        .map(
            file ->
                DynamicTest.dynamicTest(
                    file.getFileName().toString(),
                    () -> {
                      String name = file.getFileName().toString();
                      Path expectedFile =
                          file.resolveSibling(name.replaceFirst("\\.mlir$", ".expected"));
                      assertTrue(Files.exists(expectedFile), "missing " + expectedFile);
                      String expected = Files.readString(expectedFile, StandardCharsets.UTF_8);
                      Diagnostic d = diagnose(name, ReaderFixtures.bytes(file));
                      assertEquals(expected, d.format());
                      assertClean(d);
                    }));
  }

  /** No stack trace, exception type or internal name leaks into a message. */
  static void assertClean(Diagnostic d) {
    String text = d.format();
    for (String leak :
        List.of(
            "Exception",
            "exception",
            "\tat ",
            "org.",
            "java.",
            "antlr",
            "ANTLR",
            "null",
            "Context",
            "token recognition")) {
      assertFalse(
          text.contains(leak) && !d.sourceLine().contains(leak), "leak '" + leak + "' in " + text);
    }
    assertTrue(d.isError());
    assertTrue(d.related().isEmpty(), "one diagnostic, no notes: " + text);
    assertEquals(3, text.split("\n", -1).length - 1, "three lines: " + text);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      textBlock =
          """
          # case | input (\\n = newline) | line | column | message
          unterminated string at the end of the file | module {\\n  func.func @f() attributes {a = "abc | 2 | 34 | unterminated string: missing '"' before the end of the line
          unterminated quoted symbol | module {\\n  func.func private @"f | 2 | 22 | unterminated string: missing '"' before the end of the line
          missing closing brace of a module | module @m {\\n  func.func @f() {\\n    return\\n  }\\n | 1 | 11 | unbalanced '{': no matching '}' before the end of the file
          extra closing brace at the file level | module {\\n}\\n} | 3 | 1 | unexpected '}' with no matching '{'
          extra closing bracket in a body | module {\\n  func.func @f() {\\n    %0 = arith.constant dense<[1]]> : tensor<1xi32>\\n  }\\n} | 3 | 34 | expected '}' to close the '{' at 2:18, found ']'
          stray number after a body | module {\\n  func.func @f() { return } 7\\n} | 2 | 29 | expected an operation, found '7'
          stray word after a trailing location | func.func @f() { return } loc("a":1:2) oops | 1 | 40 | expected an operation, an alias definition or '{-#', found 'oops'
          stray token after a module | module {\\n} junk | 2 | 3 | expected an operation, an alias definition or '{-#', found 'junk'
          stray character at the file level | ; | 1 | 1 | expected an operation, an alias definition or '{-#', found ';'
          stray result list at the file level | %0 | 1 | 1 | expected '=' after the results of an operation
          unterminated resource section with an entry | {-#\\n  dialect_resources: { builtin: { k: "0x04" } }\\n | 1 | 1 | unterminated '{-#' section: no '#-}' before the end of the file
          stray close of a section | #-} | 1 | 1 | expected an operation, an alias definition or '{-#', found '#'
          alias without a value | #map = | 1 | 1 | expected a value after '=' in the definition of alias '#map'
          alias defined twice | #a = i32\\n#a = i64\\nmodule {} | 2 | 1 | redefinition of alias '#a'
          slash outside a comment | module {\\n  func.func @f() { / }\\n} | 2 | 20 | unexpected character '/'
          non-ASCII character outside strings and comments | module {\\n  func.func @f() { é }\\n} | 2 | 20 | unexpected character U+00E9
          """)
  void inlineCases(String name, String input, int line, int column, String message) {
    Diagnostic d = diagnose(input.replace("\\n", "\n"));
    assertEquals(
        "t.mlir:" + line + ":" + column + ": error: " + message,
        d.format().lines().findFirst().orElseThrow(),
        name);
    assertEquals("t.mlir", d.location().file());
    assertEquals(line, d.location().line());
    assertEquals(column, d.location().column());
  }

  @Test
  void theCaretLinesUpUnderTabs() {
    Diagnostic d = diagnose("module {\n\tfunc.func @f() {\n\t\treturn\n\t}\n\t)\n}\n");
    assertEquals("t.mlir:5:2: error: unexpected ')' with no matching '('\n\t)\n\t^\n", d.format());
  }

  @Test
  void columnsCountCharactersAfterABomAndInCrlfFiles() {
    Diagnostic d =
        diagnose("\uFEFFmodule {\r\n  func.func @f() {\r\n    return\r\n  }\r\n  42\r\n}\r\n");
    assertEquals(
        "t.mlir:5:3: error: expected an operation, found '42'",
        d.format().lines().findFirst().orElseThrow());
    assertEquals("  42", d.sourceLine(), "no '\\r' in the shown line");
  }

  @Test
  void aBadFunctionHeaderIsReportedWhenTheSignatureIsRead() {
    // Headers are parsed lazily (only when the linker needs a signature); the error still has a
    // clean message and points into the header.
    var file =
        MlirReader.read(new SourceText("h.mlir", "func.func private @f(i32,, i32) -> i32\n"));
    DiagnosticException e =
        assertThrows(DiagnosticException.class, () -> file.operations().get(0).signature());
    assertEquals(
        "h.mlir:1:26: error: unexpected ',' in function header or attribute dictionary",
        e.diagnostic().format().lines().findFirst().orElseThrow());
    assertClean(e.diagnostic());
  }

  @Test
  void anAliasDefinedTwiceIsADiagnosticWithANoteNotACrash() {
    // Pins a bug: the model's alias map threw IllegalArgumentException before the reader could
    // report the duplicate.
    Diagnostic d = diagnose("#a = i32\n#a = i64\nmodule {}\n");
    assertEquals(
        "t.mlir:2:1: error: redefinition of alias '#a'\n#a = i64\n^\n"
            + "t.mlir:1:1: note: first defined here\n#a = i32\n^\n",
        d.format());
  }

  @Test
  void invalidUtf8PointsAtTheFirstBadByte() {
    byte[] bytes = {'m', 'o', 'd', 'u', 'l', 'e', ' ', '{', '\n', ' ', (byte) 0xC3, '(', '\n', '}'};
    Diagnostic d = diagnose("u.mlir", bytes);
    assertEquals(
        "u.mlir:2:2: error: invalid UTF-8 byte sequence (the file must be UTF-8)",
        d.format().lines().findFirst().orElseThrow());
    assertClean(d);
  }
}
