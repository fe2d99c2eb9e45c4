package org.mlirlink;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableList;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.mlirlink.diagnostic.Diagnostic;
import org.mlirlink.diagnostic.DiagnosticCode;
import org.mlirlink.diagnostic.DiagnosticException;
import org.mlirlink.diagnostic.SourceLocation;
import org.mlirlink.model.MlirFile;
import org.mlirlink.model.Operation;
import org.mlirlink.model.Visibility;
import org.mlirlink.read.MlirReader;
import org.mlirlink.report.LinkReport;
import org.mlirlink.report.LinkedSymbol;
import org.mlirlink.resolve.BundlePlanner;
import org.mlirlink.resolve.LinkPlan;
import org.mlirlink.resolve.LinkPlanner;
import org.mlirlink.resolve.SymbolIndex;
import org.mlirlink.write.LinkRecord;
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
 *
 * <p>A {@code Linker} is immutable and safe to use from several threads at once: each {@link
 * #link()} reads its inputs afresh and shares nothing with another link. Builders are not
 * thread-safe.
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

  /**
   * A new builder: give it a main module (or bundle), link modules and library paths, then {@link
   * Builder#build()}.
   *
   * <pre>{@code
   * Linker linker = Linker.builder().main(Source.of(Path.of("main.mlir")))
   *     .libraryPath(Path.of("components")).build();
   * }</pre>
   *
   * @return an empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs the link. Never throws for bad input: problems are in the result's diagnostics.
   *
   * @return the output text when the link succeeded, and its diagnostics and report either way
   */
  public LinkResult link() {
    List<Diagnostic> errors = new ArrayList<>();
    Run run = new Run();
    try {
      errors.addAll(LibraryFiles.problems(libraryPaths));
      Output output =
          !errors.isEmpty() ? null : bundle ? linkBundle(run, errors) : linkMain(run, errors);
      return errors.isEmpty()
          ? new LinkResult(
              output, errors, new LinkRecord(run.inputs, run.symbols, run.replaced, errors))
          : failed(run, errors);
    } catch (DiagnosticException e) {
      errors.add(e.diagnostic());
      return failed(run, errors);
    } catch (RuntimeException | StackOverflowError bug) {
      // A bug of ours, not of the input: still a result (the library never throws for an input),
      // and one that asks to be reported.
      StringBuilder where = new StringBuilder();
      StackTraceElement[] trace = bug.getStackTrace();
      for (int i = 0; i < Math.min(3, trace.length); i++) {
        where.append(i == 0 ? " at " : " < ").append(trace[i]);
      }
      errors.add(
          Diagnostic.error("internal error, please report it with the inputs: " + bug + where)
              .withCode(DiagnosticCode.INTERNAL));
      return failed(run, errors);
    } finally {
      for (MlirFile file : run.files) {
        file.source().release(); // writing the output opens the ones it copies from again
      }
    }
  }

  /** A failed link's result: no output, and a report of the files read before it failed. */
  private static LinkResult failed(Run run, List<Diagnostic> errors) {
    return new LinkResult(null, errors, new LinkRecord(run.inputs, List::of, Map.of(), errors));
  }

  /** What one link read and linked, for its report. */
  private static final class Run {
    final List<String> inputs = new ArrayList<>();

    /** The linked symbols, made when the report is first asked for them. */
    Supplier<List<LinkedSymbol>> symbols = List::of;

    /** Where each declaration of the main module that a definition replaced is, by output name. */
    Map<String, SourceLocation> replaced = Map.of();

    /** The files this link read, by identity: the planners tell inputs apart that way. */
    private final Set<MlirFile> files = Collections.newSetFromMap(new IdentityHashMap<>());

    /**
     * Reads an input and lists it for the report: the main module, each link module and each file
     * the library search finds all come through here.
     */
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
  private void readLinkModules(Run run, List<Diagnostic> errors, Consumer<MlirFile> use) {
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
    LibrarySearch library = new LibrarySearch(libraryPaths, linkModules, index, run::read, errors);
    LinkPlan plan = LinkPlanner.plan(target, index, library, errors);
    run.symbols = plan.linkedSymbols();
    run.replaced = replacedDeclarations(plan);
    return errors.isEmpty() ? ModuleWriter.write(plan) : null;
  }

  private Output linkBundle(Run run, List<Diagnostic> errors) {
    List<MlirFile> files = new ArrayList<>();
    readLinkModules(run, errors, files::add);
    if (!errors.isEmpty()) {
      return null;
    }
    BundlePlanner.BundlePlan plan = BundlePlanner.plan(files, errors);
    run.symbols = plan::symbols;
    return errors.isEmpty() ? ModuleWriter.write(plan) : null;
  }

  /**
   * The names of the public function definitions at the top level of a module, as {@code iree-link
   * --list-symbols} prints them (declarations, executables and globals left out).
   *
   * <pre>{@code
   * SymbolListing listing = Linker.listPublicSymbols(Source.of(Path.of("math.mlir")));
   * listing.symbols();   // [add, scale]
   * }</pre>
   *
   * @param source the module to list
   * @return the names, or the diagnostic of a file that does not read
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
    /**
     * A listing; both lists are copied.
     *
     * @param symbols the names, unqualified, in file order
     * @param diagnostics why the listing failed, if it did
     */
    public SymbolListing {
      symbols = List.copyOf(symbols);
      diagnostics = List.copyOf(diagnostics);
    }

    /**
     * Whether the file was read and listed.
     *
     * @return true when there are no diagnostics
     */
    public boolean succeeded() {
      return diagnostics.isEmpty();
    }
  }

  /** Collects a link's inputs and options. */
  public static final class Builder {
    private Source main;
    private final ImmutableList.Builder<Source> linkModules = ImmutableList.builder();
    private final ImmutableList.Builder<Path> libraryPaths = ImmutableList.builder();
    private boolean bundle;

    private Builder() {}

    /**
     * The module to complete (iree-link's INPUT).
     *
     * @param source the main module
     * @return this builder
     */
    public Builder main(Source source) {
      this.main = checkNotNull(source, "source");
      return this;
    }

    /**
     * A module to link from (iree-link's {@code --link-module}); order matters.
     *
     * @param source a module whose definitions the main module may use
     * @return this builder
     */
    public Builder linkModule(Source source) {
      linkModules.add(checkNotNull(source, "source"));
      return this;
    }

    /**
     * A directory searched for modules by name (iree-link's {@code --library-path}).
     *
     * @param directory a folder of components; it must exist when the link runs
     * @return this builder
     */
    public Builder libraryPath(Path directory) {
      libraryPaths.add(checkNotNull(directory, "directory"));
      return this;
    }

    /**
     * Bundle all link modules into one module instead of completing a main module; a bundle takes
     * no {@link #main}.
     *
     * @param bundle whether to bundle
     * @return this builder
     */
    public Builder bundle(boolean bundle) {
      this.bundle = bundle;
      return this;
    }

    /**
     * The linker for what was given.
     *
     * @return a linker, ready to {@link Linker#link()} any number of times
     * @throws IllegalStateException without a main module when not bundling, or with one when
     *     bundling (a bundle's inputs are its link modules; a main module would be left out)
     */
    public Linker build() {
      checkState(bundle || main != null, "a main module is required unless bundling");
      checkState(
          !bundle || main == null,
          "a bundle takes no main module: give %s as a link module",
          main == null ? null : main.name());
      return new Linker(this);
    }
  }

  /**
   * The main module's declarations that linked definitions replaced, by name: what {@link
   * LinkReport#replacedDeclaration} answers from. They are the plan's replacements.
   */
  private static Map<String, SourceLocation> replacedDeclarations(LinkPlan plan) {
    Map<String, SourceLocation> places = new HashMap<>();
    for (Operation declaration : plan.replacements().keySet()) {
      places.putIfAbsent(
          declaration.symbolName().orElseThrow(),
          declaration.source().locationOf(declaration.nameOffset()));
    }
    return places;
  }
}
