package org.mlirlink.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the library roots come from, and what a settings file that cannot be read does. */
class LibraryRootsTest {
  @TempDir Path tmp;

  @Test
  void foldersThenOptionsThenSettingsFilesEachOnce() throws Exception {
    Path first = Files.createDirectories(tmp.resolve("first"));
    Path second = Files.createDirectories(tmp.resolve("second"));
    Files.writeString(
        second.resolve("mlir-link.json"), "{\"libraryPaths\": [\"vendor\", \"../first\"]}");
    // An absolute path; Windows' backslashes would need escaping in JSON, forward slashes do not.
    String absolute = tmp.resolve("elsewhere").toString().replace('\\', '/');
    for (Path folder :
        List.of(tmp.resolve("common"), tmp.resolve("elsewhere"), second.resolve("vendor"))) {
      Files.createDirectories(folder);
    }
    List<String> problems = new ArrayList<>();
    List<Path> roots =
        LibraryRoots.of(
            List.of(first, second),
            JsonParser.parseString("{\"libraryPaths\": [\"../common\", \"" + absolute + "\"]}"),
            problem -> problems.add(problem.message()));
    assertEquals(
        List.of(
            first,
            second,
            tmp.resolve("common"),
            tmp.resolve("elsewhere"),
            second.resolve("vendor")),
        roots);
    assertEquals(List.of(), problems);
  }

  @Test
  void aSettingsFileThatCannotBeReadIsReportedAndTheOtherRootsStillCount() throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("folder"));
    Files.writeString(folder.resolve("mlir-link.json"), "{\"libraryPaths\": [\"unclosed\"");
    List<String> problems = new ArrayList<>();
    List<Path> roots =
        LibraryRoots.of(
            List.of(folder),
            JsonParser.parseString("{\"libraryPaths\": \"lib\"}"),
            problem -> problems.add(problem.message()));
    assertEquals(List.of(folder), roots);
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("libraryPaths must be a list"), problems.toString());
    assertTrue(problems.get(1).contains("mlir-link.json"), problems.toString());
  }

  @Test
  void anUnknownKeyAndAMissingPathAreProblemsAtTheirPlaceInTheFile() throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("folder"));
    Files.createDirectories(tmp.resolve("lib"));
    Files.writeString(
        folder.resolve("mlir-link.json"),
        "{\"libraryPaths\": [\"../lib\",\n    \"../lbi\"],\n \"libary\": 1}");
    List<LibraryRoots.Problem> problems = new ArrayList<>();
    List<Path> roots = LibraryRoots.of(List.of(folder), null, problems::add);
    assertEquals(List.of(folder, tmp.resolve("lib"), tmp.resolve("lbi")), roots);
    assertEquals(2, problems.size(), problems.toString());
    LibraryRoots.Problem key = problems.get(0);
    assertEquals(List.of(2, 1, 8), List.of(key.line(), key.column(), key.length()));
    assertTrue(key.message().contains("unknown setting 'libary'"), key.message());
    LibraryRoots.Problem path = problems.get(1);
    assertEquals(folder.resolve("mlir-link.json"), path.file());
    assertEquals(List.of(1, 4, 8), List.of(path.line(), path.column(), path.length()));
    assertTrue(path.message().endsWith("'" + tmp.resolve("lbi") + "': no such directory"));
  }
}
