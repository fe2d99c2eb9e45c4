package org.mlirlink.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.mlirlink.LinkResult;
import org.mlirlink.Linker;
import org.mlirlink.Source;
import org.mlirlink.diagnostic.Diagnostic;
import org.mlirlink.diagnostic.DiagnosticException;
import org.mlirlink.model.SourceText;
import org.mlirlink.report.LinkReport;
import org.mlirlink.write.bytecode.BytecodeWriter;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code mlir-link} / {@code iree-link} command: iree-link's flags over {@link Linker}. The
 * library reads the inputs; this command reads standard input, writes every output (through {@link
 * StagedFiles}) and everything on the console. Its options are declared in {@link CommandOptions},
 * from which its picocli model is built in code.
 */
public final class LinkCommand implements Callable<Integer> {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  /** 128 + SIGPIPE: what a shell reports for a command that a closed pipe stopped. */
  static final int BROKEN_PIPE = 141;

  /** The inputs, read ahead while picocli starts. */
  private final Prefetch prefetch;

  /** The command's picocli model, holding the values the command line gave. */
  private CommandSpec spec;

  // The values of the options, taken from the model when the command runs.
  private String input;
  private List<String> linkModules;
  private List<Path> libraryPaths;
  private String output;
  private boolean listSymbols;
  private boolean bundle;
  private boolean outputBytecode;
  private String dependencyFile;
  private String dependencyTarget;
  private String linkMap;
  private String jsonReport;
  private List<String> why;

  private LinkCommand(Prefetch prefetch) {
    this.prefetch = prefetch;
  }

  /** Runs the command line {@code args} as a process, exiting with its code. */
  public static void main(String[] args) {
    // Made first, so that saying it needs no memory: a heap too small may run out before the link
    // starts (in picocli, say), outside call()'s own handler, which would print a stack trace.
    String outOfMemory = outOfMemoryMessage();
    int code;
    try {
      StagedFiles.standardOutput = new FileOutputStream(FileDescriptor.out);
      code = run(args);
    } catch (OutOfMemoryError e) {
      System.err.println(outOfMemory);
      System.err.flush();
      code = FAILED;
    }
    // A success returns: the JVM then ends as System.exit would (every thread left is a daemon,
    // and the shutdown hooks run), without the exit's debug log, which looks up a logging back
    // end on the class path at every exit (a few milliseconds of a 70 ms start).
    if (code != 0) {
      System.exit(code);
    }
  }

  /** The one line an out-of-memory error prints, naming the heap the JVM has. */
  private static String outOfMemoryMessage() {
    return "error: out of memory: this link needs more than the "
        + (Runtime.getRuntime().maxMemory() >> 20)
        + " MB of Java heap the JVM was given; give it more with MLIR_LINK_JAVA_OPTS=-Xmx4g"
        + " (or more)";
  }

  /** Runs the command and returns its exit code (for tests and embedding). */
  public static int run(String... args) {
    CommandLine commandLine = commandLine(Prefetch.start(args), CheckCommand.isNamedBy(args));
    return commandLine.execute(CommandOptions.withLlvmStyleOptions(args));
  }

