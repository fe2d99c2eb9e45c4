package org.mlirlink.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.mlirlink.LibraryFiles;

/**
 * What a link read last time, kept beside the build's outputs, so that the next build can skip a
 * link nothing of which changed. It records the link's settings, the size and time of every {@code
 * .mlir} file under its library paths (a library search reads them all, and a new or changed one
 * can change what a name resolves to), and those of every file the link read, main module and link
 * modules included. It is plain text, one fact a line, so that a skipped or repeated link can be
 * explained by reading it.
 *
 * <pre>{@code
 * LinkState state = LinkState.before(settings, libraryPaths, List.of(main));
 * if (state.matches(stateFile) && Files.exists(output)) {
 *   // skip: nothing it read has changed
 * }
 * }</pre>
 */
final class LinkState {
  private static final String HEADER = "mlir-link link state 2";
  private static final String INPUT = "input ";

  /** The header, the settings and the library listing: what must be the same as last time. */
  private final List<String> fixed;

  private final List<String> inputs;

  /** Each file's stamp when the link was about to run. */
  private final Map<Path, String> stamps;

  private LinkState(List<String> fixed, List<String> inputs, Map<Path, String> stamps) {
    this.fixed = fixed;
    this.inputs = inputs;
    this.stamps = stamps;
  }

  /**
   * The state of a link about to run: its settings (one a line), its library listing, and the
   * stamps of the files it names ({@code named}: the main module and the link modules), all taken
   * now, before the link reads them.
   */
  static LinkState before(List<String> settings, List<Path> libraryPaths, List<Path> named)
      throws IOException {
    List<String> fixed = new ArrayList<>();
    Map<Path, String> stamps = new HashMap<>();
    fixed.add(HEADER);
    for (String setting : settings) {
      fixed.add("setting " + setting);
    }
    for (Path dir : libraryPaths) {
      // Every file with its size and time, read or not: a library search reads them all to find
      // which declares a module, and looks for a bytecode file named after one, so an edit of
      // any can change the link.
      for (Path file : libraryFiles(dir)) {
        String stamp = stamp(file);
        stamps.put(file, stamp);
        fixed.add("library " + stamp);
      }
    }
    for (Path file : named) {
      if (Files.isRegularFile(file)) {
        stamps.putIfAbsent(file, stamp(file));
      }
    }
    return new LinkState(fixed, List.of(), stamps);
  }

  /**
   * The {@code .mlir} and {@code .mlirbc} files under a library path, in path order; a library path
   * that is a symbolic link to a folder is followed, as a link follows it.
   */
  private static List<Path> libraryFiles(Path dir) {
    return LibraryFiles.under(dir, LibraryFiles.MLIR_SUFFIXES);
  }

  /**
   * This state with the files the link read: each with the stamp taken before the link when there
   * is one, so that an edit made while it ran counts as a change next time.
   */
  LinkState read(List<Path> files) throws IOException {
    List<String> lines = new ArrayList<>();
    for (Path file : files) {
      String stamp = stamps.get(file);
      lines.add(INPUT + (stamp != null ? stamp : stamp(file)));
    }
    return new LinkState(fixed, lines, stamps);
  }

  /**
   * Whether the state saved in {@code file} is this link's (same settings, same library files) and
   * every file it read still has the size and time it had.
   */
  boolean matches(Path file) throws IOException {
    List<String> saved;
    try {
      saved = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return false;
    }
    if (saved.size() < fixed.size() || !saved.subList(0, fixed.size()).equals(fixed)) {
      return false;
    }
    for (String line : saved.subList(fixed.size(), saved.size())) {
      if (!line.startsWith(INPUT)) {
        return false;
      }
      String stamped = line.substring(INPUT.length());
      // "size time path": the path is what follows the second space
      Path input = Path.of(stamped.substring(stamped.indexOf(' ', stamped.indexOf(' ') + 1) + 1));
      if (!Files.isRegularFile(input) || !stamp(input).equals(stamped)) {
        return false;
      }
    }
    return true;
  }

  /** How many files the saved state lists as read. */
  static int inputCount(Path file) throws IOException {
    try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
      return (int) lines.filter(l -> l.startsWith(INPUT)).count();
    }
  }

  /** The text to save. */
  String text() {
    StringBuilder out = new StringBuilder();
    for (String line : fixed) {
      out.append(line).append('\n');
    }
    for (String input : inputs) {
      out.append(input).append('\n');
    }
    return out.toString();
  }

  /** "size time path", the time to the nanosecond where the file system keeps it so. */
  private static String stamp(Path file) throws IOException {
    return Files.size(file) + " " + Files.getLastModifiedTime(file).toInstant() + " " + file;
  }
}
