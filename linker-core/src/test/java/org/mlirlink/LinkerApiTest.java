package org.mlirlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlirlink.diagnostic.Diagnostic;
import org.mlirlink.diagnostic.DiagnosticCode;
import org.mlirlink.testing.MlirTools;
import org.mlirlink.workspace.CheckReport;
import org.mlirlink.workspace.Workspace;

/** The library's facade as a user's program meets it: misuse is refused, threads are safe. */
class LinkerApiTest {
  private static final Path COMPONENTS = MlirTools.projectRoot().resolve("components");

  @Test
  void aBundleWithAMainModuleIsRefusedRatherThanLeavingTheMainOut() {
    Linker.Builder builder =
        Linker.builder()
            .bundle(true)
            .main(Source.of("main.mlir", "module @main {}"))
            .linkModule(Source.of("a.mlir", "module @a {}"));
    IllegalStateException refused = assertThrows(IllegalStateException.class, builder::build);
    assertEquals(
        "a bundle takes no main module: give main.mlir as a link module", refused.getMessage());
  }

  /** A link's diagnostics tell their kinds apart by code, not by words, and notes share it. */
  @Test
  void everyKindOfLinkErrorHasItsCode(@TempDir Path dir) throws IOException {
    String lib =
        "module @lib {\n  util.func public @f(%x: f32) -> f32 {\n    util.return %x : f32\n  }\n}\n";
    assertEquals(
        DiagnosticCode.UNRESOLVED_EXTERNAL,
        codeOf(link("module {\n  util.func private @lib.g(f32) -> f32\n}\n", lib)));
    assertEquals(
        DiagnosticCode.TYPE_MISMATCH,
        codeOf(link("module {\n  util.func private @lib.f(i32) -> i32\n}\n", lib)));
    assertEquals(
        DiagnosticCode.DUPLICATE_DEFINITION,
        codeOf(link("module {\n  util.func private @lib.f(f32) -> f32\n}\n", lib, lib)));
    assertEquals(DiagnosticCode.SYNTAX, codeOf(link("module {\n", lib)));
    assertEquals(
        DiagnosticCode.UNREADABLE,
        codeOf(Linker.builder().main(Source.of(dir.resolve("missing.mlir"))).build().link()));
    assertEquals(
        DiagnosticCode.LIBRARY_PATH,
        codeOf(
            Linker.builder()
                .main(Source.of("main.mlir", "module {}"))
                .libraryPath(dir.resolve("no-such-folder"))
                .build()
                .link()));
    Files.writeString(dir.resolve("a.mlir"), lib);
    Files.writeString(dir.resolve("b.mlir"), lib);
    LinkResult ambiguous =
        Linker.builder()
            .main(Source.of("main.mlir", "module {\n  util.func private @lib.f(f32) -> f32\n}\n"))
            .libraryPath(dir)
            .build()
            .link();
    assertEquals(DiagnosticCode.AMBIGUOUS_MODULE, codeOf(ambiguous));
    Diagnostic error = ambiguous.diagnostics().get(0);
    assertTrue(!error.related().isEmpty(), error::format);
    error.related().forEach(note -> assertEquals(DiagnosticCode.AMBIGUOUS_MODULE, note.code()));
    assertEquals("ambiguous-module", error.code().id());
  }

  /** A file under two library paths, one inside the other, is one file, not two declarations. */
  @Test
  void aFileUnderTwoLibraryPathsDeclaresItsModuleOnce(@TempDir Path dir) throws IOException {
    Path lib = Files.createDirectories(dir.resolve("lib"));
    Files.writeString(
        lib.resolve("x.mlir"),
        "module @dup {\n  util.func public @f(%x: f32) -> f32 {\n    util.return %x : f32\n  }\n}\n");
    LinkResult result =
        Linker.builder()
            .main(Source.of("main.mlir", "module {\n  util.func private @dup.f(f32) -> f32\n}\n"))
            .libraryPath(dir)
            .libraryPath(lib)
            .build()
            .link();
    assertTrue(result.succeeded(), result::formattedDiagnostics);
  }

  private static LinkResult link(String main, String... modules) {
    Linker.Builder builder = Linker.builder().main(Source.of("main.mlir", main));
    for (int i = 0; i < modules.length; i++) {
      builder.linkModule(Source.of("m" + i + ".mlir", modules[i]));
    }
    return builder.build().link();
  }

  private static DiagnosticCode codeOf(LinkResult result) {
    assertFalse(result.succeeded(), "the link succeeded");
    assertEquals(1, result.diagnostics().size(), result::formattedDiagnostics);
    return result.diagnostics().get(0).code();
  }

  @Test
  void aLinkWithoutAMainModuleIsRefusedUnlessItBundles() {
    assertThrows(IllegalStateException.class, () -> Linker.builder().build());
  }

  @Test
  void filesUnderAFolderNeedASuffixToLookFor() {
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> LibraryFiles.under(COMPONENTS));
    assertTrue(refused.getMessage().contains("MLIR_SUFFIXES"), refused.getMessage());
    assertTrue(LibraryFiles.under(COMPONENTS, LibraryFiles.MLIR_SUFFIXES).size() >= 3);
  }

  /**
   * One {@code Linker}, its {@code Source}s and one {@code Workspace}, used by eight threads at
   * once, give every thread what one thread alone gets, as their Javadoc promises.
   */
  @Test
  void oneLinkerAndOneWorkspaceServeEightThreadsAtOnce() throws Exception {
    Linker linker =
        Linker.builder()
            .main(Source.of(COMPONENTS.resolve("moe/moe_ffn_block.mlir")))
            .linkModule(Source.of(COMPONENTS.resolve("moe/mul_mat_id.mlir")))
            .libraryPath(COMPONENTS)
            .build();
    LinkResult alone = linker.link();
    assertTrue(alone.succeeded(), alone::formattedDiagnostics);
    String expected = alone.text();
    Workspace workspace = new Workspace(List.of(COMPONENTS));
    String checked = workspace.check(List.of(COMPONENTS)).summary();

    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> links = new ArrayList<>();
      List<Future<CheckReport>> checks = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        links.add(threads.submit(() -> linker.link().text()));
        checks.add(threads.submit(() -> workspace.check(List.of(COMPONENTS))));
      }
      for (Future<String> link : links) {
        assertEquals(expected, link.get());
      }
      for (Future<CheckReport> check : checks) {
        assertEquals(checked, check.get().summary());
      }
    } finally {
      threads.shutdownNow();
    }
  }
}
