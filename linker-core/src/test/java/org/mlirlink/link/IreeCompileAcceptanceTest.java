package org.mlirlink.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.mlirlink.LinkResult;
import org.mlirlink.Linker;
import org.mlirlink.Source;
import org.mlirlink.testing.IreeTools;
import org.mlirlink.testing.MlirTools;
import org.mlirlink.testing.Npy;

/**
 * What we write, {@code iree-compile} reads: every link case's output, every link of the components
 * and every bundle compiles for the local CPU.
 *
 * <p>A case whose output IREE cannot compile says why in a file {@value #REJECTS} in its folder:
 * its first line is a piece of the error {@code iree-compile} gives, the rest explains. Such a case
 * is checked the other way round (iree-compile must still reject it with that error), so a note
 * that stops being true fails the build instead of hiding a case from the check.
 *
 * <p>A case whose program must also compute the right thing has a file {@value #RUNS}: one line per
 * call, {@code FUNCTION INPUT... -> RESULT}, each value written as {@code iree-run-module} takes it
 * ({@code i32=15}, {@code 4xf32=1,2,3,4}; {@code i32} and {@code f32} only). The compiled output is
 * run with {@code iree-run-module} and its one result must be that value bit for bit.
 */
class IreeCompileAcceptanceTest {
  static final String REJECTS = "iree-compile-rejects";
  static final String RUNS = "expected.run";

