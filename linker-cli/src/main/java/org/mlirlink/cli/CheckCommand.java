package org.mlirlink.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mlirlink.LibraryFiles;
import org.mlirlink.diagnostic.Diagnostic;
import org.mlirlink.diagnostic.SourceLocation;
import org.mlirlink.workspace.CheckReport;
import org.mlirlink.workspace.Workspace;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mlir-link check DIR...}: every link diagnostic of a tree of components, from the library's
 * {@link Workspace}, printed in the compiler style with a summary; nothing is written. What a
 * component library's CI runs: exit code 0 when the tree would link cleanly, 1 when it would not.
 *
 * <pre>{@code
 * $ mlir-link check components --library-path third_party/components
 * components/moe/moe_ffn_block.mlir:9:21: error: type mismatch for ... [type-mismatch]
 * components/moe/mul_mat_id.mlir:12:19: note: defined here with type ...
 * 1 error in 1 file (5 files checked)
 * }</pre>
 *
 * <p>It is a subcommand of {@link LinkCommand} that only the first argument names: the link path
 * never builds it (see {@link #isNamedBy}).
 */
@Command(
    name = CheckCommand.NAME,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Reports every link diagnostic of the .mlir files under each DIR, writing nothing: what a"
          + " component library's CI runs.",
      "",
      "Each file is checked as a link of it would be: dotted declarations that resolve to nothing"
          + " or to a definition of another type, symbols defined twice, a module declared by two"
          + " files, a file that does not read. Modules are looked up in every DIR and every"
          + " --library-path. A DIR that is a file is checked alone (its folder is no root).",
      "",
      "Example:",
      "  ${COMMAND-FULL-NAME} components --library-path third_party/components",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no diagnostic",
      "1:a diagnostic, or a DIR or library path that cannot be used",
      "2:bad usage"
    })
final class CheckCommand implements Callable<Integer> {
  /** The subcommand's name, as the first argument. */
  static final String NAME = "check";

  // Each option's names, and whether it takes a value, are also in CommandOptions (which gives
  // one-dash spellings their second dash here too); a test keeps the two the same.
  @Parameters(
      arity = "1..*",
      paramLabel = "DIR",
      description = "A folder of components to check (every .mlir file under it), or one file.")
  private List<Path> dirs = new ArrayList<>();

  @Option(
      names = "--library-path",
      paramLabel = "<dir>",
      description =
          "A directory of modules the checked files may link against; its own files are read but"
              + " not reported on; repeatable.")
  private List<Path> libraryPaths = new ArrayList<>();

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  private boolean help;

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  /**
   * Whether {@code args} run this command: only when it is the first argument, so that every link
   * command line means what it did before (an INPUT or option value named check is still a file)
   * and the link path does not pay for building this command.
   */
  static boolean isNamedBy(String[] args) {
    return args.length > 0 && args[0].equals(NAME);
  }

  @Override
  public Integer call() {
    // Made before the check, so that saying it needs no memory (as for a link).
    String outOfMemory =
        "error: out of memory: checking these files needs more than the "
            + (Runtime.getRuntime().maxMemory() >> 20)
            + " MB of Java heap the JVM was given; give it more with MLIR_LINK_JAVA_OPTS=-Xmx4g"
            + " (or more)";
    PrintWriter err = spec.commandLine().getErr();
    try {
      return check(err);
    } catch (OutOfMemoryError e) {
      err.println(outOfMemory);
      return LinkCommand.FAILED;
    } finally {
      err.flush();
    }
  }

  private int check(PrintWriter err) {
    // Each root by its absolute, normalized path (as the workspace names its files), with the
    // name the command line gave it: files are reported under the names given, as a link does.
    Map<Path, Path> checked = new LinkedHashMap<>();
    Map<Path, Path> libraries = new LinkedHashMap<>();
    boolean usable = true;
    for (Path dir : dirs) {
      if (!Files.exists(dir)) {
        err.println("error: cannot check '" + dir + "': no such file or directory");
        usable = false;
      } else if (!Files.isDirectory(dir) && !LibraryFiles.isMlir(dir)) {
        // The workspace holds MLIR files only: such a file would be passed over in silence.
        err.println("error: cannot check '" + dir + "': it is not a .mlir or .mlirbc file");
        usable = false;
      }
      checked.putIfAbsent(absolute(dir), dir);
    }
    // Reported as a link reports them: a mistyped path would otherwise only show as unresolved
    // declarations, or not at all.
    for (Diagnostic problem : LibraryFiles.problems(libraryPaths)) {
      err.print(problem.format());
      usable = false;
    }
    for (Path dir : libraryPaths) {
      libraries.putIfAbsent(absolute(dir), dir);
    }
    if (!usable) {
      return LinkCommand.FAILED;
    }
    Map<Path, Path> given = new LinkedHashMap<>(checked);
    libraries.forEach(given::putIfAbsent);
    Workspace workspace = new Workspace(List.copyOf(given.keySet()));

    CheckReport report = workspace.check(List.copyOf(checked.keySet()));
    for (Path empty : report.emptyRoots()) {
      // A check of nothing would pass: a folder holding no .mlir file, or none readable.
      err.println(
          "error: cannot check '"
              + checked.get(empty)
              + "': found no .mlir file in it (or cannot read a folder in it)");
    }
    if (!report.emptyRoots().isEmpty()) {
      return LinkCommand.FAILED;
    }
    for (List<Diagnostic> list : report.files().values()) {
      for (Diagnostic diagnostic : list) {
        err.print(asGiven(diagnostic, given).formatWithCode());
      }
    }
    err.println(report.summary());
    return report.passed() ? LinkCommand.OK : LinkCommand.FAILED;
  }

  private static Path absolute(Path path) {
    return path.toAbsolutePath().normalize();
  }

  /** {@code diagnostic} with each file named as the command line gave its root. */
  private static Diagnostic asGiven(Diagnostic diagnostic, Map<Path, Path> given) {
    List<Diagnostic> notes = new ArrayList<>();
    for (Diagnostic note : diagnostic.related()) {
      notes.add(asGiven(note, given));
    }
    return new Diagnostic(
        diagnostic.severity(),
        diagnostic.code(),
        diagnostic.message(),
        placeAsGiven(diagnostic.location(), given),
        placeAsGiven(diagnostic.end(), given),
        diagnostic.sourceLine(),
        notes);
  }

  private static SourceLocation placeAsGiven(SourceLocation at, Map<Path, Path> given) {
    return at == null
        ? null
        : new SourceLocation(
            asGiven(Path.of(at.file()), given).toString(), at.line(), at.column(), at.offset());
  }

  /**
   * {@code file} under the name given to the innermost root holding it ({@code components} and
   * {@code moe/x.mlir}: {@code components/moe/x.mlir}); as it is when no root holds it.
   */
  private static Path asGiven(Path file, Map<Path, Path> given) {
    Path best = null;
    for (Path root : given.keySet()) {
      if (file.startsWith(root) && (best == null || root.getNameCount() > best.getNameCount())) {
        best = root;
      }
    }
    return best == null ? file : given.get(best).resolve(best.relativize(file));
  }
}
