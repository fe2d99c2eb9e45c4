package org.mlirlink.lsp;

import java.net.URI;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The documents the editor has open, and the mapping between the editor's URIs and the workspace's
 * paths.
 *
 * <p>An open document is named back to the editor by the URI the editor opened it with, not by one
 * made from its path: clients escape characters differently ({@code %3A} or {@code :}), and a
 * diagnostic or an edit under a URI spelled another way would land on no open document.
 */
final class Documents {
  /** An open document: the URI the editor calls it, and the version of its text. */
  record Open(String uri, int version) {}

  private final Map<Path, Open> open = new ConcurrentHashMap<>();

  /** The path a {@code file:} URI names, absolute and normalized; empty for other schemes. */
  static Optional<Path> path(String uri) {
    try {
      URI parsed = URI.create(uri);
      if (!"file".equalsIgnoreCase(parsed.getScheme())) {
        return Optional.empty();
      }
      return Optional.of(Path.of(parsed).toAbsolutePath().normalize());
    } catch (IllegalArgumentException | FileSystemNotFoundException e) {
      Log.warn("not a file URI: " + uri);
      return Optional.empty();
    }
  }

  /** The URI to name {@code path} by: the editor's own for an open document. */
  String uri(Path path) {
    Open document = open.get(path);
    return document != null ? document.uri() : path.toUri().toString();
  }

  void opened(Path path, String uri, int version) {
    open.put(path, new Open(uri, version));
  }

  void changed(Path path, int version) {
    open.computeIfPresent(path, (p, document) -> new Open(document.uri(), version));
  }

  void closed(Path path) {
    open.remove(path);
  }

  Optional<Open> get(Path path) {
    return Optional.ofNullable(open.get(path));
  }

  boolean isEmpty() {
    return open.isEmpty();
  }

  /** The open documents now, in no particular order. */
  List<Path> paths() {
    return List.copyOf(open.keySet());
  }
}
