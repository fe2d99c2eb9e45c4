package org.mlirlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
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