  /**
   * The command, set up to report errors in the compiler style, its inputs read by {@code
   * prefetch}; with the {@code check} subcommand when {@code check} (the first argument names it).
   */
  static CommandLine commandLine(Prefetch prefetch, boolean check) {
    LinkCommand command = new LinkCommand(prefetch);
    command.spec = model(command);
    CommandLine commandLine = new CommandLine(command.spec);
    if (check) {
      // Before the settings below, which picocli copies only to the subcommands it has by then.
      // Registered only when named: a link would pay for building its model at every start, and
      // a value or a second argument named check would no longer be a file.
      commandLine.addSubcommand(CheckCommand.NAME, new CheckCommand());
    }
    // The launchers say which name the user typed (bin/iree-link or bin/mlir-link).
    commandLine.setCommandName(System.getProperty("mlirlink.command", "mlir-link"));
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    // Usage errors in the compiler style (one "error:" line and a hint), not the whole help text.
    commandLine.setParameterExceptionHandler(
        (exception, args) -> {
          CommandLine cmd = exception.getCommandLine();
          List<String> lines = UsageErrors.describe(exception, args);
          cmd.getErr().println("error: " + lines.get(0));
          lines.subList(1, lines.size()).forEach(cmd.getErr()::println);
          cmd.getErr()
              .println(
                  "Try '"
                      + cmd.getCommandSpec().qualifiedName()
                      + " --help' for more information.");
          cmd.getErr().flush();
          return cmd.getCommandSpec().exitCodeOnInvalidInput();
        });
    // Help in LLVM's style, as iree-link shows it: "-o <file>", "--link-module <file>". Only the
    // help's rendering reads the separator from here: the command line is parsed by then, and
    // "--opt=value" is still taken.
    commandLine.setHelpFactory(
        (spec, colors) -> {
          spec.parser().separator(" ");
          if (spec.parent() == null) {
            return rootHelp(spec, colors);
          }
          return new CommandLine.Help(spec, colors);
        });
    commandLine.setExecutionExceptionHandler(
        (exception, cmd, parseResult) -> {
          cmd.getErr().println("error: " + exception.getMessage());
          return FAILED;
        });
    return commandLine;
  }

  /** The picocli model of {@code command}, built from {@link CommandOptions#LINK}. */
  private static CommandSpec model(LinkCommand command) {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(command);
    spec.name("mlir-link").versionProvider(new Version());
    spec.usageMessage()
        .sortOptions(false)
        .autoWidth(true)
        .description(
            "Links MLIR modules: resolves the external declarations of INPUT against other modules"
                + " and writes one module. A drop-in for IREE's iree-link.",
            "",
            "Example:",
            "  ${COMMAND-NAME} main.mlir --link-module a.mlir --link-module b.mlir -o out.mlir",
            "")
        .commandListHeading("%nCommands:%n")
        .exitCodeListHeading("%nExit codes:%n")
        .exitCodeList(
            linkedMap(
                "0", "linked (or listed) successfully",
                "1", "an input or link error",
                "2", "bad usage",
                "141",
                    "standard output's reader stopped reading (| head), as for a process killed by"
                        + " SIGPIPE"));
    spec.addPositional(
        CommandLine.Model.PositionalParamSpec.builder()
            .index("0")
            .arity("0..1")
            .paramLabel("INPUT")
            .type(String.class)
            .defaultValue("-")
            .description(
                "The module to complete; '-' reads standard input (default: ${DEFAULT-VALUE}).",
                "A file named check is given as ./check: as the first argument, check runs the"
                    + " check command.")
            .build());
    for (CommandOptions.Declared option : CommandOptions.LINK) {
      spec.addOption(CommandOptions.spec(option));
    }
    return spec;
  }

