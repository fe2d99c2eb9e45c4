package org.mlirlink.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mlirlink.Linker;
import org.mlirlink.Source;

/**
 * Reads the command's input files on a second thread while the main one builds the command line,
 * and warms the linker up: on a cold JVM picocli takes about as long to start as reading and
 * parsing a 50 MB input, and machines have a core to spare. A guess that turns out wrong (a name
 * that is not an input after all) costs only that thread's work; what is read is the same {@link
 * Source} the link would have made, so diagnostics and results do not change.
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

  private Prefetch(Map<String, Source> sources) {
    this.sources = sources;
  }

  /** Starts reading the files that {@code args} name as inputs; returns at once. */
  static Prefetch start(String[] args) {
    Map<String, Source> sources = new LinkedHashMap<>();
    for (String name : inputNames(args)) {
      Path path = Path.of(name);
      if (Files.isRegularFile(path)) {
        sources.putIfAbsent(name, Source.of(path));
      }
    }
    if (!sources.isEmpty()) {
      Thread reader =
          new Thread(null, () -> preloadAll(sources), "mlir-link-prefetch", STACK_BYTES);
      reader.setDaemon(true);
      reader.start();
    }
    return new Prefetch(sources);
  }

  private static void preloadAll(Map<String, Source> sources) {
    try {
      for (Source source : sources.values()) {
        source.preload();
      }
      warmUp();
    } catch (RuntimeException | Error e) {
      // Not reported here: the link reads the source again and reports it on the main thread.
    }
  }

  /**
   * Links two tiny modules, so that the first use of every stage (above all the function-type
   * parser, about 20 ms on a cold JVM) happens here and not on the link's path.
   */
  private static void warmUp() {
    Linker.builder()
        .main(Source.of("warm-up.mlir", "func.func private @lib.f(i32) -> i32\n"))
        .linkModule(
            Source.of(
                "lib.mlir",
                "module @lib {\n  func.func @f(%x: i32) -> i32 {\n    return %x : i32\n  }\n}\n"))
        .build()
        .link();
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

  /** The source for an input name: the one read ahead, or a new one read when the link runs. */
  Source source(String name) {
    return Optional.ofNullable(sources.get(name)).orElseGet(() -> Source.of(Path.of(name)));
  }
}
