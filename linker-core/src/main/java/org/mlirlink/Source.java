package org.mlirlink;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.mlirlink.diagnostic.Diagnostic;
import org.mlirlink.diagnostic.DiagnosticException;
import org.mlirlink.model.IoReasons;
import org.mlirlink.model.MlirFile;
import org.mlirlink.model.SourceText;
import org.mlirlink.read.MlirReader;

/**
 * An input to the linker: a file, or text held in memory under a name used in diagnostics.
 *
 * <pre>{@code
 * Source main = Source.of(Path.of("moe/moe_ffn_block.mlir"));
 * Source scratch = Source.of("scratch.mlir", "module @m { ... }");
 * Source piped = Source.of("<stdin>", System.in.readAllBytes());
 * }</pre>
 *
 * <p>A source is read afresh by every link that uses it, unless it was {@link #preload()
 * preloaded}. A source may be used by several threads.
 */
public final class Source {
  private final String name;
  private final Path path;

  /** In-memory text, encoded once and read by every link of it (null: a file). */
  private final SourceText memory;

  /** Set when {@link #preload()} starts, so a link waits for it instead of reading again. */
  private volatile boolean preloading;

  /** Guards {@link #preloaded}; private, so no caller's lock on this source can interfere. */
  private final Object preloadLock = new Object();

  /** What {@link #preload()} read: the parsed file, or the error the link will report. */
  private Object preloaded;

  private Source(String name, Path path, SourceText memory) {
    this.name = name;
    this.path = path;
    this.memory = memory;
  }

  /**
   * A file, read when the link runs; reported under the path as given. A file starting with MLIR
   * bytecode's magic bytes is read as bytecode, whatever its name.
   *
   * @param path the file
   * @return a source reading it
   */
  public static Source of(Path path) {
    checkNotNull(path, "path");
    return new Source(path.toString(), path, null);
  }

  /**
   * In-memory text, reported under {@code name}.
   *
   * @param name the name diagnostics use, such as {@code "scratch.mlir"}
   * @param text the MLIR text
   * @return a source holding it
   */
  public static Source of(String name, String text) {
    checkNotNull(name, "name");
    return new Source(name, null, new SourceText(name, checkNotNull(text, "text")));
  }

  /**
   * In-memory bytes (standard input, a network buffer), decoded as UTF-8 and checked like a file
   * when the link runs, or read as bytecode when they start with its magic bytes.
   *
   * @param name the name diagnostics use
   * @param bytes the input; copied
   * @return a source holding a copy of them
   */
  public static Source of(String name, byte[] bytes) {
    checkNotNull(name, "name");
    return new Source(name, null, SourceText.ofBytes(name, checkNotNull(bytes, "bytes").clone()));
  }

  /**
   * A file already read and parsed, under the name it was read as: for a library file the link
   * parsed to see which modules it declares, so that linking it does not parse it again.
   */
  static Source parsed(MlirFile file) {
    Source source = new Source(file.source().name(), Path.of(file.source().name()), null);
    synchronized (source.preloadLock) {
      source.preloaded = file;
    }
    source.preloading = true;
    return source;
  }

  /**
   * The name diagnostics use.
   *
   * @return the path as given, or the name an in-memory source was given
   */
  public String name() {
    return name;
  }

  /**
   * The file behind this source, if it is one.
   *
   * @return the path, or empty for in-memory text
   */
  public Optional<Path> path() {
    return Optional.ofNullable(path);
  }

  /**
   * Reads, checks and parses this source now, on the calling thread, and keeps the result for every
   * later link of it: for reading inputs ahead of a link, for example on another thread while the
   * rest of a program starts. A link that needs the source while it is being preloaded waits for
   * it. Bad input is not thrown here: it is kept and reported by the link as usual.
   *
   * <pre>{@code
   * Source lib = Source.of(Path.of("weights.mlir"));
   * executor.submit(lib::preload);          // read in the background
   * ...
   * Linker.builder().main(main).linkModule(lib).build().link();
   * }</pre>
   *
   * @return this source
   */
  public Source preload() {
    preloading = true;
    synchronized (preloadLock) {
      if (preloaded == null) {
        try {
          preloaded = MlirReader.read(load());
        } catch (DiagnosticException e) {
          preloaded = e;
        }
      }
    }
    return this;
  }

  /** The parsed file: the preloaded one, or read now. */
  MlirFile file() {
    if (!preloading) {
      return MlirReader.read(load());
    }
    preload(); // returns at once when done, waits when another thread is at it
    synchronized (preloadLock) {
      if (preloaded instanceof DiagnosticException e) {
        throw new DiagnosticException(e.diagnostic());
      }
      return (MlirFile) preloaded;
    }
  }

  /**
   * The text: a file is opened (and read a window at a time as the reader goes), bytes are checked
   * as UTF-8 as they are read; a file that cannot be opened throws {@link DiagnosticException}.
   */
  SourceText load() {
    if (memory != null) {
      return memory;
    }
    try {
      return SourceText.open(name, path);
    } catch (IOException e) {
      String reason =
          Files.isDirectory(path) ? "it is a directory" : IoReasons.of(e, "no such file");
      throw new DiagnosticException(Diagnostic.error("cannot read '" + name + "': " + reason));
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
