package org.mlirlink;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.mlirlink.diagnostic.Diagnostic;
import org.mlirlink.diagnostic.DiagnosticCode;
import org.mlirlink.diagnostic.DiagnosticException;
import org.mlirlink.model.Diagnostics;
import org.mlirlink.model.MlirFile;
import org.mlirlink.model.OpKind;
import org.mlirlink.model.Operation;
import org.mlirlink.model.SourceText;
import org.mlirlink.read.MlirReader;
import org.mlirlink.resolve.Definition;
import org.mlirlink.resolve.LinkPlanner;
import org.mlirlink.resolve.SourceModule;
import org.mlirlink.resolve.SymbolIndex;

/**
 * Finds library files for symbols no source defines: for {@code @prefix.rest}, {@code
 * DIR/prefix.mlir} (or, failing that, the bytecode file {@code DIR/prefix.mlirbc}) in each library
 * path in order, then (past iree-link) any {@code .mlir} or {@code .mlirbc} file under the path
 * that declares {@code module @prefix}. A file it uses is read by the link's own {@code read}, as
 * the link modules are, so the report lists it and the planners see one file per use.
 */
final class LibrarySearch implements LinkPlanner.LibraryLookup {
  private final List<Path> libraryPaths;
  private final List<Source> linkModules;
  private final SymbolIndex index;
  private final Function<Source, MlirFile> read;
  private final List<Diagnostic> errors;

  /** The files the link has read (link modules, library files), absolute and normalized. */
  private final Set<Path> loaded = new HashSet<>();

  private final Set<String> searchedPrefixes = new HashSet<>();

  /**
   * @param index the link modules' symbols, to which the files found are added
   * @param read the link's way to read an input, so that the report lists each file found
   */
  LibrarySearch(
      List<Path> libraryPaths,
      List<Source> linkModules,
      SymbolIndex index,
      Function<Source, MlirFile> read,
      List<Diagnostic> errors) {
    this.libraryPaths = libraryPaths;
    this.linkModules = linkModules;
    this.index = index;
    this.read = read;
    this.errors = errors;
    for (Source source : linkModules) {
      source.path().ifPresent(p -> loaded.add(p.toAbsolutePath().normalize()));
    }
  }

  @Override
  public Optional<String> searched(String symbol) {
    int dot = symbol.indexOf('.');
    if (dot <= 0) {
      return Optional.empty();
    }
    String prefix = symbol.substring(0, dot);
    Optional<SourceModule> module = index.module(prefix);
    if (module.isPresent()) {
      return Optional.of(
          "module @"
              + prefix
              + " is in "
              + module.get().file().source().name()
              + ", and has no public '"
              + symbol.substring(dot + 1)
              + "'");
    }
    List<String> places = new ArrayList<>();
    if (!linkModules.isEmpty()) {
      places.add(
          "in the link modules ("
              + String.join(", ", linkModules.stream().map(Source::name).toList())
              + ")");
    }
    for (Path dir : libraryPaths) {
      places.add("at " + dir.resolve(prefix + ".mlir") + ", nor in any .mlir file under " + dir);
    }
    return Optional.of(
        places.isEmpty()
            ? "no link module or library path was given to look for module @" + prefix + " in"
            : "module @" + prefix + " is not " + String.join(", nor ", places));
  }

  @Override
  public Optional<Definition> find(String symbol) {
    int dot = symbol.indexOf('.');
    if (dot <= 0 || libraryPaths.isEmpty() || !searchedPrefixes.add(symbol.substring(0, dot))) {
      return index.lookup(symbol);
    }
    String prefix = symbol.substring(0, dot);
    for (Path dir : libraryPaths) {
      Path text = dir.resolve(prefix + ".mlir");
      Path bytecode = dir.resolve(prefix + ".mlirbc");
      Path file =
          Files.isRegularFile(text) ? text : Files.isRegularFile(bytecode) ? bytecode : null;
      if (file != null) {
        if (loaded.add(file.toAbsolutePath().normalize())) {
          try {
            index.addFile(read.apply(Source.of(file)));
          } catch (DiagnosticException e) {
            errors.add(e.diagnostic());
          }
        }
        return index.lookup(symbol);
      }
    }
    loadModuleDeclaredUnderLibraryPaths(prefix);
    return index.lookup(symbol);
  }

