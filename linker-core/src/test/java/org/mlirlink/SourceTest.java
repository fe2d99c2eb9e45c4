package org.mlirlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlirlink.diagnostic.Diagnostic;
import org.mlirlink.diagnostic.DiagnosticException;

/**
 * Sources given as bytes (standard input) are decoded and checked exactly like files; files are
 * read exactly, whatever their size or kind; a preloaded source is read once.
 */
class SourceTest {
  private static final String LIB =
      "module @lib {\n  func.func @f() -> i32 {\n    %c = arith.constant %s : i32\n    return %c : i32\n  }\n}\n";
  private static final String MAIN = "func.func private @lib.f() -> i32\n";

  @TempDir Path tmp;

  private static String link(Source lib) {
    LinkResult result =
        Linker.builder().main(Source.of("main.mlir", MAIN)).linkModule(lib).build().link();
    assertTrue(result.succeeded(), result.formattedDiagnostics());
    return result.text();
  }

  private Path writeLib(String constant) throws IOException {
    return Files.writeString(tmp.resolve("lib.mlir"), LIB.replace("%s", constant));
  }

  @Test
  void bytesAreReadAsUtf8() {
    byte[] text = "func.func @f() {\n  return\n}\n".getBytes(StandardCharsets.UTF_8);
    LinkResult result = Linker.builder().main(Source.of("<stdin>", text)).build().link();
    assertTrue(result.succeeded(), result.formattedDiagnostics());
    assertEquals(new String(text, StandardCharsets.UTF_8), result.text());
  }

  @Test
  void invalidUtf8InBytesIsAnErrorAtTheBadByteLikeInAFile() {
    byte[] text = {'/', '/', ' ', (byte) 0xff, '\n', 'm', 'o', 'd', 'u', 'l', 'e', ' ', '{', '}'};
    LinkResult result = Linker.builder().main(Source.of("<stdin>", text)).build().link();
    assertFalse(result.succeeded());
    Diagnostic error = result.diagnostics().get(0);
    assertEquals("<stdin>:1:4", error.location().toString());
    assertTrue(error.message().startsWith("invalid UTF-8"), error.message());
  }

  @Test
  void aFileSourceIsReadAgainByEveryLink() throws IOException {
    Path file = writeLib("1");
    Source lib = Source.of(file);
    assertTrue(link(lib).contains("arith.constant 1 "));
    writeLib("2");
    assertTrue(link(lib).contains("arith.constant 2 "));
  }

  @Test
  void aPreloadedSourceIsReadOnceAndKeptForEveryLaterLink() throws IOException {
    Path file = writeLib("1");
    Source lib = Source.of(file).preload();
    assertTrue(link(lib).contains("arith.constant 1 "));
    assertTrue(link(lib).contains("arith.constant 1 "));
  }

  @Test
  void aFileChangedAfterItWasReadIsAnErrorNotAMixedOutput() throws IOException {
    Path file = writeLib("1");
    Source lib = Source.of(file).preload(); // parsed now; copied from the file when written
    writeLib("22");
    LinkResult result =
        Linker.builder().main(Source.of("main.mlir", MAIN)).linkModule(lib).build().link();
    String said;
    if (result.succeeded()) { // the change is seen when the function's text is copied
      said = assertThrows(DiagnosticException.class, result::text).diagnostic().format();
    } else {
      said = result.formattedDiagnostics();
    }
    assertTrue(said.contains("lib.mlir': it changed while it was being linked"), said);
  }

  @Test
  void preloadKeepsBadInputForTheLinkToReportAsUsual() throws IOException {
    Path file = Files.writeString(tmp.resolve("bad.mlir"), "module @lib {\n  func.func @f( {\n");
    Source lib = Source.of(file).preload(); // does not throw
    LinkResult preloaded =
        Linker.builder().main(Source.of("main.mlir", MAIN)).linkModule(lib).build().link();
    LinkResult fresh =
        Linker.builder()
            .main(Source.of("main.mlir", MAIN))
            .linkModule(Source.of(file))
            .build()
            .link();
    assertFalse(preloaded.succeeded());
    assertEquals(fresh.formattedDiagnostics(), preloaded.formattedDiagnostics());
    assertTrue(
        preloaded.formattedDiagnostics().startsWith(file + ":"), preloaded.formattedDiagnostics());
  }

