package org.mlirlink;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
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
 */
public final class Source {
  private final String name;
  private final Path path;
  private final String text;
  private final byte[] bytes;

  private Source(String name, Path path, String text, byte[] bytes) {
    this.name = name;
    this.path = path;
    this.text = text;
    this.bytes = bytes;
  }

  /** A file, read when the link runs; reported under the path as given. */
  public static Source of(Path path) {
    checkNotNull(path, "path");
    return new Source(path.toString(), path, null, null);
  }

  /** In-memory text, reported under {@code name}. */
  public static Source of(String name, String text) {
    return new Source(checkNotNull(name, "name"), null, checkNotNull(text, "text"), null);
  }

  /**
   * In-memory bytes (standard input, a network buffer), decoded as UTF-8 and checked like a file
   * when the link runs.
   */
  public static Source of(String name, byte[] bytes) {
    return new Source(checkNotNull(name, "name"), null, null, checkNotNull(bytes, "bytes").clone());
  }

  /** The name diagnostics use. */
  public String name() {
    return name;
  }

  /** The file behind this source, if it is one. */
  public Optional<Path> path() {
    return Optional.ofNullable(path);
  }

  /** The text, read and checked as UTF-8 for a file. */
  SourceText load() {
    if (text != null) {
      return new SourceText(name, text);
    }
    if (bytes != null) {
      return MlirReader.decode(name, bytes);
    }
    try {
      // Files.readString decodes valid UTF-8 (ASCII above all) without an intermediate char
      // buffer; only a file it rejects is decoded again, slowly, to find the bad byte's place.
      String decoded = Files.readString(path);
      // Every non-ASCII character takes two or more bytes in UTF-8, so equal counts mean ASCII.
      return new SourceText(name, decoded, Files.size(path) == decoded.length());
    } catch (java.nio.charset.CharacterCodingException e) {
      try {
        return MlirReader.decode(name, Files.readAllBytes(path));
      } catch (IOException again) {
        throw new DiagnosticException(Diagnostic.error("cannot read '" + name + "': " + again.getMessage()));
      }
    } catch (NoSuchFileException e) {
      throw new DiagnosticException(Diagnostic.error("cannot read '" + name + "': no such file"));
    } catch (IOException e) {
      String reason = Files.isDirectory(path) ? "it is a directory" : String.valueOf(e.getMessage());
      throw new DiagnosticException(Diagnostic.error("cannot read '" + name + "': " + reason));
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
