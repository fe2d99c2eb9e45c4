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
          unknown escape in a string | module {\\n  func.func @f() attributes {s = "a\\q"} {\\n    return\\n  }\\n} | 2 | 36 | unknown escape in string literal
          line break escaped in a string | module {\\n  func.func @f() attributes {s = "a\\\\nb"} {\\n    return\\n  }\\n} | 2 | 36 | unknown escape in string literal
          one hex digit escaped in a string | module {\\n  func.func @f() {\\n    %0 = "x.y"() {s = "\\4"} : () -> ()\\n  }\\n} | 3 | 24 | unknown escape in string literal
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

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      textBlock =
          """
          # case | input (\\n = newline) | line | column | message
          words after an argument type | module @lib {\\n  util.func public @f(%a: i32 garbage garbage, %b i32) -> i32 {\\n    util.return %a : i32\\n  }\\n} | 2 | 31 | expected ',' or ')' in the argument list, found 'garbage'
          a missing comma between arguments | util.func public @f(%a: i32 %b: i32) -> i32 {\\n  util.return %a : i32\\n} | 1 | 29 | expected ',' or ')' in the argument list, found '%b'
          a missing comma at a line break | util.func public @f(%a: i32\\n    %b: i32) -> i32 {\\n  util.return %a : i32\\n} | 2 | 5 | expected ',' or ')' in the argument list, found '%b'
          a missing colon | util.func public @f(%a i32) -> i32 {\\n  util.return %a : i32\\n} | 1 | 24 | expected ':' after '%a', found 'i32'
          a word after the results | util.func public @f(%a: i32) -> i32 garbage {\\n  util.return %a : i32\\n} | 1 | 37 | expected 'attributes' or the body after the results, found 'garbage'
          a word after the results of a declaration | util.func private @f(i32) -> i32 garbage\\nutil.func private @g() | 1 | 34 | expected 'attributes' or the body after the results, found 'garbage'
          an unclosed angle bracket in an argument | util.func private @f(%a: tensor<4xf32, %b: i32) -> i32 | 1 | 47 | expected '>' to close the '<' at 1:32, found ')'
          no result type after the arrow | util.func public @f(%a: i32) -> {\\n  util.return\\n} | 1 | 33 | expected a result type after '->', found '{'
          no result type after the arrow of a declaration | util.func private @f(i32) ->\\nutil.func private @g() | 2 | 1 | expected a result type after '->', found 'util.func'
          no result type at the end of the file | util.func private @f(i32) -> | 1 | 29 | expected a result type after '->', found the end of the file
          an attribute dictionary before the results | util.func public @f(%a: i32) attributes {x} -> i32 {\\n  util.return %a : i32\\n} | 1 | 45 | expected the body after the attributes, found '->'
          attributes without a dictionary | func.func private @f(i32) attributes | 1 | 37 | expected '{' after 'attributes', found the end of the file
          an attribute dictionary missing a comma | func.func private @f(i32 {a b}) -> i32 | 1 | 29 | expected ',' or '}' in the attribute dictionary, found 'b'
          an attribute without a value after '=' | func.func private @f(i32 {a = }) -> i32 | 1 | 31 | expected an attribute value after '=', found '}'
          a trailing comma in the arguments | func.func private @f(i32,) -> i32 | 1 | 26 | expected an argument type, found ')'
          a variadic argument list | func.func private @f(i32, ...) -> i32 | 1 | 27 | expected an argument type, found '...'
          two types in a result list | func.func private @f(i32) -> (i32 i32) | 1 | 35 | expected ',' or ')' in the result list, found 'i32'
          a function type after a result list | func.func private @f(i32) -> (i32) -> i32 | 1 | 36 | expected 'attributes' or the body after the results, found '->'
          two visibility keywords | func.func private public @f(i32) -> i32 | 1 | 19 | expected 'public', 'private', 'nested' or the function's name (@name) after 'func.func', found 'public'
          a word that is no visibility | util.func garbage @f(i32) -> i32 | 1 | 11 | expected 'public', 'private', 'nested' or the function's name (@name) after 'util.func', found 'garbage'
          no argument list | func.func private @f -> i32 | 1 | 22 | expected '(' to start the argument list, found '->'
          a result tied to no argument | util.func private @f(%a: tensor<?xf32>) -> %b | 1 | 44 | result tied to unknown argument '%b'
          a keyword as a type | func.func private @f(i32) -> attributes {a} | 1 | 30 | expected a result type after '->', found 'attributes'
          a function with a result name | %0 = func.func private @f(i32) -> i32 | 1 | 1 | 'func.func' has no results, so '%0' names none
          a location before the attributes | func.func private @f(i32) -> i32 loc("x":1:2) attributes {a} | 1 | 47 | expected the body after the location, found 'attributes'
          a bad header in a nested module | module @a {\\n  module @b {\\n    func.func private @f(i32 i32)\\n  }\\n} | 3 | 30 | expected ',' or ')' in the argument list, found 'i32'
          """)
  void aMalformedFunctionHeaderIsAnErrorAtItsFirstBadToken(
      String name, String input, int line, int column, String message) {
    // Whether or not anything declares the function: the header is checked as the file is read.
    Diagnostic d = diagnose(input.replace("\\n", "\n"));
    assertEquals(
        "t.mlir:" + line + ":" + column + ": error: " + message,
        d.format().lines().findFirst().orElseThrow(),
        name);
    assertClean(d);
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