  /** One preloaded source given twice is two inputs, as one file given twice by path is. */
  @Test
  void aPreloadedSourceUsedTwiceInOneLinkIsTwoInputs() throws IOException {
    Path file = writeLib("1");
    Source once = Source.of(file).preload();
    LinkResult twice =
        Linker.builder().bundle(true).linkModule(once).linkModule(once).build().link();
    LinkResult byPath =
        Linker.builder()
            .bundle(true)
            .linkModule(Source.of(file))
            .linkModule(Source.of(file))
            .build()
            .link();
    assertFalse(byPath.succeeded(), "a bundle of one module twice defines its symbols twice");
    assertFalse(twice.succeeded());
    assertEquals(byPath.formattedDiagnostics(), twice.formattedDiagnostics());

    LinkResult linkedTwice =
        Linker.builder()
            .main(Source.of("main.mlir", MAIN))
            .linkModule(once)
            .linkModule(once)
            .build()
            .link();
    LinkResult linkedByPath =
        Linker.builder()
            .main(Source.of("main.mlir", MAIN))
            .linkModule(Source.of(file))
            .linkModule(Source.of(file))
            .build()
            .link();
    assertFalse(linkedByPath.succeeded(), "two link modules defining @lib.f are ambiguous");
    assertEquals(linkedByPath.formattedDiagnostics(), linkedTwice.formattedDiagnostics());
  }

  @Test
  void aLinkRacingAPreloadOnAnotherThreadGivesTheSameOutput() throws Exception {
    StringBuilder big = new StringBuilder(LIB.replace("%s", "7").replace("}\n}\n", "}\n"));
    for (int i = 0; i < 20_000; i++) {
      big.append("  func.func @g").append(i).append("() {\n    return\n  }\n");
    }
    Path file = Files.writeString(tmp.resolve("big.mlir"), big.append("}\n"));
    String expected = link(Source.of(file));
    for (int round = 0; round < 5; round++) {
      Source lib = Source.of(file);
      CompletableFuture<Source> preload = CompletableFuture.supplyAsync(lib::preload);
      assertEquals(expected, link(lib));
      preload.get();
    }
  }

  @Test
  void utf8BeyondAsciiInAFileIsReadExactly() throws IOException {
    String text = "// größe, 名前, 🙂\nfunc.func @f() attributes {note = \"ü 🙂\"} {\n  return\n}\n";
    Path file = Files.writeString(tmp.resolve("u.mlir"), text, StandardCharsets.UTF_8);
    LinkResult result = Linker.builder().main(Source.of(file)).build().link();
    assertTrue(result.succeeded(), result.formattedDiagnostics());
    assertEquals(text, result.text());
  }

  @Test
  void invalidUtf8InAFileIsAnErrorAtTheBadByte() throws IOException {
    byte[] bytes = {'m', 'o', 'd', 'u', 'l', 'e', ' ', '{', '\n', ' ', (byte) 0xC3, '(', '\n', '}'};
    Path file = Files.write(tmp.resolve("bad.mlir"), bytes);
    LinkResult result = Linker.builder().main(Source.of(file)).build().link();
    assertFalse(result.succeeded());
    Diagnostic error = result.diagnostics().get(0);
    assertEquals(file + ":2:2", error.location().toString());
    assertTrue(error.message().startsWith("invalid UTF-8"), error.message());
  }

  /** A pipe has no size: the file is read to its end, not to the size it had when opened. */
  @Test
  void aNamedPipeIsReadToItsEnd() throws Exception {
    Path fifo = tmp.resolve("in.fifo");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 30_000; i++) { // over 1 MB: several reads of the read buffer
      text.append("func.func @f").append(i).append("() {\n  return\n}\n");
    }
    CompletableFuture<Void> writer =
        CompletableFuture.runAsync(
            () -> {
              try {
                Files.writeString(fifo, text);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    LinkResult result = Linker.builder().main(Source.of(fifo)).build().link();
    writer.get();
    assertTrue(result.succeeded(), result.formattedDiagnostics());
    assertEquals(text.toString(), result.text());
  }
}
