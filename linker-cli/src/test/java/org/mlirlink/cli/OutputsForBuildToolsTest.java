package org.mlirlink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlirlink.testing.MlirTools;

/**
 * The outputs build tools read: the depfile, the link map, the JSON report and {@code --why}, and
 * what is refused because a tool could not use it (two texts on standard output, a rule for target
 * {@code -}).
 */
class OutputsForBuildToolsTest {
  private static final Path CASES = CliRun.linkCases();
  private static final Path CHAIN = CASES.resolve("transitive-chain");
  private static final Path COMPONENTS = MlirTools.projectRoot().resolve("components");

  @TempDir Path tmp;

  private static CliRun linkChain(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                CHAIN.resolve("main.mlir").toString(),
                "--link-module",
                CHAIN.resolve("lib.mlir").toString()));
    args.addAll(List.of(more));
    return CliRun.of(null, args.toArray(String[]::new));
  }

  @Test
  void twoOutputsOnStandardOutputAreAnError() {
    for (List<String> args :
        List.of(List.of("-o", "-", "--json-report", "-"), List.of("--link-map", "-"))) {
      CliRun run = linkChain(args.toArray(String[]::new));
      assertEquals(1, run.exitCode(), args + ": " + run.stderr());
      assertEquals("", run.stdout(), args.toString());
      assertTrue(
          run.stderr()
              .startsWith(
                  "error: cannot write '-': standard output is named by two"
                      + " outputs (-o and --"),
          run.stderr());
    }
    Path dir = CASES.resolve("unresolved-symbol");
    CliRun failed = CliRun.of(null, dir.resolve("main.mlir").toString(), "--json-report", "-");
    assertEquals(1, failed.exitCode());
    assertEquals("", failed.stdout(), "a failed link wrote its report where the module would go");
    assertEquals(
        "error: cannot write '-': standard output is named by two outputs (-o and --json-report)\n",
        failed.stderr());
  }

  @Test
  void aDepfileForOutputOnStandardOutputNeedsItsTargetNamed() throws IOException {
    Path depfile = tmp.resolve("out.d");
    CliRun refused = linkChain("--depfile", depfile.toString());
    assertEquals(2, refused.exitCode());
    assertTrue(
        refused
            .stderr()
            .startsWith(
                "error: --depfile needs --depfile-target NAME when the output"
                    + " goes to standard output\n"),
        refused.stderr());
    assertFalse(Files.exists(depfile));

    CliRun named = linkChain("--depfile", depfile.toString(), "--depfile-target", "build/out.mlir");
    assertEquals(0, named.exitCode(), named.stderr());
    assertEquals(Files.readString(CHAIN.resolve("expected.mlir")), named.stdout());
    assertTrue(
        Files.readString(depfile).startsWith("build/out.mlir: \\\n  " + CHAIN.resolve("main.mlir")),
        Files.readString(depfile));
  }

  @Test
  void whyTakesTheQualifiedSourceNameAndTheNameInItsModule() {
    CliRun chain = linkChain("--why", "lib.leaf");
    assertEquals(0, chain.exitCode(), chain.stderr());
    assertTrue(chain.stderr().startsWith("why @lib.leaf:\n  @lib.first "), chain.stderr());
    assertTrue(chain.stderr().contains("  @leaf (lib.leaf at "), chain.stderr());

    CliRun moe =
        CliRun.of(
            null,
            COMPONENTS.resolve("moe/moe_ffn_block.mlir").toString(),
            "--library-path",
            COMPONENTS.toString(),
            "-o",
            tmp.resolve("moe.mlir").toString(),
            "--why",
            "swiglu");
    assertEquals(0, moe.exitCode(), moe.stderr());
    assertTrue(
        moe.stderr()
            .startsWith(
                "why @swiglu:\n  @activation_components.swiglu (activation_components.swiglu at "),
        moe.stderr());
  }

  @Test
  void whySuggestsCloseNamesWhenNothingMatches() {
    CliRun run = linkChain("--why", "leef", "--why", "zzz");
    assertEquals(0, run.exitCode(), run.stderr());
    assertTrue(
        run.stderr()
            .contains(
                "why @leef: not linked (it is not in the output, or it is the"
                    + " input's own); did you mean @leaf"),
        run.stderr());
    assertTrue(
        run.stderr()
            .contains(
                "why @zzz: not linked (it is not in the output, or it is the" + " input's own)\n"),
        "nothing is close to zzz: " + run.stderr());
  }

  @Test
  void theLinkMapSaysInputAsWhyDoes() throws IOException {
    Path map = tmp.resolve("out.map");
    CliRun run =
        linkChain(
            "-o",
            tmp.resolve("out.mlir").toString(),
            "--link-map",
            map.toString(),
            "--why",
            "leaf");
    assertEquals(0, run.exitCode(), run.stderr());
    String text = Files.readString(map);
    assertTrue(text.contains("lib.first <- lib.first (util.func) at "), text);
    assertTrue(text.contains(", needed by a declaration of the input\n"), text);
    assertFalse(text.contains("target"), text);
    assertTrue(run.stderr().contains(" replaces a declaration of the input\n"), run.stderr());
  }

  @Test
  void theJsonReportHasItsVersionTheOutputAndTheDeclarationEachDefinitionReplaced()
      throws IOException {
    Path out = tmp.resolve("out.mlir");
    Path json = tmp.resolve("out.json");
    CliRun run = linkChain("-o", out.toString(), "--json-report", json.toString());
    assertEquals(0, run.exitCode(), run.stderr());
    String text = Files.readString(json);
    assertTrue(
        text.startsWith(
            "{\n  \"version\": 1,\n  \"output\": \"" + out + "\",\n  \"succeeded\": true,\n"),
        text);
    // @lib.first is defined at lib.mlir:18:20 and declared at main.mlir:2:21.
    assertTrue(
        text.contains(
            "{\"name\": \"lib.first\", \"source\": \"lib.first\", \"op\": \"util.func\", \"file\": \""
                + CHAIN.resolve("lib.mlir")
                + "\", \"line\": 18, \"column\": 20, \"replaces\": {\"file\": \""
                + CHAIN.resolve("main.mlir")
                + "\", \"line\": 2, \"column\": 21}, \"neededBy\": null}"),
        text);
    assertTrue(
        text.contains("\"name\": \"leaf\"")
            && text.contains("\"replaces\": null, \"neededBy\": \"middle\"}"),
        text);
    assertTrue(text.endsWith("\"diagnostics\": []\n}\n"), text);
  }

  @Test
  void aFailedLinkStillWritesTheJsonReportWithItsErrors() throws IOException {
    Path dir = CASES.resolve("unresolved-symbol");
    Path out = tmp.resolve("out.mlir");
    Path json = tmp.resolve("out.json");
    CliRun run =
        CliRun.of(
            null,
            dir.resolve("main.mlir").toString(),
            "--link-module",
            dir.resolve("lib.mlir").toString(),
            "-o",
            out.toString(),
            "--json-report",
            json.toString());
    assertEquals(1, run.exitCode());
    assertFalse(Files.exists(out));
    String text = Files.readString(json);
    assertTrue(text.contains("\"succeeded\": false,"), text);
    assertTrue(text.contains("\"symbols\": [],"), text);
    Matcher diagnostic =
        Pattern.compile(
                "\\{\"severity\": \"error\", \"code\": \"unresolved-external\","
                    + " \"message\": \"([^\"]*)\", \"file\": \""
                    + Pattern.quote(dir.resolve("main.mlir").toString())
                    + "\", \"line\": (\\d+), \"column\": (\\d+)")
            .matcher(text);
    assertTrue(diagnostic.find(), text);
    assertTrue(run.stderr().contains(diagnostic.group(1)), run.stderr());
    assertTrue(
        run.stderr()
            .startsWith(
                dir.resolve("main.mlir")
                    + ":"
                    + diagnostic.group(2)
                    + ":"
                    + diagnostic.group(3)
                    + ": error: "),
        run.stderr());
  }

  @Test
  void theJsonReportOfABundleListsTheBundledSymbolsUnderTheirWrittenNames() throws IOException {
    Path dir = CASES.resolve("bundle-rename-avoids-later-names");
    Path json = tmp.resolve("out.json");
    CliRun run =
        CliRun.of(
            null,
            "--bundle",
            "--link-module",
            dir.resolve("one.mlir").toString(),
            "--link-module",
            dir.resolve("two.mlir").toString(),
            "--link-module",
            dir.resolve("three.mlir").toString(),
            "--json-report",
            json.toString());
    assertEquals(0, run.exitCode(), run.stderr());
    String text = Files.readString(json);
    Matcher names = Pattern.compile("\\{\"name\": \"([^\"]+)\"").matcher(text);
    List<String> listed = new ArrayList<>();
    while (names.find()) {
      listed.add(names.group(1));
    }
    assertTrue(listed.contains("helper_1"), "the renamed helper under its new name: " + text);
    Matcher written =
        Pattern.compile("(?m)^  \\S+(?:\\.\\S+)? (?:private |public )?@([\\w.$-]+)")
            .matcher(run.stdout());
    List<String> topLevel = new ArrayList<>();
    while (written.find()) {
      topLevel.add(written.group(1));
    }
    assertEquals(topLevel, listed, run.stdout());
  }

  @Test
  void listSymbolsRefusesTheReportOptionsItWouldIgnore() {
    Path dir = CASES.resolve("list-symbols");
    for (String option : List.of("--json-report", "--link-map", "--depfile")) {
      Path report = tmp.resolve("report");
      CliRun run =
          CliRun.of(
              null,
              "--list-symbols",
              dir.resolve("main.mlir").toString(),
              option,
              report.toString());
      assertEquals(2, run.exitCode(), option);
      assertTrue(
          run.stderr()
              .startsWith(
                  "error: --list-symbols prints only the listing; it cannot be"
                      + " combined with "
                      + option
                      + "\n"),
          run.stderr());
      assertEquals("", run.stdout());
      assertFalse(Files.exists(report));
    }
  }
}
