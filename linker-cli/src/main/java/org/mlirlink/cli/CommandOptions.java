package org.mlirlink.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options of {@link LinkCommand} (and of {@link CheckCommand}, all of them also the link's) as
 * a plain table, for reading the raw arguments without picocli: {@link Prefetch} guesses the inputs
 * from them while picocli is still building its model from the annotations (on a cold JVM that
 * takes about as long as reading a 50 MB input), and the one-dash spellings iree-link takes are
 * rewritten before picocli sees them. The annotations stay what picocli parses and prints in the
 * help; a test checks that they and this table name the same options, with the same ones taking a
 * value.
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

  /** Every name of every option, as the command spells it, and whether the option takes a value. */
  private static final Map<String, Boolean> TAKES_VALUE =
      Map.ofEntries(
          Map.entry("--link-module", true),
          Map.entry("--library-path", true),
          Map.entry("-o", true),
          Map.entry("--list-symbols", false),
          Map.entry("--bundle", false),
          Map.entry("--output-bytecode", false),
          Map.entry("--depfile", true),
          Map.entry("--depfile-target", true),
          Map.entry("--link-map", true),
          Map.entry("--json-report", true),
          Map.entry("--why", true),
          Map.entry("-h", false),
          Map.entry("--help", false),
          Map.entry("-V", false),
          Map.entry("--version", false));

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
