package org.mlirlink.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real editor as the server's client: Neovim (0.7, as Debian ships it) runs {@code
 * nvim-client.lua}, which starts {@code bin/mlir-link-lsp} with Neovim's own LSP client, edits the
 * MoE block, and writes the diagnostics and definitions it got to a file. An LSP4J client makes the
 * same edit and asks the same questions; both must get the same answers, and those must be the
 * expected ones (a type-mismatch, the definitions in mul_mat_id.mlir).
 */
// A server or an editor that stops answering fails its test instead of hanging the build.
@Timeout(90)
@Tag("launcher")
class NeovimClientTest {
  @TempDir Path tmp;

  @Test
  void neovimGetsTheSameDiagnosticsAndDefinitionsAsTheProtocolClient() throws Exception {
    Path nvim = EditorTools.require(EditorTools.NVIM);
    Path components = LspSession.copyComponents(tmp);
    Path block = components.resolve("moe/moe_ffn_block.mlir");
    String text = Files.readString(block);

    // The edit: the declaration's last argument becomes i64 (the definition's is i32).
    String[] lines = text.split("\n", -1);
    int editLine = -1;
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].trim().equals("tensor<?x?x?xf32>, tensor<?x?x?xf32>, tensor<?x?xi32>")) {
        editLine = i;
        break;
      }
    }
    assertTrue(editLine >= 0, "the declaration's argument line");
    String editedLine = lines[editLine].replace("xi32>", "xi64>");
    lines[editLine] = editedLine;
    String edited = String.join("\n", lines);
    List<Position> questions =
        List.of(
            LspSession.find(
                text, "util.func private @moe_components.mul_mat_id(", "@moe_components", 20),
            LspSession.find(text, "%gate = util.call @moe_components.mul_mat_id(", "@moe", 5),
            LspSession.find(
                text, "util.func private @activation_components.swiglu(", "@activation", 25));

    List<String> expected = viaLsp4j(components, block, editLine, edited, questions);
    assertTrue(
        expected.stream().anyMatch(l -> l.startsWith("diagnostic type-mismatch ")),
        "the LSP4J client got a type-mismatch: " + expected);
    Position definition =
        LspSession.find(
            Files.readString(components.resolve("moe/mul_mat_id.mlir")),
            "util.func public @mul_mat_id(",
            "@mul_mat_id",
            0);
    String mulMatId =
        "definition moe/mul_mat_id.mlir " + definition.getLine() + " " + definition.getCharacter();
    assertEquals(2, expected.stream().filter(mulMatId::equals).count(), "definitions: " + expected);
    assertTrue(
        expected.stream().anyMatch(l -> l.startsWith("definition activation/swiglu.mlir ")),
        "definitions: " + expected);

    Path result = tmp.resolve("nvim-result.txt");
    List<String> got = viaNeovim(nvim, components, block, editLine, editedLine, questions, result);
    assertEquals(expected, got);
  }

  /** The answers, in the script's format, that an LSP4J client gets for the same session. */
  private static List<String> viaLsp4j(
      Path folder, Path file, int editLine, String edited, List<Position> questions)
      throws Exception {
    List<String> out = new ArrayList<>();
    try (LspSession lsp = LspSession.start(folder, null)) {
      String uri = lsp.open(file);
      lsp.awaitDiagnostics(uri, p -> true);
      lsp.change(uri, 2, edited);
      PublishDiagnosticsParams published =
          lsp.awaitDiagnostics(uri, p -> p.getVersion() != null && p.getVersion() == 2);
      List<String> diagnostics = new ArrayList<>();
      for (Diagnostic d : published.getDiagnostics()) {
        diagnostics.add(
            "diagnostic "
                + d.getCode().getLeft()
                + " "
                + d.getRange().getStart().getLine()
                + " "
                + d.getRange().getStart().getCharacter());
      }
      diagnostics.sort(null);
      out.addAll(diagnostics);
      for (Position at : questions) {
        List<? extends Location> found =
            lsp.get(
                    lsp.server()
                        .getTextDocumentService()
                        .definition(new DefinitionParams(LspSession.document(uri), at)))
                .getLeft();
        if (found.isEmpty()) {
          out.add("definition none");
        }
        for (Location location : found) {
          Path target = Path.of(java.net.URI.create(location.getUri()));
          out.add(
              "definition "
                  + folder.relativize(target)
                  + " "
                  + location.getRange().getStart().getLine()
                  + " "
                  + location.getRange().getStart().getCharacter());
        }
      }
    }
    return out;
  }

  private static List<String> viaNeovim(
      Path nvim,
      Path folder,
      Path file,
      int editLine,
      String editedLine,
      List<Position> questions,
      Path result)
      throws Exception {
    Path script = Path.of(NeovimClientTest.class.getResource("/nvim-client.lua").toURI());
    Path home = Files.createDirectories(result.resolveSibling("nvim-home"));
    StringBuilder definitions = new StringBuilder();
    for (Position at : questions) {
      definitions.append(at.getLine()).append(':').append(at.getCharacter()).append(';');
    }
    ProcessBuilder builder =
        new ProcessBuilder(
                nvim.toString(), "--headless", "-n", "-i", "NONE", "-u", script.toString())
            .directory(folder.toFile())
            .redirectErrorStream(true)
            .redirectOutput(result.resolveSibling("nvim-output.txt").toFile());
    Map<String, String> env = builder.environment();
    env.put("MLIR_LINK_LSP", LspSession.projectRoot().resolve("bin/mlir-link-lsp").toString());
    env.put("MLIR_LINK_FOLDER", folder.toString());
    env.put("MLIR_LINK_FILE", file.toString());
    env.put("MLIR_LINK_EDIT", editLine + ":" + editedLine);
    env.put("MLIR_LINK_DEFINITION", definitions.toString());
    env.put("MLIR_LINK_RESULT", result.toString());
    // Neovim's state, logs and any user configuration stay out of the way (and out of HOME).
    for (String xdg :
        List.of("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME")) {
      env.put(xdg, Files.createDirectories(home.resolve(xdg)).toString());
    }
    Process process = builder.start();
    process.getOutputStream().close();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("nvim did not quit; its output:\n" + output(result));
    }
    if (!Files.exists(result)) {
      fail(
          "nvim wrote no answers (exit "
              + process.exitValue()
              + "); its output:\n"
              + output(result));
    }
    List<String> got = Files.readAllLines(result, StandardCharsets.UTF_8);
    for (String line : got) {
      if (line.startsWith("error ")) {
        fail("the Neovim script failed: " + line + "\nits output:\n" + output(result));
      }
    }
    return got;
  }

  private static String output(Path result) throws Exception {
    Path output = result.resolveSibling("nvim-output.txt");
    return Files.exists(output) ? Files.readString(output) : "(none)";
  }
}
