package org.mlirlink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlirlink.testing.IreeTools;
import org.mlirlink.testing.MlirTools;

/**
 * MLIR bytecode, written by the real {@code iree-opt --emit-bytecode}, given every way the command
 * line takes an input: the main input, a link module, standard input, a library path (by file name
 * and by the module a file declares), {@code --list-symbols}, {@code --bundle} and {@code check}.
 * Each gives what the same text gives: the same symbols, and a link that {@code iree-opt} prints as
 * the same program.
 */
class BytecodeInputTest {
  @TempDir Path tmp;

  private Path components;
  private Path blockText;
  private Path block;
  private Path mulMatId;
  private Path swiglu;

  @BeforeEach
  void writeTheComponentsAsBytecode() throws IOException {
    components = MlirTools.projectRoot().resolve("components");
    blockText = components.resolve("moe/moe_ffn_block.mlir");
    block = emit(blockText, tmp.resolve("moe_ffn_block.mlirbc"));
    mulMatId = emit(components.resolve("moe/mul_mat_id.mlir"), tmp.resolve("mul_mat_id.mlirbc"));
    swiglu = emit(components.resolve("activation/swiglu.mlir"), tmp.resolve("swiglu.mlirbc"));
  }

  /** The MoE link of the components' text. */
  private Path textLink() {
    Path fromText = tmp.resolve("text.mlir");
    CliRun text =
        CliRun.of(
            null,
            blockText.toString(),
            "--link-module",
            components.resolve("moe/mul_mat_id.mlir").toString(),
            "--link-module",
            components.resolve("activation/swiglu.mlir").toString(),
            "-o",
            fromText.toString());
    assertEquals(0, text.exitCode(), text.stderr());
    return fromText;
  }

  @Test
  void theMoeLinkFromBytecodeIsTheMoeLinkFromText() throws IOException {
    Path fromText = textLink();
    Path fromBytecode = tmp.resolve("bytecode.mlir");
    CliRun bytecode =
        CliRun.of(
            null,
            block.toString(),
            "--link-module",
            mulMatId.toString(),
            "--link-module",
            swiglu.toString(),
            "-o",
            fromBytecode.toString());
    assertEquals(0, bytecode.exitCode(), bytecode.stderr());
    assertEquals(print(fromText), print(fromBytecode));
  }

  /**
   * Bytecode inputs give generic-form output, which is written as bytecode when asked: iree-opt and
   * the real iree-link read it as the program the text output is.
   */
  @Test
  void bytecodeInputsLinkToBytecodeOutput() throws IOException {
    Path text = tmp.resolve("linked.mlir");
    Path bytecode = tmp.resolve("linked.mlirbc");
    for (Path out : List.of(text, bytecode)) {
      CliRun run =
          CliRun.of(
              null,
              block.toString(),
              "--link-module",
              mulMatId.toString(),
              "--link-module",
              swiglu.toString(),
              "-o",
              out.toString());
      assertEquals(0, run.exitCode(), run.stderr());
    }
    assertTrue(
        new String(Files.readAllBytes(bytecode), 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1)
            .equals("ML\u00efR"));
    assertEquals(print(text), print(bytecode));
    Path relinked = tmp.resolve("relinked.mlir");
    MlirTools.Run link =
        MlirTools.run(
            List.of(
                IreeTools.require(IreeTools.LINK).toString(),
                bytecode.toString(),
                "-o",
                relinked.toString()),
            null);
    assertTrue(link.ok(), link.stderr());
    assertEquals(print(text), print(relinked));
  }

  @Test
  void bytecodeOnStandardInputAndUnderALibraryPath() throws IOException {
    Path libs = Files.createDirectories(tmp.resolve("libs"));
    // One found by its file name (moe_components.mlirbc), one by the module it declares.
    Files.move(mulMatId, libs.resolve("moe_components.mlirbc"));
    Files.createDirectories(libs.resolve("deep"));
    Files.move(swiglu, libs.resolve("deep/anything.mlirbc"));
    Path out = tmp.resolve("out.mlir");
    CliRun run =
        CliRun.ofBytes(
            Files.readAllBytes(block),
            "-",
            "--library-path",
            libs.toString(),
            "-o",
            out.toString());
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(print(textLink()), print(out));
  }

  @Test
  void listSymbolsOfBytecodeAreThoseOfItsText() {
    CliRun text =
        CliRun.of(null, "--list-symbols", components.resolve("moe/mul_mat_id.mlir").toString());
    CliRun bytecode = CliRun.of(null, "--list-symbols", mulMatId.toString());
    assertEquals(0, bytecode.exitCode(), bytecode.stderr());
    // The first line names the file listed.
    String symbols = text.stdout().substring(text.stdout().indexOf('\n'));
    assertEquals(symbols, bytecode.stdout().substring(bytecode.stdout().indexOf('\n')));
    assertTrue(symbols.contains("@mul_mat_id"), symbols);
  }

  @Test
  void aBundleOfBytecodeModules() throws IOException {
    Path out = tmp.resolve("bundle.mlir");
    CliRun run =
        CliRun.of(
            null,
            "--bundle",
            "--link-module",
            mulMatId.toString(),
            "--link-module",
            swiglu.toString(),
            "-o",
            out.toString());
    assertEquals(0, run.exitCode(), run.stderr());
    String printed = print(out);
    assertTrue(printed.contains("sym_name = \"moe_components\""), printed);
    assertTrue(printed.contains("sym_name = \"activation_components\""), printed);
    // Its wrapper module is in generic form too, so the bundle can be written as bytecode.
    Path bytecode = tmp.resolve("bundle.mlirbc");
    CliRun asBytecode =
        CliRun.of(
            null,
            "--bundle",
            "--link-module",
            mulMatId.toString(),
            "--link-module",
            swiglu.toString(),
            "-o",
            bytecode.toString());
    assertEquals(0, asBytecode.exitCode(), asBytecode.stderr());
    assertEquals(printed, print(bytecode));
  }

  @Test
  void checkReadsABytecodeLibrary() throws IOException {
    Path libs = Files.createDirectories(tmp.resolve("tree"));
    Files.copy(blockText, libs.resolve("moe_ffn_block.mlir"));
    Files.move(mulMatId, libs.resolve("mul_mat_id.mlirbc"));
    Files.move(swiglu, libs.resolve("swiglu.mlirbc"));
    CliRun run = CliRun.of(null, "check", libs.toString());
    assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
    assertEquals("3 files checked, no errors\n", run.stderr());
  }

  private static Path emit(Path text, Path bytecode) {
    MlirTools.Run run = IreeTools.emitBytecode(text, bytecode);
    assertTrue(run.ok(), run.stderr());
    return bytecode;
  }

  /** iree-opt's generic print of a file, without locations. */
  private static String print(Path file) {
    MlirTools.Run run = IreeTools.printGeneric(file, "--mlir-print-local-scope");
    assertTrue(run.ok(), file + ": " + run.stderr());
    return run.stdout();
  }
}
