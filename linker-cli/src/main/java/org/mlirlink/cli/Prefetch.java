package org.mlirlink.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlirlink.Source;

/**
 * Reads the command's input files on a second thread while the main one builds the command line: on
 * a cold JVM picocli takes a good part of a small link's time, and machines have a core to spare. A
 * guess that turns out wrong (a name that is not an input after all) costs only that thread's work;
 * what is read is the same {@link Source} the link would have made, so diagnostics and results do
 * not change.
 *
 * <p>The largest file is read first; a file the second thread has not started by the time the link
 * asks for it is left to the link, which reads it on the main thread meanwhile: a 13 MB library and
 * its 200 KB main module are read side by side, not one after the other.
 *
 * <pre>{@code
 * Prefetch prefetch = Prefetch.start(args);
 * ...                                       // parse the command line
 * Source main = prefetch.source("main.mlir");
 * }</pre>
 */
final class Prefetch {
  /** The link's own stack size (bin/mlir-link): deep nesting is read recursively. */
  private static final long STACK_BYTES = 16L << 20;

  private final Map<String, Source> sources;

  /** The sources not yet started, largest first: taken by the second thread or by the link. */
  private final Deque<Source> waiting;

  private Prefetch(Map<String, Source> sources, Deque<Source> waiting) {
    this.sources = sources;
    this.waiting = waiting;
  }

  /** Starts reading the files that {@code args} name as inputs; returns at once. */
  static Prefetch start(String[] args) {
    Prefetch prefetch = of(args);
    if (!prefetch.sources.isEmpty()) {
      Thread reader = new Thread(null, prefetch::preloadAll, "mlir-link-prefetch", STACK_BYTES);
      reader.setDaemon(true);
      reader.start();
    }
    return prefetch;
  }

  /** The files {@code args} name as inputs, to be read ahead, none started yet. */
  static Prefetch of(String[] args) {
    Map<String, Source> sources = new LinkedHashMap<>();
    Map<Source, Long> sizes = new HashMap<>();
    for (String name : inputNames(args)) {
      Path path = Path.of(name);
      BasicFileAttributes file = attributesOf(path);
      if (file != null && file.isRegularFile() && !sources.containsKey(name)) {
        Source source = Source.of(path);
        sources.put(name, source);
        sizes.put(source, file.size());
      }
    }
    List<Source> largestFirst = new ArrayList<>(sources.values());
    largestFirst.sort((a, b) -> Long.compare(sizes.get(b), sizes.get(a)));
    return new Prefetch(sources, new ArrayDeque<>(largestFirst));
  }

  /** What the file system says of {@code path} (one look), or null: the link says what is wrong. */
  private static BasicFileAttributes attributesOf(Path path) {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The next source to read ahead, or null: none is left that the link has not taken. */
  synchronized Source next() {
    return waiting.pollFirst();
  }

  private void preloadAll() {
    try {
      for (Source source = next(); source != null; source = next()) {
        source.preload();
      }
    } catch (RuntimeException | Error e) {
      // Not reported here: the link reads the source again and reports it on the main thread.
    }
  }

  /**
   * The names {@code args} give as inputs, guessed without the command line's parser: the first
   * bare argument (INPUT) and the values of {@code --link-module}, in any of iree-link's forms.
   * Nothing after {@code --} is guessed at, and nothing for {@code check}, whose arguments are
   * folders that the workspace reads itself.
   */
  static List<String> inputNames(String[] args) {
    if (CheckCommand.isNamedBy(args)) {
      return List.of();
    }
    List<String> options = CommandOptions.optionArguments(args);
    List<String> names = new ArrayList<>();
    boolean inputSeen = false;
    for (int i = 0; i < options.size(); i++) {
      String arg = options.get(i);
      if (arg.equals("--link-module") && i + 1 < options.size()) {
        names.add(options.get(++i));
      } else if (arg.startsWith("--link-module=")) {
        names.add(arg.substring("--link-module=".length()));
      } else if (arg.startsWith("-")) {
        // Any other option: its value, if it takes one, is not an input (e.g. -o OUT).
        if (!arg.contains("=") && i + 1 < options.size() && CommandOptions.takesValue(arg)) {
          i++;
        }
      } else if (!inputSeen) {
        names.add(arg);
        inputSeen = true;
      }
    }
    return names;
  }

  /**
   * The source for an input name: the one read ahead (or being read: the link waits for it), or one
   * the link reads itself, taken from the second thread if it has not started it.
   */
  synchronized Source source(String name) {
    Source source = sources.get(name);
    if (source == null) {
      return Source.of(Path.of(name));
    }
    waiting.remove(source);
    return source;
  }
}
