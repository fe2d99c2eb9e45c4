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
    List<String> problems = new ArrayList<>();
    List<Path> roots =
        LibraryRoots.of(
            List.of(first, second),
            JsonParser.parseString("{\"libraryPaths\": [\"../common\", \"" + absolute + "\"]}"),
            problems::add);
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
            List.of(folder), JsonParser.parseString("{\"libraryPaths\": \"lib\"}"), problems::add);
    assertEquals(List.of(folder), roots);
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("libraryPaths must be a list"), problems.toString());
    assertTrue(problems.get(1).contains("mlir-link.json"), problems.toString());
  }
}
