package org.mlirlink;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.mlirlink.model.MlirFile;
import org.mlirlink.model.OpKind;
import org.mlirlink.model.Operation;
import org.mlirlink.model.SourceLocation;
import org.mlirlink.model.SourceText;
import org.mlirlink.model.Visibility;
import org.mlirlink.read.MlirReader;
import org.mlirlink.resolve.BundlePlanner;
import org.mlirlink.resolve.Definition;
import org.mlirlink.resolve.LinkPlan;
import org.mlirlink.resolve.LinkPlanner;
import org.mlirlink.resolve.SourceModule;
import org.mlirlink.resolve.SymbolIndex;
import org.mlirlink.write.ModuleWriter;
import org.mlirlink.write.Output;

/**
 * The linker as a library: completes a main module's external declarations with definitions from
 * other modules, like IREE's {@code iree-link}. No console output, no {@code System.exit}, no
 * global state; everything is reported in the returned {@link LinkResult}.
 *
 * <pre>{@code
 * LinkResult result = Linker.builder()
 *     .main(Source.of(Path.of("components/moe/moe_ffn_block.mlir")))
 *     .linkModule(Source.of(Path.of("components/moe/mul_mat_id.mlir")))
 *     .linkModule(Source.of(Path.of("components/activation/swiglu.mlir")))
 *     .build()
 *     .link();
 * if (result.succeeded()) {
 *   System.out.print(result.text());
 * }
 * }</pre>
 */
public final class Linker {
  private final Source main;
  private final ImmutableList<Source> linkModules;
  private final ImmutableList<Path> libraryPaths;
  private final boolean bundle;

