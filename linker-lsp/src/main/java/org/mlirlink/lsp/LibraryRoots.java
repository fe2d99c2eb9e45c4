package org.mlirlink.lsp;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Where the workspace looks for components: the editor's workspace folders, the {@code
 * libraryPaths} of the initialization options (relative to the first folder), and the {@code
 * libraryPaths} of an {@code mlir-link.json} in a folder (relative to that folder).
 *
 * <pre>{@code
 * // initializationOptions: {"libraryPaths": ["../common-components"]}
 * // mlir-link.json:        {"libraryPaths": ["third_party/kernels"]}
 * }</pre>
 */
final class LibraryRoots {
  /** The name of the per-folder settings file. */
  static final String CONFIG_FILE = "mlir-link.json";

  private LibraryRoots() {}

  /**
   * The library roots, absolute and normalized, each once, in the order: folders, options, files.
   *
   * @param folders the workspace folders
   * @param initializationOptions the editor's options as LSP4J hands them over (Gson's tree), or
   *     null
   * @param problems told about a settings file or option that cannot be read (the rest still
   *     counts)
   */
  static List<Path> of(
      List<Path> folders, Object initializationOptions, Consumer<String> problems) {
    Set<Path> roots = new LinkedHashSet<>(folders);
    Path base = folders.isEmpty() ? Path.of("").toAbsolutePath() : folders.get(0);
    if (initializationOptions != null) {
      JsonElement options =
          initializationOptions instanceof JsonElement
              ? (JsonElement) initializationOptions
              : new Gson().toJsonTree(initializationOptions);
      addPaths(roots, base, options, "the initialization options", problems);
    }
    for (Path folder : folders) {
      Path config = folder.resolve(CONFIG_FILE);
      if (!Files.isRegularFile(config)) {
        continue;
      }
      try {
        addPaths(
            roots,
            folder,
            JsonParser.parseString(Files.readString(config)),
            config.toString(),
            problems);
      } catch (IOException | JsonParseException e) {
        problems.accept("cannot read " + config + ": " + e.getMessage());
      }
    }
    return new ArrayList<>(roots);
  }

  private static void addPaths(
      Set<Path> roots, Path base, JsonElement settings, String where, Consumer<String> problems) {
    if (settings == null || settings.isJsonNull()) {
      return;
    }
    if (!settings.isJsonObject()) {
      problems.accept(where + ": expected an object like {\"libraryPaths\": [\"dir\"]}");
      return;
    }
    JsonElement paths = ((JsonObject) settings).get("libraryPaths");
    if (paths == null || paths.isJsonNull()) {
      return;
    }
    if (!paths.isJsonArray()) {
      problems.accept(where + ": libraryPaths must be a list of folders");
      return;
    }
    for (JsonElement path : (JsonArray) paths) {
      if (!path.isJsonPrimitive() || !path.getAsJsonPrimitive().isString()) {
        problems.accept(where + ": libraryPaths holds a non-string: " + path);
        continue;
      }
      try {
        roots.add(base.resolve(path.getAsString()).toAbsolutePath().normalize());
      } catch (InvalidPathException e) {
        problems.accept(where + ": not a path: " + path.getAsString());
      }
    }
  }
}
