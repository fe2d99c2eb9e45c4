package org.mlirlink.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a link read last time, kept beside the build's outputs, so that the next build can skip a
 * link nothing of which changed. It records the link's settings (a digest), the {@code .mlir} files
 * under its library paths (a new file there can change what a name resolves to), and the size and
 * time of every file the link read, main module, link modules and the files found through library
 * paths alike.
 *
 * <pre>{@code
 * LinkState state = LinkState.of(settings, libraryPaths);
 * if (state.matches(stateFile) && Files.exists(output)) {
 *   // skip: nothing it read has changed
 * }
 * }</pre>
 */
final class LinkState {
  private static final String HEADER = "mlir-link link state 1";

  private final String settings;
  private final String listing;
  private final List<String> inputs;

  private LinkState(String settings, String listing, List<String> inputs) {
    this.settings = settings;
    this.listing = listing;
    this.inputs = inputs;
  }

  /** The state of a link about to run: its settings and the library paths' listing. */
  static LinkState before(String settings, List<Path> libraryPaths) throws IOException {
    return new LinkState(digest(settings), listing(libraryPaths), List.of());
  }

  /** This state with the files the link read, each with its size and time now. */
  LinkState read(List<Path> files) throws IOException {
    List<String> lines = new ArrayList<>();
    for (Path file : files) {
      lines.add(stamp(file));
    }
    return new LinkState(settings, listing, lines);
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
    if (saved.size() < 3
        || !saved.get(0).equals(HEADER)
        || !saved.get(1).equals("settings " + settings)
        || !saved.get(2).equals("listing " + listing)) {
      return false;
    }
    for (String line : saved.subList(3, saved.size())) {
      if (!line.startsWith("input ")) {
        return false;
      }
      String stamped = line.substring("input ".length());
      Path input = Path.of(stamped.substring(stamped.indexOf(' ', stamped.indexOf(' ') + 1) + 1));
      if (!Files.isRegularFile(input) || !stamp(input).equals(stamped)) {
        return false;
      }
    }
    return true;
  }

  /** How many files the saved state lists. */
  static int inputCount(Path file) throws IOException {
    try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
      return (int) lines.filter(l -> l.startsWith("input ")).count();
    }
  }

  /** The text to save. */
  String text() {
    StringBuilder out = new StringBuilder();
    out.append(HEADER).append('\n');
    out.append("settings ").append(settings).append('\n');
    out.append("listing ").append(listing).append('\n');
    for (String input : inputs) {
      out.append("input ").append(input).append('\n');
    }
    return out.toString();
  }

  /** "size time path", the time to the nanosecond where the file system keeps it so. */
  private static String stamp(Path file) throws IOException {
    return Files.size(file) + " " + Files.getLastModifiedTime(file).toInstant() + " " + file;
  }

  /** A digest of every {@code .mlir} file's path under the library paths. */
  private static String listing(List<Path> libraryPaths) throws IOException {
    StringBuilder all = new StringBuilder();
    for (Path dir : libraryPaths) {
      all.append(dir).append('\n');
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path file : files.filter(p -> p.toString().endsWith(".mlir")).sorted().toList()) {
          all.append(file).append('\n');
        }
      }
    }
    return digest(all.toString());
  }

  private static String digest(String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }
}