  private Linker(Builder builder) {
    this.main = builder.main;
    this.linkModules = builder.linkModules.build();
    this.libraryPaths = builder.libraryPaths.build();
    this.bundle = builder.bundle;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Runs the link. Never throws for bad input: problems are in the result's diagnostics. */
  public LinkResult link() {
    List<Diagnostic> errors = new ArrayList<>();
    Run run = new Run();
    try {
      checkLibraryPaths(errors);
      Output output = !errors.isEmpty() ? null : bundle ? linkBundle(run, errors) : linkMain(run, errors);
      boolean ok = errors.isEmpty();
      return new LinkResult(ok ? output : null, errors, ok
          ? new LinkReport(run.inputs, run.symbols, run.replaced, errors)
          : new LinkReport(run.inputs, List.of(), Map.of(), errors));
    } catch (DiagnosticException e) {
      errors.add(e.diagnostic());
      return new LinkResult(null, errors, new LinkReport(run.inputs, List.of(), Map.of(), errors));
    } catch (RuntimeException | StackOverflowError bug) {
      // A bug of ours, not of the input: still a result (the library never throws for an input),
      // and one that asks to be reported.
      StringBuilder where = new StringBuilder();
      StackTraceElement[] trace = bug.getStackTrace();
      for (int i = 0; i < Math.min(3, trace.length); i++) {
        where.append(i == 0 ? " at " : " < ").append(trace[i]);
      }
      errors.add(Diagnostic.error(
          "internal error, please report it with the inputs: " + bug + where));
      return new LinkResult(null, errors, new LinkReport(run.inputs, List.of(), Map.of(), errors));
    }
  }

  /**
   * A library path that is missing or not a directory is an error before anything is read: left
   * alone it would only show up later as unresolved symbols, if at all (a mistyped path that the
   * link happens not to need would go unnoticed until it is).
   */
  private void checkLibraryPaths(List<Diagnostic> errors) {
    for (Path dir : libraryPaths) {
      if (!Files.exists(dir)) {
        errors.add(Diagnostic.error("cannot use library path '" + dir + "': no such directory"));
      } else if (!Files.isDirectory(dir)) {
        errors.add(Diagnostic.error("cannot use library path '" + dir + "': it is not a directory"));
      }
    }
  }

  /** What one link read and linked, for its report. */
  private static final class Run {
    final List<String> inputs = new ArrayList<>();
    List<org.mlirlink.resolve.LinkedSymbol> symbols = List.of();
    /** Where each declaration of the main module that a definition replaced is, by output name. */
    Map<String, SourceLocation> replaced = Map.of();

    /** The files this link read, by identity: the planners tell inputs apart that way. */
    private final Set<MlirFile> files = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    MlirFile read(Source source) {
      inputs.add(source.name());
      MlirFile file = source.file();
      // A preloaded source gives the same file each time; used twice in one link it must still
      // be two inputs (two definitions of each symbol), as two reads of one file are.
      if (!files.add(file)) {
        file = MlirReader.read(file.source());
        files.add(file);
      }
      return file;
    }
  }

  /**
   * Reads every link module in order and hands it to {@code use}; a module that cannot be read or
   * used is an error, and the rest are still read, so one link reports every such error.
   */
  private void readLinkModules(Run run, List<Diagnostic> errors, java.util.function.Consumer<MlirFile> use) {
    for (Source source : linkModules) {
      try {
        use.accept(run.read(source));
      } catch (DiagnosticException e) {
        errors.add(e.diagnostic());
      }
    }
  }

  private Output linkMain(Run run, List<Diagnostic> errors) {
    MlirFile target = run.read(main);
    SymbolIndex index = new SymbolIndex();
    readLinkModules(run, errors, index::addFile); // a symbol defined twice is an error here
    if (!errors.isEmpty()) {
      return null;
    }
    Set<Path> loaded = new HashSet<>();
    for (Source source : linkModules) {
      source.path().ifPresent(p -> loaded.add(p.toAbsolutePath().normalize()));
    }
    LibraryPaths library = new LibraryPaths(run, index, loaded, errors);
    LinkPlan plan = LinkPlanner.plan(target, index, library, errors);
    run.symbols = plan.linkedSymbols();
    run.replaced = replacedDeclarations(target, run.symbols);
    return errors.isEmpty() ? ModuleWriter.write(plan) : null;
  }

  /** The main module's declarations that linked definitions replaced, by name. */
  private static Map<String, SourceLocation> replacedDeclarations(
      MlirFile target, List<org.mlirlink.resolve.LinkedSymbol> symbols) {
    Set<String> names = new HashSet<>();
    for (org.mlirlink.resolve.LinkedSymbol symbol : symbols) {
      if (symbol.neededBy() == null) {
        names.add(symbol.name());
      }
    }
    Map<String, SourceLocation> places = new HashMap<>();
    for (Operation op : target.operations()) {
      if (op.isDeclaration() && op.symbolName().filter(names::contains).isPresent()) {
        places.putIfAbsent(op.symbolName().get(), op.source().locationOf(op.nameOffset()));
      }
    }
    return places;
  }

  private Output linkBundle(Run run, List<Diagnostic> errors) {
    List<MlirFile> files = new ArrayList<>();
    readLinkModules(run, errors, files::add);
    if (!errors.isEmpty()) {
      return null;
    }
    BundlePlanner.BundlePlan plan = BundlePlanner.plan(files, errors);
    run.symbols = plan.symbols();
    return errors.isEmpty() ? ModuleWriter.write(plan) : null;
  }

  /**
   * The names of the public function definitions at the top level of a module, as {@code
   * iree-link --list-symbols} prints them (declarations, executables and globals left out).
   *
   * <pre>{@code
   * SymbolListing listing = Linker.listPublicSymbols(Source.of(Path.of("math.mlir")));
   * listing.symbols();   // [add, scale]
   * }</pre>
   */
  public static SymbolListing listPublicSymbols(Source source) {
    try {
      MlirFile file = source.file();
      List<String> names = new ArrayList<>();
      for (Operation op : file.operations()) {
        if (op.kind().isListed()
            && !op.isDeclaration()
            && op.visibility() == Visibility.PUBLIC
            && op.symbolName().isPresent()) {
          names.add(op.symbolName().get());
        }
      }
      return new SymbolListing(names, List.of());
    } catch (DiagnosticException e) {
      return new SymbolListing(List.of(), List.of(e.diagnostic()));
    }
  }

  /**
   * The result of {@link #listPublicSymbols}.
   *
   * @param symbols the names, unqualified, in file order
   * @param diagnostics why the listing failed, if it did
   */
  public record SymbolListing(List<String> symbols, List<Diagnostic> diagnostics) {
    public SymbolListing {
      symbols = List.copyOf(symbols);
      diagnostics = List.copyOf(diagnostics);
    }

    public boolean succeeded() {
      return diagnostics.isEmpty();
    }
  }

  /**
   * Finds library files for symbols no source defines: for {@code @prefix.rest}, {@code
   * DIR/prefix.mlir} in each library path in order, then (past iree-link) any {@code .mlir} file
   * under the path that declares {@code module @prefix}.
   */
  private final class LibraryPaths implements LinkPlanner.LibraryLookup {
    private final Run run;
    private final SymbolIndex index;
    private final Set<Path> loaded;
    private final List<Diagnostic> errors;
    private final Set<String> searchedPrefixes = new HashSet<>();

    LibraryPaths(Run run, SymbolIndex index, Set<Path> loaded, List<Diagnostic> errors) {
      this.run = run;
      this.index = index;
      this.loaded = loaded;
      this.errors = errors;
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
        return Optional.of("module @" + prefix + " is in " + module.get().file().source().name()
            + ", and has no public '" + symbol.substring(dot + 1) + "'");
      }
      List<String> places = new ArrayList<>();
      if (!linkModules.isEmpty()) {
        places.add("the link modules (" + String.join(", ",
            linkModules.stream().map(Source::name).toList()) + ")");
      }
      for (Path dir : libraryPaths) {
        places.add("at " + dir.resolve(prefix + ".mlir") + ", nor in any .mlir file under " + dir);
      }
      return Optional.of(places.isEmpty()
          ? "no link module or library path was given to look for module @" + prefix + " in"
          : "module @" + prefix + " is not in " + String.join(", nor ", places));
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
        if (Files.isRegularFile(text)) {
          load(text);
          return index.lookup(symbol);
        }
        if (Files.isRegularFile(bytecode)) {
          errors.add(Diagnostic.error(MlirReader.bytecodeMessage(bytecode.toString())));
          return Optional.empty();
        }
      }
      loadModuleDeclaredUnderLibraryPaths(prefix);
      return index.lookup(symbol);
    }

