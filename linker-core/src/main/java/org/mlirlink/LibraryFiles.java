package org.mlirlink;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.mlirlink.diagnostic.Diagnostic;
import org.mlirlink.diagnostic.DiagnosticCode;

/**
 * The files under a library path, found the way a link's library search finds them: symbolic links
 * are followed (a library path often is one), and a folder that cannot be listed, or a loop of
 * links, is passed over rather than ending the search. Build tools use it to know what a link with
 * {@code --library-path} may read.
 *
 * <pre>{@code
 * List<Path> modules = LibraryFiles.under(Path.of("components"), ".mlir");
 * List<Path> all = LibraryFiles.under(Path.of("components"), LibraryFiles.MLIR_SUFFIXES);
 * }</pre>
 */
public final class LibraryFiles {
  /** The names a link reads as MLIR: text, and bytecode. */
  public static final String[] MLIR_SUFFIXES = {".mlir", ".mlirbc"};

  private LibraryFiles() {}

  /**
   * Whether {@code file} is named as MLIR text or bytecode is ({@code a.mlir}, {@code a.mlirbc}).
   *
   * @param file a file's path
   * @return true for a name ending in one of {@link #MLIR_SUFFIXES}
   */
  public static boolean isMlir(Path file) {
    String name = file.toString();
    return name.endsWith(".mlir") || name.endsWith(".mlirbc");
  }

  /**
   * The regular files under {@code root} whose names end with one of {@code suffixes}, in path
   * order; none when {@code root} is missing.
   *
   * @param root the folder to walk, following symbolic links
   * @param suffixes the endings of the names to keep, such as {@code ".mlir"}
   * @return the files found, sorted
   * @throws IllegalArgumentException when no suffix is given (it would find nothing, silently)
   */
  public static List<Path> under(Path root, String... suffixes) {
    if (suffixes.length == 0) {
      throw new IllegalArgumentException(
          "no suffix to look for: give one, or LibraryFiles.MLIR_SUFFIXES for all MLIR files");
    }
    List<Path> found = new ArrayList<>();
    try {
      Files.walkFileTree(
          root,
          Set.of(FileVisitOption.FOLLOW_LINKS),
          Integer.MAX_VALUE,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
              if (attributes.isRegularFile() && endsWithAny(file.toString(), suffixes)) {
                found.add(file);
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      return List.of(); // the root itself cannot be read
    }
    found.sort(null);
    return found;
  }

  /**
   * The errors of library paths that are missing or not folders, one each, in order. Such a path is
   * an error before anything is read: left alone it would only show up later as unresolved symbols,
   * if at all (a mistyped path that a link happens not to need would go unnoticed until it is).
   *
   * <pre>{@code
   * LibraryFiles.problems(List.of(Path.of("compnents")));
   * // [error: cannot use library path 'compnents': no such directory]
   * }</pre>
   *
   * @param libraryPaths the paths a link would search
   * @return an error for each unusable path; empty when all are folders
   */
  public static List<Diagnostic> problems(List<Path> libraryPaths) {
    List<Diagnostic> errors = new ArrayList<>();
    for (Path dir : libraryPaths) {
      if (!Files.exists(dir)) {
        errors.add(
            Diagnostic.error("cannot use library path '" + dir + "': no such directory")
                .withCode(DiagnosticCode.LIBRARY_PATH));
      } else if (!Files.isDirectory(dir)) {
        errors.add(
            Diagnostic.error("cannot use library path '" + dir + "': it is not a directory")
                .withCode(DiagnosticCode.LIBRARY_PATH));
      }
    }
    return errors;
  }

  private static boolean endsWithAny(String name, String[] suffixes) {
    for (String suffix : suffixes) {
      if (name.endsWith(suffix)) {
        return true;
      }
    }
    return false;
  }
}
