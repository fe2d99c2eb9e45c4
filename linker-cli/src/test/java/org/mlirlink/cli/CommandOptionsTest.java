package org.mlirlink.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The option table read before picocli starts, and the one-dash spellings it turns into two. */
class CommandOptionsTest {
  /** The table is what the annotations say: the same names, the same ones taking a value. */
  @Test
  void theTableNamesEveryAnnotatedOptionAndKnowsWhichTakeAValue() {
    CommandLine command = LinkCommand.commandLine(Prefetch.start(new String[0]), false);
    assertTrue(command.getSubcommands().isEmpty(), "a link builds no subcommand");
    Set<String> annotated = annotatedOptions(command);
    assertTrue(annotated.size() >= 12, "options checked: " + annotated);
    assertEquals(annotated, CommandOptions.names());
  }

  /**
   * The options of {@code check} are in the table too, so that their one-dash spellings ({@code
   * -library-path}) are taken there as well.
   */
  @Test
  void theTableKnowsTheOptionsOfCheck() {
    CommandLine command = LinkCommand.commandLine(Prefetch.start(new String[0]), true);
    Set<String> annotated = annotatedOptions(command.getSubcommands().get(CheckCommand.NAME));
    assertTrue(annotated.contains("--library-path"), "options checked: " + annotated);
    assertTrue(CommandOptions.names().containsAll(annotated), "options checked: " + annotated);
  }

  /**
   * Every name of every option of {@code command}, each checked to take a value as the table says.
   */
  private static Set<String> annotatedOptions(CommandLine command) {
    Set<String> annotated = new HashSet<>();
    for (CommandLine.Model.OptionSpec option : command.getCommandSpec().options()) {
      for (String name : option.names()) {
        assertEquals(option.arity().max() > 0, CommandOptions.takesValue(name), name);
        annotated.add(name);
      }
    }
    return annotated;
  }

  /** What a bundle's hint offers as --link-module: the files, not the options' values. */
  @Test
  void positionalsAreTheArgumentsThatAreNoOptionOrValue() {
    assertEquals(
        List.of("a.mlir", "b.mlir", "-", "-c.mlir"),
        CommandOptions.positionals(
            new String[] {
              "-bundle", "a.mlir", "-o", "out.mlir", "--why=f", "b.mlir", "-", "--", "-c.mlir"
            }));
  }

  @Test
  void oneDashLongOptionsGetTheirSecondDashBeforeDoubleDashOnly() {
    assertArrayEquals(
        new String[] {
          "--link-module",
          "a.mlir",
          "--why=f",
          "-o",
          "out.mlir",
          "-x",
          "-",
          "--bundle",
          "--",
          "-link-module",
          "b.mlir"
        },
        CommandOptions.withLlvmStyleOptions(
            new String[] {
              "-link-module",
              "a.mlir",
              "-why=f",
              "-o",
              "out.mlir",
              "-x",
              "-",
              "--bundle",
              "--",
              "-link-module",
              "b.mlir"
            }));
    assertEquals(
        List.of("--help", "-V"),
        CommandOptions.optionArguments(new String[] {"-help", "-V", "--", "x"}));
  }
}