    /**
     * Past iree-link: loads the {@code .mlir} file under the library paths that declares {@code
     * module @prefix}, so component trees need not name files after modules. Two such files are
     * an error naming both.
     */
    private void loadModuleDeclaredUnderLibraryPaths(String prefix) {
      if (declaredModules == null) {
        indexLibraryPaths();
      }
      for (Unreadable file : unreadable) {
        if (file.text().contains("module @" + prefix)) {
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
        Diagnostic ambiguous = Diagnostic.error(first.source(), moduleNameOffset(first, prefix),
            "module @" + prefix + " is declared by " + declaring.size()
                + " files under the library paths; keep one or pass it with --link-module");
        for (MlirFile other : declaring.subList(1, declaring.size())) {
          ambiguous = ambiguous.withNote(other.source(), moduleNameOffset(other, prefix), "also declared here");
        }
        errors.add(ambiguous);
      }
      if (!declaring.isEmpty()) {
        // After an ambiguity the first is still indexed: the link fails on that one error
        // rather than adding "unresolved" for every symbol of the module.
        MlirFile file = declaring.get(0);
        loaded.add(pathOf(file));
        run.inputs.add(file.source().name());
        index.addFile(file);
      }
    }

    /** A file under a library path that looks like a module but cannot be read. */
    private record Unreadable(String text, Diagnostic error) {}

    /** Module name to the files declaring it, made once, the first time a name is looked for. */
    private Map<String, List<MlirFile>> declaredModules;

    private final List<Unreadable> unreadable = new ArrayList<>();

    /**
     * Reads each {@code .mlir} file under the library paths once, in path order, leaving out
     * those the link has read already (link modules, {@code prefix.mlir} files).
     */
    private void indexLibraryPaths() {
      declaredModules = new HashMap<>();
      for (Path dir : libraryPaths) {
        for (Path path : mlirFilesUnder(dir)) {
          if (loaded.contains(path.toAbsolutePath().normalize())) {
            continue;
          }
          SourceText text;
          try {
            text = Source.of(path).load();
          } catch (DiagnosticException unreadableOrNotUtf8) {
            continue; // not a module anyone can ask for by name
          }
          if (!text.text().contains("module @")) {
            continue; // cheap filter: the file declares no named module
          }
          try {
            MlirFile file = MlirReader.read(text);
            for (String name : declaredModuleNames(file)) {
              declaredModules.computeIfAbsent(name, n -> new ArrayList<>()).add(file);
            }
          } catch (DiagnosticException e) {
            unreadable.add(new Unreadable(text.text(), e.diagnostic()));
          }
        }
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
    private static int moduleNameOffset(MlirFile file, String prefix) {
      for (Operation op : moduleCandidates(file)) {
        if (op.kind() == OpKind.MODULE && op.symbolName().filter(prefix::equals).isPresent()) {
          return op.symbolSpan().orElseThrow().start();
        }
      }
      return -1;
    }

    private void load(Path file) {
      if (loaded.add(file.toAbsolutePath().normalize())) {
        try {
          index.addFile(run.read(Source.of(file)));
        } catch (DiagnosticException e) {
          errors.add(e.diagnostic());
        }
      }
    }

    private List<Path> mlirFilesUnder(Path dir) {
      try (Stream<Path> files = Files.walk(dir)) {
        return files.filter(p -> p.toString().endsWith(".mlir") && Files.isRegularFile(p))
            .sorted()
            .toList();
      } catch (IOException e) {
        return List.of();
      }
    }
  }

  /** Collects a link's inputs and options. */
  public static final class Builder {
    private Source main;
    private final ImmutableList.Builder<Source> linkModules = ImmutableList.builder();
    private final ImmutableList.Builder<Path> libraryPaths = ImmutableList.builder();
    private boolean bundle;

    private Builder() {}

    /** The module to complete (iree-link's INPUT). */
    public Builder main(Source source) {
      this.main = checkNotNull(source, "source");
      return this;
    }

    /** A module to link from (iree-link's {@code --link-module}); order matters. */
    public Builder linkModule(Source source) {
      linkModules.add(checkNotNull(source, "source"));
      return this;
    }

    /** A directory searched for modules by name (iree-link's {@code --library-path}). */
    public Builder libraryPath(Path directory) {
      libraryPaths.add(checkNotNull(directory, "directory"));
      return this;
    }

    /** Bundle all link modules into one module instead of completing a main module. */
    public Builder bundle(boolean bundle) {
      this.bundle = bundle;
      return this;
    }

    public Linker build() {
      checkState(bundle || main != null, "a main module is required unless bundling");
      return new Linker(this);
    }
  }
}
