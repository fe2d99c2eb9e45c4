package org.mlirlink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlirlink.testing.MlirTools;

/**
 * {@code bin/mlir-link check} as a component library's CI runs it: a process on the shaded jar,
 * files named as the command line gave them. Tagged {@code launcher}: Maven runs these in the
 * package phase, after the jar is built.
 */
@Tag("launcher")
class CheckLauncherTest {
  private static final Path ROOT = MlirTools.projectRoot();
  private static final Path HELPERS = CliRun.linkCases().resolve("named-modules-internal-helpers");

  @TempDir Path tmp;

  private static MlirTools.Run mlirLink(Path cwd, String... args) {
    List<String> command = new ArrayList<>();
    command.add(ROOT.resolve("bin/mlir-link").toString());
    command.addAll(List.of(args));
    return MlirTools.run(command, null, cwd);
  }

  @Test
  void theComponentsCheckCleanly() {
    MlirTools.Run run = mlirLink(ROOT, "check", "components");
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals("", run.stdout());
    assertTrue(run.stderr().matches("\\d+ files checked, no errors\n"), run.stderr());
  }

  /** The error names the file under the DIR as given (relative here), with line and column. */
  @Test
  void aBrokenDeclarationFailsTheCheckNamingItsFileAsGiven() throws IOException {
    Path tree = Files.createDirectories(tmp.resolve("lib/moe"));
    Files.copy(ROOT.resolve("components/moe/mul_mat_id.mlir"), tree.resolve("mul_mat_id.mlir"));
    String block = Files.readString(ROOT.resolve("components/moe/moe_ffn_block.mlir"));
    Files.writeString(
        tree.resolve("moe_ffn_block.mlir"),
        block.replace(
            "tensor<?x?xi32>\n  ) -> tensor<?x?x?xf32>",
            "tensor<?x?xi64>\n  ) -> tensor<?x?x?xf32>"));

    MlirTools.Run run =
        mlirLink(
            tmp,
            "check",
            "lib",
            "--library-path",
            ROOT.resolve("components/activation").toString());

    assertEquals(1, run.exitCode(), run.stderr());
    assertEquals("", run.stdout());
    String at = CheckCommandTest.position(tree.resolve("moe_ffn_block.mlir"), "@moe_components.");
    assertTrue(
        run.stderr().startsWith("lib/moe/moe_ffn_block.mlir:" + at + ": error: "), run.stderr());
    assertTrue(run.stderr().contains(" [type-mismatch]\n"), run.stderr());
    assertTrue(run.stderr().endsWith("\n1 error in 1 file (2 files checked)\n"), run.stderr());
  }

  /** Too little heap for the tree: one error saying how much the JVM had, no stack trace. */
  @Test
  void runningOutOfMemoryIsOneErrorSayingHowToGiveMore() throws IOException {
    Path tree = Files.createDirectories(tmp.resolve("tree"));
    Files.writeString(tree.resolve("big.mlir"), CliRun.bigModule("big", ""));
    MlirTools.Run run =
        MlirTools.run(
            List.of(
                "sh",
                "-c",
                "MLIR_LINK_JAVA_OPTS=-Xmx16m exec \"$0\" check tree",
                ROOT.resolve("bin/mlir-link").toString()),
            null,
            tmp);
    assertEquals(1, run.exitCode(), run.stderr());
    assertTrue(
        run.stderr()
            .matches(
                "error: out of memory: checking these files needs more than the \\d+ MB of Java"
                    + " heap the JVM was given; give it more with MLIR_LINK_JAVA_OPTS=-Xmx4g"
                    + " \\(or more\\)\n"),
        run.stderr());
  }

  /**
   * A file named check is still an input where it was one: given as {@code ./check}, or as the
   * value of an option.
   */
  @Test
  void aFileNamedCheckIsStillAnInput() throws IOException {
    Files.copy(HELPERS.resolve("main.mlir"), tmp.resolve("main.mlir"));
    Files.copy(HELPERS.resolve("a.mlir"), tmp.resolve("check"));
    Files.copy(HELPERS.resolve("b.mlir"), tmp.resolve("b.mlir"));

    MlirTools.Run linked =
        mlirLink(tmp, "main.mlir", "--link-module", "check", "--link-module", "b.mlir");
    assertEquals(0, linked.exitCode(), linked.stderr());
    assertEquals(Files.readString(HELPERS.resolve("expected.mlir")), linked.stdout());

    MlirTools.Run alone = mlirLink(tmp, "./check");
    assertEquals(0, alone.exitCode(), alone.stderr());
    assertEquals(Files.readString(HELPERS.resolve("a.mlir")), alone.stdout());
  }
}
