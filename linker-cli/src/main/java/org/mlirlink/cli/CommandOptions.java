package org.mlirlink.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The options of {@link LinkCommand}, declared once as a plain table: picocli's model of the
 * command is built from it in code (on a cold JVM, building that model from annotations took 40 ms,
 * a third of a small link), and {@link Prefetch} reads the raw arguments with it to guess the
 * inputs before picocli has started. The options of {@link CheckCommand} are also the link's, so
 * the one-dash spellings iree-link takes are rewritten for both before picocli sees them.
 *
 * <pre>{@code
 * CommandOptions.takesValue("-o");                        // true
 * CommandOptions.withLlvmStyleOptions(new String[] {"-link-module=a.mlir", "--", "-why"});
 *                                          // ["--link-module=a.mlir", "--", "-why"]
 * }</pre>
 */
final class CommandOptions {
  /** The end of options: every argument after it is a file name, even one starting with '-'. */
  static final String END_OF_OPTIONS = "--";

  /** What an option takes, and so how picocli reads it and how the command reads its value. */
  enum Kind {
    /** No value: true when given. */
    FLAG,
    /** One value, a string. */
    VALUE,
    /** A value each time it is given, strings in order. */
    VALUES,
    /** A value each time it is given, paths in order. */
    PATHS,
    /** No value: prints the help and exits. */
    HELP,
    /** No value: prints the version and exits. */
    VERSION;

    boolean takesValue() {
      return this == VALUE || this == VALUES || this == PATHS;
    }
  }

  /** One option: its names, what it takes, its value's label and default, and its help text. */
  record Declared(
      List<String> names, Kind kind, String label, String defaultValue, String description) {}

  /** The link's options, in the order the help lists them. */
  static final List<Declared> LINK =
      List.of(
          new Declared(
              List.of("--link-module"),
              Kind.VALUES,
              "<file>",
              null,
              "A module to link from; repeatable, searched in order."),
          new Declared(
              List.of("--library-path"),
              Kind.PATHS,
              "<dir>",
              null,
              "A directory to find modules in: @prefix.name is looked up in DIR/prefix.mlir, then"
                  + " in any .mlir file under DIR declaring module @prefix; repeatable."),
          new Declared(
              List.of("-o"),
              Kind.VALUE,
              "<file>",
              "-",
              "Where to write the result; '-' is standard output (default: ${DEFAULT-VALUE})."),
          new Declared(
              List.of("--list-symbols"),
              Kind.FLAG,
              null,
              null,
              "Print the public function definitions of INPUT and exit."),
          new Declared(
              List.of("--bundle"),
              Kind.FLAG,
              null,
              null,
              "Bundle all --link-module files into one module (no INPUT)."),
          new Declared(
              List.of("--output-bytecode"),
              Kind.FLAG,
              null,
              null,
              "Write MLIR bytecode (as an -o name ending in .mlirbc does); every op of the output"
                  + " must be in generic form, as it is when the inputs are bytecode."),
          new Declared(
              List.of("--depfile"),
              Kind.VALUE,
              "<file>",
              null,
              "Also write a Make rule 'OUTPUT: INPUT...' naming every file the link read."),
          new Declared(
              List.of("--depfile-target"),
              Kind.VALUE,
              "<name>",
              null,
              "The target the --depfile rule names (default: the -o file; required with -o -)."),
          new Declared(
              List.of("--link-map"),
              Kind.VALUE,
              "<file>",
              null,
              "Also write a link map: each linked op's output name, source name and place, and"
                  + " what needed it."),
          new Declared(
              List.of("--json-report"),
              Kind.VALUE,
              "<file>",
              null,
              "Also write the link map, the files read and any errors as JSON (also when the link"
                  + " fails)."),
          new Declared(
              List.of("--why"),
              Kind.VALUES,
              "<name>",
              null,
              "Print (to standard error) the chain of uses that pulled @NAME into the output; NAME"
                  + " is its output name or its name where it came from; repeatable."),
          new Declared(
              List.of("-h", "--help"), Kind.HELP, null, null, "Show this help message and exit."),
          new Declared(
              List.of("-V", "--version"),
              Kind.VERSION,
              null,
              null,
              "Print version information and exit."));

