package org.mlirlink.read;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.mlirlink.diagnostic.DiagnosticException;
import org.mlirlink.model.SourceText;
import org.mlirlink.testing.MlirTools;

/**
 * The reader against the real MLIR parser. Every upstream-dialect file under {@code testdata/} must
 * be accepted by {@code mlir-opt-22} and read by our reader; every malformed case our reader
 * rejects must be rejected by {@code mlir-opt-22} too, except the deliberate differences listed in
 * {@link #ACCEPTED_BY_MLIR_OPT}.
 *
 * <p>Not upstream, so skipped: folders named {@code iree} (util/flow/hal/... dialects), {@code
 * malformed} (checked separately below) and {@code extensions} (what we accept beyond MLIR, also
 * checked below); files whose ops (outside comments, in custom or generic form) use an IREE
 * dialect; and any folder holding a file named {@code .no-mlir-opt} (write the reason in it).
 */
class ReaderDifferentialTest {
  private static final Set<String> SKIPPED_FOLDERS = Set.of("iree", "malformed", "extensions");
  private static final Pattern IREE_OP =
      Pattern.compile(
          "(?<![\\w.%#!@\"])(util|flow|hal|stream|iree_[a-z_]+)\\.[a-z_]"
              + "|\"(util|flow|hal|stream|iree_[a-z_]+)\\.[\\w.]+\"\\s*\\("); // custom or generic

  /**
   * Malformed cases that {@code mlir-opt-22} accepts but our linker rejects on purpose (documented
   * in docs/compatibility.md): an empty file or one holding only comments (mlir-opt reads an empty
   * module; for a linker an empty input is almost certainly a mistake), and invalid UTF-8 inside a
   * string (mlir-opt keeps the bytes; we require UTF-8 text throughout so that every offset, column
   * and rewrite is well defined).
   */
  static final Set<String> ACCEPTED_BY_MLIR_OPT =
      Set.of("empty.mlir", "only_comments.mlir", "invalid_utf8_in_string.mlir");

  static List<Path> upstreamFiles() {
    Path testdata = ReaderFixtures.root().resolve("testdata");
    return ReaderFixtures.mlirFiles(testdata).stream()
        .filter(p -> isUpstream(testdata, p))
        .toList();
  }

  private static boolean isUpstream(Path testdata, Path file) {
    for (Path dir = file.getParent(); dir.startsWith(testdata); dir = dir.getParent()) {
      if (SKIPPED_FOLDERS.contains(dir.getFileName().toString())
          || Files.exists(dir.resolve(".no-mlir-opt"))) {
        return false;
      }
    }
    if (ReaderFixtures.expectedReadError(file) != null && ReaderFixtures.unreadable(file)) {
      return false; // a link case's deliberately invalid input, checked by that case
    }
    String text = new String(ReaderFixtures.bytes(file), StandardCharsets.UTF_8);
    return !IREE_OP.matcher(text.replaceAll("//[^\n]*", "")).find();
  }

  private static MlirTools.Run opt(Path file) throws Exception {
    Path opt = MlirTools.require(MlirTools.OPT);
    String text = new String(ReaderFixtures.bytes(file), StandardCharsets.UTF_8);
    List<String> command =
        text.contains("// -----")
            ? List.of(opt.toString(), "--split-input-file", file.toString())
            : List.of(opt.toString(), file.toString());
    return MlirTools.run(command, null);
  }

  /**
   * Guards this class's own file filter, not a tool: the pitfall files must be among those checked
   * against mlir-opt (a filter that skipped them would leave the differential check green and
   * empty), and IREE-dialect files must not be.
   */
  @Test
  void theUpstreamSetHoldsThePitfallCases() {
    List<String> names = upstreamFiles().stream().map(p -> p.getFileName().toString()).toList();
    for (String expected :
        List.of(
            "strings.mlir",
            "affine_attrs.mlir",
            "one_line_ops.mlir",
            "generic_func.mlir",
            "multiline_decls.mlir",
            "aliases_around_module.mlir",
            "resources.mlir",
            "nested_200.mlir",
            "crlf.mlir",
            "tabs.mlir",
            "unicode.mlir",
            "trailing.mlir",
            "symbols.mlir")) {
      assertTrue(names.contains(expected), expected + " missing from " + names);
    }
    assertFalse(names.contains("util_funcs.mlir"), "IREE dialect files are not upstream");
    assertFalse(names.contains("bom.mlir"));
  }

  @TestFactory
  Stream<DynamicTest> mlirOptAndOurReaderBothAcceptEveryUpstreamFile() {
    return upstreamFiles().stream()
        .map(
            file ->
                DynamicTest.dynamicTest(
                    ReaderFixtures.root().relativize(file).toString(),
                    () -> {
                      MlirTools.Run run = opt(file);
                      assertEquals(
                          0, run.exitCode(), "mlir-opt-22 rejects " + file + ":\n" + run.stderr());
                      assertDoesNotThrow(
                          () ->
                              MlirReader.read(
                                  SourceText.ofBytes(file.toString(), ReaderFixtures.bytes(file))));
                    }));
  }

  @TestFactory
  Stream<DynamicTest> mlirOptRejectsWhatOurReaderRejects() {
    List<Path> files = ReaderFixtures.mlirFiles(ReaderDiagnosticsTest.MALFORMED);
    assertTrue(files.size() >= 14);
    return files.stream()
        .map(
            file ->
                DynamicTest.dynamicTest(
                    file.getFileName().toString(),
                    () -> {
                      assertThrows(
                          DiagnosticException.class,
                          () ->
                              MlirReader.read(
                                  SourceText.ofBytes(file.toString(), ReaderFixtures.bytes(file))));
                      MlirTools.Run run = opt(file);
                      if (ACCEPTED_BY_MLIR_OPT.contains(file.getFileName().toString())) {
                        // A deliberate difference: keep the list honest.
                        assertEquals(
                            0, run.exitCode(), "now rejected by mlir-opt-22: " + run.stderr());
                      } else {
                        assertTrue(run.exitCode() != 0, "mlir-opt-22 accepts " + file);
                        assertTrue(run.stderr().contains("error:"), run.stderr());
                      }
                    }));
  }

  /**
   * A UTF-8 byte order mark: mlir-opt-22 rejects it ("unexpected character" at 1:1), we accept it
   * and write it back. Without the BOM the file is valid MLIR.
   */
  @Test
  void aByteOrderMarkIsTheOnlyThingMlirOptMindsInTheExtensionCase() throws Exception {
    Path bom = ReaderFixtures.readerData().resolve("extensions/bom.mlir");
    String text = Files.readString(bom, StandardCharsets.UTF_8);
    assertTrue(text.startsWith("\uFEFF"));
    MlirTools.Run withBom = opt(bom);
    assertTrue(
        withBom.exitCode() != 0,
        "mlir-opt-22 now accepts a BOM; move bom.mlir to the upstream cases");
    Path opt = MlirTools.require(MlirTools.OPT);
    MlirTools.Run withoutBom = MlirTools.run(List.of(opt.toString(), "-"), text.substring(1));
    assertEquals(0, withoutBom.exitCode(), withoutBom.stderr());
    assertDoesNotThrow(() -> ReaderFixtures.read("extensions/bom.mlir"));
  }
}
