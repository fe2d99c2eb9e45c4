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
import org.mlirlink.LibraryFiles;

/**
 * Where the workspace looks for components: the editor's workspace folders, the {@code
 * libraryPaths} of the initialization options (relative to the first folder), and the {@code
 * libraryPaths} of an {@code mlir-link.json} in a folder (relative to that folder).
 *
 * <pre>{@code
 * // initializationOptions: {"libraryPaths": ["../common-components"]}
 * // mlir-link.json:        {"libraryPaths": ["third_party/kernels"]}
 * List<Path> roots = LibraryRoots.of(folders, options, problem -> warn(problem.message()));
 * }</pre>
 *
 * <p>A setting that would otherwise be ignored quietly is a problem: a key other than {@code
 * libraryPaths}, a path that is no folder (the check a link makes of its library paths). The user
 * would only see its consequence, every declaration unresolved.
 */
final class LibraryRoots {
  /** The name of the per-folder settings file. */
  static final String CONFIG_FILE = "mlir-link.json";

  /** The one key the settings have. */
  private static final String KEY = "libraryPaths";

  /**
   * A problem with the settings: in a settings file, at a 0-based line and column and {@code
   * length} characters long; in the initialization options ({@code file} null), at no place.
   */
  record Problem(String message, Path file, int line, int column, int length) {
    static Problem of(String message) {
      return new Problem(message, null, 0, 0, 0);
    }
  }

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
      List<Path> folders, Object initializationOptions, Consumer<Problem> problems) {
    Set<Path> roots = new LinkedHashSet<>(folders);
    Path base = folders.isEmpty() ? Path.of("").toAbsolutePath() : folders.get(0);
    if (initializationOptions != null) {
      JsonElement options =
          initializationOptions instanceof JsonElement
              ? (JsonElement) initializationOptions
              : new Gson().toJsonTree(initializationOptions);
      addPaths(roots, base, options, "the initialization options", null, null, problems);
    }
    for (Path folder : folders) {
      Path config = folder.resolve(CONFIG_FILE);
      if (!Files.isRegularFile(config)) {
        continue;
      }
      String text;
      try {
        text = Files.readString(config);
      } catch (IOException e) {
        problems.accept(Problem.of("cannot read " + config + ": " + e.getMessage()));
        continue;
      }
      try {
        addPaths(
            roots,
            folder,
            JsonParser.parseString(text),
            config.toString(),
            config,
            JsonPlaces.of(text),
            problems);
      } catch (JsonParseException e) {
        problems.accept(
            new Problem("cannot read " + config + ": " + e.getMessage(), config, 0, 0, 0));
      }
    }
    return new ArrayList<>(roots);
  }

  /**
   * @param file the settings file, or null for the initialization options
   * @param places where the file's keys and paths are written, or null
   */
  private static void addPaths(
      Set<Path> roots,
      Path base,
      JsonElement settings,
      String where,
      Path file,
      JsonPlaces places,
      Consumer<Problem> problems) {
    if (settings == null || settings.isJsonNull()) {
      return;
    }
    if (!settings.isJsonObject()) {
      problems.accept(
          at(file, null, where + ": expected an object like {\"libraryPaths\": [\"dir\"]}"));
      return;
    }
    for (String key : ((JsonObject) settings).keySet()) {
      if (!key.equals(KEY)) {
        String suggestion = resembles(key) ? KEY : null;
        problems.accept(
            at(
                file,
                places == null ? null : places.key(key),
                where
                    + ": unknown setting '"
                    + key
                    + "'"
                    + (suggestion != null ? ", did you mean '" + suggestion + "'?" : "")
                    + " (the one setting is \"libraryPaths\": [\"dir\", ...])"));
      }
    }
    JsonElement paths = ((JsonObject) settings).get(KEY);
    if (paths == null || paths.isJsonNull()) {
      return;
    }
    if (!paths.isJsonArray()) {
      problems.accept(
          at(
              file,
              places == null ? null : places.key(KEY),
              where + ": libraryPaths must be a list of folders"));
      return;
    }
    int string = 0;
    for (JsonElement path : (JsonArray) paths) {
      if (!path.isJsonPrimitive() || !path.getAsJsonPrimitive().isString()) {
        problems.accept(
            at(
                file,
                places == null ? null : places.key(KEY),
                where + ": libraryPaths holds a non-string: " + path));
        continue;
      }
      JsonPlaces.Place place = places == null ? null : places.path(string);
      string++;
      Path root;
      try {
        root = base.resolve(path.getAsString()).toAbsolutePath().normalize();
      } catch (InvalidPathException e) {
        problems.accept(at(file, place, where + ": not a path: " + path.getAsString()));
        continue;
      }
      // Kept as a root all the same: a folder made later counts once the roots are read again.
      roots.add(root);
      for (org.mlirlink.diagnostic.Diagnostic problem : LibraryFiles.problems(List.of(root))) {
        problems.accept(at(file, place, where + ": " + problem.message()));
      }
    }
  }

  private static Problem at(Path file, JsonPlaces.Place place, String message) {
    if (file == null) {
      return Problem.of(message);
    }
    return place == null
        ? new Problem(message, file, 0, 0, 0)
        : new Problem(message, file, place.line(), place.column(), place.length());
  }

  /**
   * Whether an unknown key looks like the one setting misspelled: the same but for case, or cut
   * short or run on ({@code libraryPath}, {@code LibraryPaths}). The message names the setting
   * either way.
   */
  private static boolean resembles(String key) {
    String typed = key.toLowerCase(java.util.Locale.ROOT);
    String known = KEY.toLowerCase(java.util.Locale.ROOT);
    return typed.length() >= 4 && (typed.startsWith(known) || known.startsWith(typed));
  }
}