  /** Every name of every option, as the command spells it, and whether the option takes a value. */
  private static final Map<String, Boolean> TAKES_VALUE = takesValueByName();

  private static Map<String, Boolean> takesValueByName() {
    Map<String, Boolean> byName = new HashMap<>();
    for (Declared option : LINK) {
      for (String name : option.names()) {
        byName.put(name, option.kind().takesValue());
      }
    }
    return Map.copyOf(byName);
  }

  /**
   * picocli's model of {@code option}. The value lives in the model (picocli's default binding):
   * the command reads it from there after parsing, with {@link #value}.
   */
  static OptionSpec spec(Declared option) {
    OptionSpec.Builder builder =
        OptionSpec.builder(option.names().toArray(String[]::new))
            .description(option.description())
            .defaultValue(option.defaultValue());
    if (option.label() != null) {
      builder.paramLabel(option.label());
    }
    switch (option.kind()) {
      case FLAG -> builder.arity("0").type(boolean.class).initialValue(false);
      case HELP -> builder.arity("0").type(boolean.class).initialValue(false).usageHelp(true);
      case VERSION -> builder.arity("0").type(boolean.class).initialValue(false).versionHelp(true);
      case VALUE -> builder.arity("1").type(String.class);
      case VALUES ->
          builder
              .arity("1")
              .type(List.class)
              .auxiliaryTypes(String.class)
              .initialValue(new ArrayList<String>());
      case PATHS ->
          builder
              .arity("1")
              .type(List.class)
              .auxiliaryTypes(Path.class)
              .initialValue(new ArrayList<Path>());
    }
    return builder.build();
  }

  /** The value the command line gave the option named {@code name} of {@code command}. */
  static <T> T value(CommandSpec command, String name) {
    return command.findOption(name).getValue();
  }

  private CommandOptions() {}

  /** Every option name the command takes, such as {@code -o} and {@code --link-module}. */
  static Set<String> names() {
    return TAKES_VALUE.keySet();
  }

  /**
   * Whether {@code name}, spelled as the command spells it ({@code -o}, {@code --why}), is an
   * option that takes a value (so that in {@code -o out.mlir} the name after it is not an input);
   * false for a name that is no option.
   */
  static boolean takesValue(String name) {
    return TAKES_VALUE.getOrDefault(name, false);
  }

  /**
   * The arguments before {@link #END_OF_OPTIONS} (all of them when there is none), each one-dash
   * spelling of a long option given its second dash (see {@link #withLlvmStyleOptions}).
   */
  static List<String> optionArguments(String[] args) {
    List<String> out = new ArrayList<>();
    for (String arg : args) {
      if (arg.equals(END_OF_OPTIONS)) {
        break;
      }
      out.add(withSecondDash(arg));
    }
    return out;
  }

  /**
   * The arguments of {@code args} that are neither options nor option values: INPUT and any more
   * files given where the command takes none (every argument after {@link #END_OF_OPTIONS}).
   */
  static List<String> positionals(String[] args) {
    List<String> options = optionArguments(args);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < options.size(); i++) {
      String arg = options.get(i);
      if (arg.startsWith("-") && !arg.equals("-")) {
        if (!arg.contains("=") && takesValue(arg)) {
          i++; // its value
        }
      } else {
        out.add(arg);
      }
    }
    for (int i = options.size() + 1; i < args.length; i++) {
      out.add(args[i]);
    }
    return out;
  }

  /**
   * iree-link parses its options with LLVM's parser, which takes {@code -link-module} as well as
   * {@code --link-module}, so scripts written for it use either: gives each one-dash spelling of a
   * long option its second dash, before {@link #END_OF_OPTIONS} only, and leaves everything else,
   * such as {@code -o}, alone.
   */
  static String[] withLlvmStyleOptions(String[] args) {
    String[] out = args.clone();
    List<String> options = optionArguments(args);
    for (int i = 0; i < options.size(); i++) {
      out[i] = options.get(i);
    }
    return out;
  }

  private static String withSecondDash(String arg) {
    if (!arg.startsWith("-") || arg.startsWith("--")) {
      return arg;
    }
    int eq = arg.indexOf('=');
    String name = "-" + arg.substring(0, eq < 0 ? arg.length() : eq);
    return TAKES_VALUE.containsKey(name) ? "-" + arg : arg;
  }
}