  @TestFactory
  Stream<DynamicTest> everyLinkCaseOutputCompiles() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> folders = Files.list(LinkCase.root())) {
      for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
        String name = folder.getFileName().toString();
        if (!Files.exists(folder.resolve("expected.mlir"))) {
          continue; // an error case (expected.err) or a listing (expected.out): nothing to compile
        }
        tests.add(DynamicTest.dynamicTest(name, () -> checkCase(LinkCase.named(name))));
      }
    }
    assertFalse(tests.isEmpty(), "no link case with an expected.mlir under " + LinkCase.root());
    return tests.stream();
  }

  private static void checkCase(LinkCase linkCase) throws IOException {
    String output = linkCase.assertLinksAsExpected();
    IreeTools.Compiled compiled = IreeTools.compile(output, linkCase.compileFlags());
    Path note = linkCase.dir().resolve(REJECTS);
    if (!Files.exists(note)) {
      Path vmfb = compiled.require(linkCase.dir().getFileName() + "'s output");
      Path runs = linkCase.dir().resolve(RUNS);
      if (Files.exists(runs)) {
        checkRuns(runs, vmfb);
      }
      return;
    }
    List<String> lines = Files.readAllLines(note);
    assertTrue(
        lines.size() >= 2 && !lines.get(0).isBlank() && !lines.get(1).isBlank(),
        note + ": the first line is the error iree-compile gives, then a line or more on why");
    String error = lines.get(0).strip();
    assertFalse(
        compiled.ok(),
        linkCase.dir().getFileName() + " compiles now: delete " + note + " so the case is checked");
    assertTrue(
        compiled.errors().contains(error),
        () -> note + " expects '" + error + "', but iree-compile says:\n" + compiled.errors());
  }

  /** Runs each {@code FUNCTION INPUT... -> RESULT} line of {@code runs} on the compiled output. */
  private static void checkRuns(Path runs, Path vmfb) throws IOException {
    List<String> lines = Files.readAllLines(runs).stream().filter(l -> !l.isBlank()).toList();
    assertFalse(lines.isEmpty(), runs + " has no line");
    for (String line : lines) {
      String[] call = line.split("->");
      assertEquals(2, call.length, runs + ": expected 'FUNCTION INPUT... -> RESULT': " + line);
      List<String> words = List.of(call[0].strip().split("\\s+"));
      Npy.Array expected = value(call[1].strip());
      Npy.Array actual =
          IreeTools.runModule(vmfb, words.get(0), words.subList(1, words.size()), 1).get(0);
      assertEquals(
          expected.descr() + Arrays.toString(expected.shape()),
          actual.descr() + Arrays.toString(actual.shape()),
          runs + ": " + line);
      assertArrayEquals(expected.data(), actual.data(), runs + ": " + line + ", got " + actual);
    }
  }

  /** A value as {@code iree-run-module} reads it: {@code [DxDx...x]TYPE=V,V,...}. */
  private static Npy.Array value(String text) {
    String[] typeAndValues = text.split("=");
    String[] dims = typeAndValues[0].split("x");
    long[] shape = new long[dims.length - 1];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = Long.parseLong(dims[i]);
    }
    String[] values = typeAndValues[1].split("[,\\s]+");
    return switch (dims[dims.length - 1]) {
      case "i32" ->
          Npy.Array.i32(Arrays.stream(values).mapToInt(Integer::parseInt).toArray(), shape);
      case "f32" -> {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
          floats[i] = Float.parseFloat(values[i]);
        }
        yield Npy.Array.f32(floats, shape);
      }
      default -> throw new IllegalArgumentException("not an i32 or f32 value: " + text);
    };
  }

  @Test
  void theMoeBlockLinkedWithItsTwoDependenciesCompiles() {
    compiles(
        "moe_ffn_block + mul_mat_id + swiglu",
        link(
            component("moe/moe_ffn_block.mlir"),
            component("moe/mul_mat_id.mlir"),
            component("activation/swiglu.mlir")));
  }

  @Test
  void theMoeBlockFoundThroughTheLibraryPathCompiles() {
    LinkResult result =
        Linker.builder()
            .main(Source.of(component("moe/moe_ffn_block.mlir")))
            .libraryPath(MlirTools.projectRoot().resolve("components"))
            .build()
            .link();
    assertTrue(result.succeeded(), result::formattedDiagnostics);
    compiles("moe_ffn_block by --library-path components", result.text());
  }

  @Test
  void theTestLinkingPairCompiles() {
    compiles(
        "test_linking main + math",
        link(
            component("test_linking/main_module.mlir"),
            component("test_linking/math_module.mlir")));
  }

  @Test
  void everyComponentCompilesOnItsOwnWhenItNeedsNothing() throws IOException {
    try (Stream<Path> files = Files.walk(MlirTools.projectRoot().resolve("components"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".mlir")).sorted().toList()) {
        LinkResult result = Linker.builder().main(Source.of(file)).build().link();
        if (result.succeeded()) {
          compiles(file.toString(), result.text());
        } else {
          // The only way a component fails alone is by needing another one.
          assertTrue(
              result.formattedDiagnostics().contains("unresolved"), result::formattedDiagnostics);
        }
      }
    }
  }

  /**
   * A bundle is link input: IREE compiles one module, and rejects functions inside the named
   * modules a bundle keeps (as it does with iree-link's own bundles). What a bundle must give is a
   * program once it is linked against, so the components are bundled, the bundle is the MoE block's
   * one link module, and the result must compile.
   */
  @Test
  void aBundleOfTheComponentsLinksIntoACompilingProgram() throws IOException {
    LinkResult bundle =
        Linker.builder()
            .bundle(true)
            .linkModule(Source.of(component("moe/mul_mat_id.mlir")))
            .linkModule(Source.of(component("activation/swiglu.mlir")))
            .build()
            .link();
    assertTrue(bundle.succeeded(), bundle::formattedDiagnostics);
    LinkResult linked =
        Linker.builder()
            .main(Source.of(component("moe/moe_ffn_block.mlir")))
            .linkModule(Source.of("components.bundle.mlir", bundle.text()))
            .build()
            .link();
    assertTrue(linked.succeeded(), linked::formattedDiagnostics);
    compiles("moe_ffn_block linked against a bundle of its dependencies", linked.text());
  }

  private static void compiles(String what, String mlir) {
    IreeTools.compile(mlir).require(what);
  }

  private static String link(Path main, Path... modules) {
    Linker.Builder builder = Linker.builder().main(Source.of(main));
    for (Path module : modules) {
      builder.linkModule(Source.of(module));
    }
    LinkResult result = builder.build().link();
    assertTrue(result.succeeded(), result::formattedDiagnostics);
    return result.text();
  }

  private static Path component(String relative) {
    Path file = MlirTools.projectRoot().resolve("components").resolve(relative);
    if (!Files.isRegularFile(file)) {
      throw new UncheckedIOException(new IOException("no component " + file));
    }
    return file;
  }
}