  /**
   * Past iree-link: loads the {@code .mlir} file under the library paths that declares {@code
   * module @prefix}, so component trees need not name files after modules. Two such files are an
   * error naming both.
   */
  private void loadModuleDeclaredUnderLibraryPaths(String prefix) {
    if (declaredModules == null) {
      indexLibraryPaths();
    }
    for (Unreadable file : unreadable) {
      if (file.text().containsWord("module @" + prefix)) { // not module @prefix_other
        errors.add(file.error()); // it may well be the module asked for: say why it is unusable
      }
    }
    List<MlirFile> declaring = new ArrayList<>();
    for (MlirFile file : declaredModules.getOrDefault(prefix, List.of())) {
      if (!loaded.contains(pathOf(file))) {
        declaring.add(file);
      }
    }
    if (declaring.size() > 1) {
      MlirFile first = declaring.get(0);
      Diagnostic ambiguous =
          Diagnostics.error(
                  first.source(),
                  moduleNameOffset(first, prefix),
                  "module @"
                      + prefix
                      + " is declared by "
                      + declaring.size()
                      + " files under the library paths; keep one or pass it with --link-module")
              .withCode(DiagnosticCode.AMBIGUOUS_MODULE);
      for (MlirFile other : declaring.subList(1, declaring.size())) {
        ambiguous =
            ambiguous.withNote(
                Diagnostics.note(
                    other.source(), moduleNameOffset(other, prefix), "also declared here"));
      }
      errors.add(ambiguous);
    }
    if (!declaring.isEmpty()) {
      // After an ambiguity the first is still indexed: the link fails on that one error
      // rather than adding "unresolved" for every symbol of the module. A symbol it defines
      // twice fails the whole link at once, as the link modules' do.
      MlirFile file = declaring.get(0);
      loaded.add(pathOf(file));
      index.addFile(read.apply(Source.parsed(file)));
    }
  }

  /** A file under a library path that looks like a module but cannot be read. */
  private record Unreadable(SourceText text, Diagnostic error) {}

  /** Module name to the files declaring it, made once, the first time a name is looked for. */
  private Map<String, List<MlirFile>> declaredModules;

  private final List<Unreadable> unreadable = new ArrayList<>();

  /**
   * Reads each {@code .mlir} file under the library paths once, in path order, leaving out those
   * the link has read already (link modules, {@code prefix.mlir} files).
   */
  private void indexLibraryPaths() {
    declaredModules = new HashMap<>();
    // A file under two library paths (one inside the other, or a link to it) is one file: read
    // twice it would declare its modules twice, an ambiguity that is not there.
    Set<Path> indexed = new HashSet<>();
    for (Path dir : libraryPaths) {
      for (Path path : LibraryFiles.under(dir, LibraryFiles.MLIR_SUFFIXES)) {
        if (loaded.contains(path.toAbsolutePath().normalize()) || !indexed.add(realPath(path))) {
          continue;
        }
        SourceText text;
        try {
          text = Source.of(path).load();
        } catch (DiagnosticException unreadableOrNotUtf8) {
          continue; // not a module anyone can ask for by name
        }
        try {
          MlirFile file = MlirReader.read(text);
          for (String name : declaredModuleNames(file)) {
            declaredModules.computeIfAbsent(name, n -> new ArrayList<>()).add(file);
          }
        } catch (DiagnosticException e) {
          unreadable.add(new Unreadable(text, e.diagnostic()));
        }
      }
    }
  }

  /** The file a path names, links followed; the path itself when it cannot be resolved. */
  private static Path realPath(Path path) {
    try {
      return path.toRealPath();
    } catch (java.io.IOException e) {
      return path.toAbsolutePath().normalize();
    }
  }

  private static Path pathOf(MlirFile file) {
    return Path.of(file.source().name()).toAbsolutePath().normalize();
  }

  /** The named modules a file declares: itself, or the modules of an archive. */
  private static List<String> declaredModuleNames(MlirFile file) {
    List<String> names = new ArrayList<>();
    for (Operation op : moduleCandidates(file)) {
      if (op.kind() == OpKind.MODULE) {
        op.symbolName().ifPresent(names::add);
      }
    }
    return names;
  }

  private static List<Operation> moduleCandidates(MlirFile file) {
    // A named module is the file's module; an archive's named modules are its operations.
    return file.moduleName().isPresent() ? List.of(file.module().get()) : file.operations();
  }

  /** Where {@code module @prefix} names itself in the file (or in an archive), or -1. */
  private static long moduleNameOffset(MlirFile file, String prefix) {
    for (Operation op : moduleCandidates(file)) {
      if (op.kind() == OpKind.MODULE && op.symbolName().filter(prefix::equals).isPresent()) {
        return op.symbolSpan().orElseThrow().start();
      }
    }
    return -1;
  }
}