  private static Map<String, String> linkedMap(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  /** Takes the values the command line gave from the model. */
  private void readOptions() {
    input = spec.positionalParameters().get(0).getValue();
    linkModules = CommandOptions.value(spec, "--link-module");
    libraryPaths = CommandOptions.value(spec, "--library-path");
    output = CommandOptions.value(spec, "-o");
    listSymbols = CommandOptions.value(spec, "--list-symbols");
    bundle = CommandOptions.value(spec, "--bundle");
    outputBytecode = CommandOptions.value(spec, "--output-bytecode");
    dependencyFile = CommandOptions.value(spec, "--depfile");
    dependencyTarget = CommandOptions.value(spec, "--depfile-target");
    linkMap = CommandOptions.value(spec, "--link-map");
    jsonReport = CommandOptions.value(spec, "--json-report");
    why = CommandOptions.value(spec, "--why");
  }

  /**
   * The help of the link command, listing {@code check} (registered now if the command line did not
   * name it) without picocli's {@code [COMMAND]} after INPUT in the synopsis: the subcommand is
   * taken only as the first argument.
   */
  private static CommandLine.Help rootHelp(
      CommandLine.Model.CommandSpec spec, CommandLine.Help.ColorScheme colors) {
    if (!spec.subcommands().containsKey(CheckCommand.NAME)) {
      spec.commandLine().addSubcommand(CheckCommand.NAME, new CheckCommand());
    }
    return new CommandLine.Help(spec, colors) {
      @Override
      protected CommandLine.Help.Ansi.Text createDetailedSynopsisCommandText() {
        return ansi().new Text(0);
      }
    };
  }

  @Override
  public Integer call() throws IOException {
    readOptions();
    // Made before the link, so that saying it needs no memory: inputs read ahead on another
    // thread may still hold the heap when the error comes.
    String outOfMemory = outOfMemoryMessage();
    PrintWriter err = null;
    try {
      err = spec.commandLine().getErr();
      return linkAndWrite(err);
    } catch (OutOfMemoryError e) {
      // Every staged output is gone already (StagedFiles deletes them as the error passes).
      if (err != null) {
        err.println(outOfMemory);
        err.flush();
      } else {
        System.err.println(outOfMemory);
        System.err.flush();
      }
      return FAILED;
    }
  }

  private int linkAndWrite(PrintWriter err) throws IOException {
    if (bundle && spec.commandLine().getParseResult().hasMatchedPositional(0)) {
      throw UsageErrors.bundleWithInputs(spec.commandLine(), List.of(input));
    }
    if (listSymbols) {
      List<String> reports = new ArrayList<>(reportFiles().keySet());
      if (!why.isEmpty()) {
        reports.add("--why");
      }
      if (!reports.isEmpty()) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "--list-symbols prints only the listing; it cannot be combined with " + reports.get(0));
      }
      return listSymbols(err);
    }
    if (dependencyFile != null && dependencyTarget == null && writesToStandardOutput(output)) {
      // A rule for target "-" would tell Make nothing; the build knows what it redirects to.
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--depfile needs --depfile-target NAME when the output goes to standard output");
    }
    Map<String, String> files = new LinkedHashMap<>();
    files.put("-o", output);
    files.putAll(reportFiles());
    List<String> onStandardOutput = new ArrayList<>();
    files.forEach(
        (option, name) -> {
          if (name.equals("-")) {
            onStandardOutput.add(option);
          }
        });
    if (onStandardOutput.size() > 1) {
      // Two texts one after the other on one stream: no reader could take them apart. Checked
      // before the link, so that a failed link does not write one of them after all.
      err.println(
          "error: cannot write '-': standard output is named by two outputs ("
              + String.join(" and ", onStandardOutput)
              + ")");
      err.flush();
      return FAILED;
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
      if (jsonReport != null) {
        // The report says why the link failed, for tools that read it instead of the terminal.
        writeOutputs(
            err,
            List.of(
                new Output("--json-report", jsonReport, text(() -> result.report().json(null)))));
      }
      return FAILED;
    }
    return write(result, err);
  }

  /** The report files asked for, by the option that asked: --depfile, --link-map, --json-report. */
  private Map<String, String> reportFiles() {
    Map<String, String> files = new LinkedHashMap<>();
    if (dependencyFile != null) {
      files.put("--depfile", dependencyFile);
    }
    if (linkMap != null) {
      files.put("--link-map", linkMap);
    }
    if (jsonReport != null) {
      files.put("--json-report", jsonReport);
    }
    return files;
  }

  private static boolean writesToStandardOutput(String name) {
    return name.equals("-")
        || Path.of(name).toAbsolutePath().normalize().equals(Path.of("/dev/stdout"));
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
    return writeOutputs(err, List.of(new Output("--list-symbols", "-", text(text.toString()))));
  }

  private Source source(String name) throws IOException {
    if (name.equals("-")) {
      if (System.console() != null) {
        // Like iree-link: a command waiting on a terminal looks stuck, so say what it waits for.
        System.err.println("(reading the input from standard input; end it with Ctrl-D)");
      }
      return Source.of("<stdin>", System.in.readAllBytes());
    }
    if (name.isEmpty()) {
      // Path.of("") is the working directory, which would be reported as "it is a directory".
      throw new CommandLine.ParameterException(spec.commandLine(), "an input file name is empty");
    }
    return prefetch.source(name);
  }

  /** One output file: the option that asked for it, its name, what goes in it. */
  private record Output(String option, String name, StagedFiles.Content content) {}

  /** Writes the linked text and the reports asked for, then explains each {@code --why} name. */
  private int write(LinkResult result, PrintWriter err) {
    LinkReport report = result.report();
    List<Output> outputs = new ArrayList<>();
    boolean bytecode = outputBytecode || output.toLowerCase(Locale.ROOT).endsWith(".mlirbc");
    outputs.add(new Output("-o", output, bytecode ? bytecodeOf(result) : result::writeTo));
    // The reports are made as they are staged, inside writeOutputs: the library makes a report
    // when it is first asked for, reading the inputs again, and an input changed since the link
    // must be an error there, not an exception escaping the command.
    if (dependencyFile != null) {
      String target = dependencyTarget != null ? dependencyTarget : output;
      outputs.add(
          new Output("--depfile", dependencyFile, text(() -> report.makeDependencies(target))));
    }
    if (linkMap != null) {
      outputs.add(new Output("--link-map", linkMap, text(report::linkMap)));
    }
    if (jsonReport != null) {
      String named = output.equals("-") ? null : output;
      outputs.add(new Output("--json-report", jsonReport, text(() -> report.json(named))));
    }
    int written = writeOutputs(err, outputs);
    if (written != OK) {
      return written;
    }
    try {
      for (String name : why) {
        err.println(report.whyText(name));
      }
    } catch (DiagnosticException e) { // an input changed since the link, read again to explain
      err.print(e.diagnostic().format());
      return FAILED;
    } finally {
      err.flush();
    }
    return OK;
  }

  /**
   * The linked program as bytecode: its text is written to a temporary file (a program with large
   * resources is never held in memory), then written as bytecode. An op in custom form is an error
   * naming it and its place in that text, with what to do instead.
   */
  private static StagedFiles.Content bytecodeOf(LinkResult result) {
    return out -> {
      Path text = Files.createTempFile("mlir-link-", ".mlir");
      try {
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(text), 1 << 16)) {
          result.writeTo(file);
        }
        SourceText linked = SourceText.open("the linked output", text);
        try {
          BytecodeWriter.write(linked, out);
        } catch (DiagnosticException e) {
          throw new DiagnosticException(
              e.diagnostic()
                  .withNote(
                      "bytecode is written from generic form only: give the inputs as bytecode"
                          + " or print them with iree-opt --mlir-print-op-generic, or write text"
                          + " (-o NAME.mlir) to see the linked output"));
        } finally {
          linked.release();
        }
      } finally {
        Files.deleteIfExists(text);
      }
    };
  }

  /**
   * Writes each output through {@link StagedFiles}, {@code -} being standard output: on any error
   * no file is created or changed, and the error is printed. Returns the exit code.
   */
  private static int writeOutputs(PrintWriter err, List<Output> outputs) {
    StagedFiles files = new StagedFiles();
    try {
      for (Output output : outputs) {
        files.stage(output.name(), output.content());
      }
      files.commit();
      return OK;
    } catch (StagedFiles.BrokenPipe e) {
      return BROKEN_PIPE; // the reader has read what it wanted: nothing to report
    } catch (StagedFiles.Failure e) {
      err.println("error: " + e.getMessage());
      err.flush();
      return FAILED;
    } catch (DiagnosticException e) { // an input changed or vanished while it was copied out
      err.print(e.diagnostic().format());
      err.flush();
      return FAILED;
    } finally {
      files.discard();
    }
  }

  private static StagedFiles.Content text(String text) {
    return text(() -> text);
  }

  private static StagedFiles.Content text(Supplier<String> text) {
    return out -> out.write(text.get().getBytes(StandardCharsets.UTF_8));
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
        "mlir-link "
            + properties.getProperty("version", "unknown")
            + " (a pure-Java drop-in for iree-link)"
      };
    }
  }
}
