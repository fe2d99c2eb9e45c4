package org.mlirlink.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.mlirlink.Diagnostic;
import org.mlirlink.LinkReport;
import org.mlirlink.LinkResult;
import org.mlirlink.Linker;
import org.mlirlink.Source;
import org.mlirlink.resolve.LinkedSymbol;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code mlir-link} / {@code iree-link} command: iree-link's flags over {@link Linker}. All
 * file and console work of the project happens here.
 */
@Command(
    name = "mlir-link",
    versionProvider = LinkCommand.Version.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Links MLIR modules: resolves the external declarations of INPUT against other modules and"
          + " writes one module. A drop-in for IREE's iree-link.",
      "",
      "Example:",
      "  ${COMMAND-NAME} main.mlir --link-module a.mlir --link-module b.mlir -o out.mlir",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:linked (or listed) successfully", "1:an input or link error", "2:bad usage"})
public final class LinkCommand implements Callable<Integer> {
  static final int OK = 0;
  static final int FAILED = 1;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "INPUT",
      description = "The module to complete; '-' reads standard input (default: ${DEFAULT-VALUE}).",
      defaultValue = "-")
  private String input;

  @Option(
      names = "--link-module",
      paramLabel = "FILE",
      description = "A module to link from; repeatable, searched in order.")
  private List<String> linkModules = new ArrayList<>();

  @Option(
      names = "--library-path",
      paramLabel = "DIR",
      description =
          "A directory to find modules in: @prefix.name is looked up in DIR/prefix.mlir, then in"
              + " any .mlir file under DIR declaring module @prefix; repeatable.")
  private List<Path> libraryPaths = new ArrayList<>();

  @Option(
      names = "-o",
      paramLabel = "FILE",
      defaultValue = "-",
      description = "Where to write the result; '-' is standard output (default: ${DEFAULT-VALUE}).")
  private String output;

  @Option(
      names = "--list-symbols",
      description = "Print the public function definitions of INPUT and exit.")
  private boolean listSymbols;

  @Option(
      names = "--bundle",
      description = "Bundle all --link-module files into one module (no INPUT).")
  private boolean bundle;

  @Option(
      names = "--output-bytecode",
      description = "Write MLIR bytecode (not supported: the output is always text).")
  private boolean outputBytecode;

  @Option(
      names = "--depfile",
      paramLabel = "FILE",
      description = "Also write a Make rule 'OUTPUT: INPUT...' naming every file the link read.")
  private String dependencyFile;

  @Option(
      names = "--link-map",
      paramLabel = "FILE",
      description = "Also write a link map: each linked op's output name, source name and place, and what needed it.")
  private String linkMap;

  @Option(
      names = "--json-report",
      paramLabel = "FILE",
      description = "Also write the link map and the files read as JSON.")
  private String jsonReport;

  @Option(
      names = "--why",
      paramLabel = "NAME",
      description = "Print (to standard error) the chain of uses that pulled @NAME into the output; repeatable.")
  private List<String> why = new ArrayList<>();

  // --help and --version as plain options: picocli's standard-help mixin costs a second
  // reflective scan of an annotated class at every start.
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  private boolean help;

  @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print version information and exit.")
  private boolean version;

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  /** The inputs, read ahead while picocli starts. */
  private final Prefetch prefetch;

  private LinkCommand(Prefetch prefetch) {
    this.prefetch = prefetch;
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command and returns its exit code (for tests and embedding). */
  public static int run(String... args) {
    CommandLine commandLine = commandLine(Prefetch.start(args));
    return commandLine.execute(withLlvmStyleOptions(commandLine, args));
  }

  /** The command, set up to report errors in the compiler style, its inputs read by {@code prefetch}. */
  static CommandLine commandLine(Prefetch prefetch) {
    CommandLine commandLine = new CommandLine(new LinkCommand(prefetch));
    // The launchers say which name the user typed (bin/iree-link or bin/mlir-link).
    commandLine.setCommandName(System.getProperty("mlirlink.command", "mlir-link"));
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    // Usage errors in the compiler style (one "error:" line and a hint), not the whole help text.
    commandLine.setParameterExceptionHandler(
        (exception, args1) -> {
          CommandLine cmd = exception.getCommandLine();
          cmd.getErr().println("error: " + exception.getMessage());
          cmd.getErr().println("Try '" + cmd.getCommandName() + " --help' for more information.");
          cmd.getErr().flush();
          return cmd.getCommandSpec().exitCodeOnInvalidInput();
        });
    commandLine.setExecutionExceptionHandler(
        (exception, cmd, parseResult) -> {
          cmd.getErr().println("error: " + exception.getMessage());
          return FAILED;
        });
    return commandLine;
  }

  /**
   * iree-link parses its options with LLVM's parser, which takes {@code -link-module} as well as
   * {@code --link-module}, so scripts written for it use either: give each one-dash spelling of a
   * long option of this command its second dash (and leave everything else, such as {@code -o},
   * alone).
   */
  static String[] withLlvmStyleOptions(CommandLine commandLine, String[] args) {
    java.util.Set<String> longNames = new java.util.HashSet<>();
    for (CommandLine.Model.OptionSpec option : commandLine.getCommandSpec().options()) {
      for (String name : option.names()) {
        if (name.startsWith("--")) {
          longNames.add(name.substring(2));
        }
      }
    }
    String[] out = args.clone();
    for (int i = 0; i < out.length; i++) {
      String arg = out[i];
      if (arg.equals("--")) {
        break;
      }
      if (arg.startsWith("-") && !arg.startsWith("--")) {
        int eq = arg.indexOf('=');
        if (longNames.contains(arg.substring(1, eq < 0 ? arg.length() : eq))) {
          out[i] = "-" + arg;
        }
      }
    }
    return out;
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    if (outputBytecode || output.toLowerCase(java.util.Locale.ROOT).endsWith(".mlirbc")) {
      err.println("error: MLIR bytecode output is not supported; mlir-link writes MLIR text"
          + " (drop --output-bytecode and use an -o name ending in .mlir)");
      err.flush();
      return FAILED;
    }
    if (bundle && spec.commandLine().getParseResult().hasMatchedPositional(0)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--bundle takes no INPUT");
    }
    if (listSymbols) {
      return listSymbols(err);
    }
    Linker.Builder linker = Linker.builder().bundle(bundle);
    if (!bundle) {
      linker.main(source(input));
    }
    for (String module : linkModules) {
      linker.linkModule(source(module));
    }
    libraryPaths.forEach(linker::libraryPath);
    LinkResult result = linker.build().link();
    for (Diagnostic diagnostic : result.diagnostics()) {
      err.print(diagnostic.format());
    }
    err.flush();
    if (!result.succeeded()) {
      return FAILED;
    }
    return write(result, err);
  }

  private int listSymbols(PrintWriter err) throws IOException {
    Linker.SymbolListing listing = Linker.listPublicSymbols(source(input));
    if (!listing.succeeded()) {
      listing.diagnostics().forEach(d -> err.print(d.format()));
      err.flush();
      return FAILED;
    }
    StringBuilder text = new StringBuilder("Public symbols in " + input + ":\n");
    for (String symbol : listing.symbols()) {
      text.append("  @").append(symbol).append('\n');
    }
    return writeOutputs(err, List.of(Map.entry("-", text(text.toString()))));
  }

  private Source source(String name) throws IOException {
    if (name.equals("-")) {
      if (System.console() != null) {
        // Like iree-link: a command waiting on a terminal looks stuck, so say what it waits for.
        System.err.println("(reading the input from standard input; end it with Ctrl-D)");
      }
      return Source.of("<stdin>", System.in.readAllBytes());
    }
    return prefetch.source(name);
  }

  /** Writes the linked text and the reports asked for, then explains each {@code --why} name. */
  private int write(LinkResult result, PrintWriter err) {
    LinkReport report = result.report();
    List<Map.Entry<String, StagedFiles.Content>> outputs = new ArrayList<>();
    outputs.add(Map.entry(output, result::writeTo));
    if (dependencyFile != null) {
      outputs.add(Map.entry(dependencyFile, text(report.makeDependencies(output))));
    }
    if (linkMap != null) {
      outputs.add(Map.entry(linkMap, text(report.linkMap())));
    }
    if (jsonReport != null) {
      outputs.add(Map.entry(jsonReport, text(report.json())));
    }
    if (writeOutputs(err, outputs) != OK) {
      return FAILED;
    }
    for (String name : why) {
      err.println(explain(report, name));
    }
    err.flush();
    return OK;
  }

  /**
   * Writes each (name, content) through {@link StagedFiles}, {@code -} being standard output: on
   * any error no file is created or changed, and the error is printed.
   */
  private static int writeOutputs(PrintWriter err, List<Map.Entry<String, StagedFiles.Content>> outputs) {
    StagedFiles files = new StagedFiles();
    try {
      for (Map.Entry<String, StagedFiles.Content> output : outputs) {
        files.stage(output.getKey(), output.getValue());
      }
      files.commit();
      return OK;
    } catch (StagedFiles.Failure e) {
      err.println("error: " + e.getMessage());
      err.flush();
      return FAILED;
    } finally {
      files.discard();
    }
  }

  private static String explain(LinkReport report, String name) {
    String bare = name.startsWith("@") ? name.substring(1) : name;
    return report.why(bare)
        .map(chain -> {
          StringBuilder text = new StringBuilder("why @" + bare + ":");
          for (LinkedSymbol link : chain) {
            text.append("\n  @").append(link.name()).append(" (").append(link.sourceName())
                .append(" at ").append(link.definedAt()).append(")")
                .append(link.neededBy() == null
                    ? " replaces a declaration of the input" : " is used by @" + link.neededBy());
          }
          return text.toString();
        })
        .orElse("why @" + bare + ": not linked (it is not in the output, or it is the input's own)");
  }

  private static StagedFiles.Content text(String text) {
    return out -> out.write(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Reads the version Maven wrote into the jar. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties properties = new Properties();
      try (InputStream in = LinkCommand.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          properties.load(in);
        }
      }
      return new String[] {
        "mlir-link " + properties.getProperty("version", "unknown")
            + " (a pure-Java drop-in for iree-link)"
      };
    }
  }
}
