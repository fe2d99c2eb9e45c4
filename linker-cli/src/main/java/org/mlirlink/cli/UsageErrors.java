package org.mlirlink.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.mlirlink.model.Suggestions;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What the command says about a command line it cannot use: the error, and what to type instead
 * when there is a likely answer (the option a mistyped one resembles, {@code --link-module} for a
 * file given where none is taken).
 *
 * <pre>{@code
 * $ mlir-link main.mlir --link-modul a.mlir
 * error: Unknown option: '--link-modul'
 * did you mean --link-module?
 * $ mlir-link --bundle a.mlir
 * error: --bundle takes no INPUT
 * a bundle takes its inputs as --link-module: did you mean --link-module a.mlir?
 * }</pre>
 */
final class UsageErrors {
  /** A file name a shell takes as one word as it is, needing no quotes. */
  private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_./:=+,@%-]+");

  private UsageErrors() {}

  /** A usage error found after parsing, with what to type instead. */
  static final class Hinted extends CommandLine.ParameterException {
    private static final long serialVersionUID = 1L;

    final String hint;

    Hinted(CommandLine commandLine, String message, String hint) {
      super(commandLine, message);
      this.hint = hint;
    }
  }

  /** The error for a bundle given INPUT and possibly more files: {@code inputs}. */
  static Hinted bundleWithInputs(CommandLine commandLine, List<String> inputs) {
    return new Hinted(commandLine, "--bundle takes no INPUT", bundleHint(inputs));
  }

  /**
   * The lines to print for {@code exception} (raised for the command line {@code args}): the error
   * message (without "error: ") and a hint when there is one.
   */
  static List<String> describe(CommandLine.ParameterException exception, String[] args) {
    if (exception instanceof Hinted hinted) {
      return List.of(hinted.getMessage(), hinted.hint);
    }
    if (!(exception instanceof CommandLine.UnmatchedArgumentException unmatched)
        || unmatched.getUnmatched().isEmpty()) {
      return List.of(exception.getMessage());
    }
    List<String> unknown = unknownOptions(unmatched.getUnmatched(), args);
    if (!unknown.isEmpty()) {
      // Only the options: the other arguments picocli could not place are most likely their
      // values (--link-modul a.mlir, with INPUT given), and would be reported as unknown options.
      List<String> lines = new ArrayList<>();
      lines.add(
          (unknown.size() == 1 ? "Unknown option: '" : "Unknown options: '")
              + String.join("', '", unknown)
              + "'");
      optionsLike(unknown.get(0), exception.getCommandLine().getCommandSpec().options())
          .ifPresent(lines::add);
      return lines;
    }
    List<String> options = CommandOptions.optionArguments(args);
    if (options.contains("--bundle")) {
      return List.of("--bundle takes no INPUT", bundleHint(CommandOptions.positionals(args)));
    }
    // Not picocli's message, which calls a file given after "--" an unknown option when it starts
    // with '-'.
    List<String> extra = unmatched.getUnmatched();
    return List.of(
        (extra.size() == 1 ? "Unmatched argument: '" : "Unmatched arguments: '")
            + String.join("', '", extra)
            + "'",
        "only one INPUT is linked into; give each module to link from with --link-module "
            + shellWord(extra.get(0)));
  }

  /**
   * The arguments of {@code unmatched} that are options: those starting with '-' (not '-' alone,
   * standard input) given before {@link CommandOptions#END_OF_OPTIONS}.
   */
  private static List<String> unknownOptions(List<String> unmatched, String[] args) {
    List<String> options = CommandOptions.optionArguments(args);
    List<String> unknown = new ArrayList<>();
    for (String arg : unmatched) {
      if (arg.startsWith("-") && arg.length() > 1 && options.contains(arg)) {
        unknown.add(arg);
      }
    }
    return unknown;
  }

  /**
   * "did you mean" the options {@code arg} (an unknown option, maybe with {@code =value}) most
   * likely meant, if any, in the order the command declares them:
   *
   * <ol>
   *   <li>a one-letter option with the same letter in the other case ({@code -O}: {@code -o});
   *   <li>else every long option whose name starts with what was typed, ignoring case ({@code -l}:
   *       {@code --link-module}, {@code --library-path}, ...), as a short typo is most often the
   *       start of a long name;
   *   <li>else the long option closest by edits, within a third of its name (one edit for a name of
   *       three letters or fewer).
   * </ol>
   *
   * A one-letter option is never offered by edits: every letter is one edit from every other.
   */
  static Optional<String> optionsLike(String arg, List<OptionSpec> options) {
    String typed = arg.replaceFirst("=.*", "").replaceFirst("^-+", "");
    if (typed.isEmpty()) {
      return Optional.empty();
    }
    if (typed.length() == 1) {
      for (OptionSpec option : options) {
        for (String name : option.names()) {
          String bare = bare(name);
          if (bare.length() == 1 && bare.equalsIgnoreCase(typed)) {
            return didYouMean(List.of(name));
          }
        }
      }
    }
    String lower = typed.toLowerCase(Locale.ROOT);
    List<String> started = new ArrayList<>();
    for (OptionSpec option : options) {
      for (String name : option.names()) {
        String bare = bare(name);
        if (bare.length() > 1 && bare.toLowerCase(Locale.ROOT).startsWith(lower)) {
          started.add(name);
          break;
        }
      }
    }
    if (!started.isEmpty()) {
      return didYouMean(started);
    }
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (OptionSpec option : options) {
      for (String name : option.names()) {
        String bare = bare(name);
        if (bare.length() < 2) {
          continue;
        }
        int distance = Suggestions.editDistance(typed, bare);
        int bound = bare.length() <= 3 ? 1 : Math.max(2, bare.length() / 3);
        if (distance < bestDistance && distance <= bound) {
          best = name;
          bestDistance = distance;
        }
      }
    }
    return best == null ? Optional.empty() : didYouMean(List.of(best));
  }

  private static String bare(String name) {
    return name.replaceFirst("^-+", "");
  }

  /** "did you mean a?", "did you mean a or b?", "did you mean a, b or c?". */
  private static Optional<String> didYouMean(List<String> names) {
    String last = names.get(names.size() - 1);
    String listed =
        names.size() == 1
            ? last
            : String.join(", ", names.subList(0, names.size() - 1)) + " or " + last;
    return Optional.of("did you mean " + listed + "?");
  }

  /**
   * A bundle has no INPUT: every module goes in as {@code --link-module} (iree-link ignores INPUT
   * then, so the form it takes is the one to suggest).
   */
  private static String bundleHint(List<String> inputs) {
    StringBuilder form = new StringBuilder();
    for (String input : inputs) {
      form.append(form.isEmpty() ? "" : " ").append("--link-module ").append(shellWord(input));
    }
    return "a bundle takes its inputs as --link-module: did you mean " + form + "?";
  }

  /** {@code name} as one shell word, to copy into a command line: quoted when it needs to be. */
  static String shellWord(String name) {
    if (PLAIN_WORD.matcher(name).matches()) {
      return name;
    }
    return "'" + name.replace("'", "'\\''") + "'";
  }
}
