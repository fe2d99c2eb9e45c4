package org.mlirlink.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The option table read before picocli starts, and the one-dash spellings it turns into two. */
class CommandOptionsTest {
  /**
   * The model picocli parses with is the table: the same names, the ones the table says take a
   * value taking one, and each option's value read back as the command line gave it.
   */
  @Test
  void theModelIsTheTable() {
    CommandLine command = LinkCommand.commandLine(Prefetch.start(new String[0]), false);
    assertTrue(command.getSubcommands().isEmpty(), "a link builds no subcommand");
    Set<String> modelled = annotatedOptions(command);
    assertTrue(modelled.size() >= 12, "options checked: " + modelled);
    assertEquals(modelled, CommandOptions.names());
    command.parseArgs(
        "in.mlir",
        "--link-module",
        "a.mlir",
        "--link-module=b.mlir",
        "--library-path",
        "lib",
        "-o",
        "out.mlir",
        "--bundle",
        "--why",
        "f",
        "--why=g",
        "--depfile",
        "d");
    CommandLine.Model.CommandSpec spec = command.getCommandSpec();
    assertEquals(List.of("a.mlir", "b.mlir"), CommandOptions.value(spec, "--link-module"));
    assertEquals(List.of(Path.of("lib")), CommandOptions.value(spec, "--library-path"));
    assertEquals("out.mlir", CommandOptions.<String>value(spec, "-o"));
    assertEquals(true, CommandOptions.<Boolean>value(spec, "--bundle"));
    assertEquals(false, CommandOptions.<Boolean>value(spec, "--list-symbols"));
    assertEquals(List.of("f", "g"), CommandOptions.value(spec, "--why"));
    assertEquals("d", CommandOptions.<String>value(spec, "--depfile"));
    assertEquals(null, CommandOptions.<String>value(spec, "--link-map"));
  }

  /** Options not given have their defaults, and lists start empty in every new command line. */
  @Test
  void optionsNotGivenHaveTheirDefaults() {
    for (int i = 0; i < 2; i++) {
      CommandLine command = LinkCommand.commandLine(Prefetch.start(new String[0]), false);
      command.parseArgs("in.mlir", "--link-module", "a.mlir");
      command = LinkCommand.commandLine(Prefetch.start(new String[0]), false);
      command.parseArgs();
      CommandLine.Model.CommandSpec spec = command.getCommandSpec();
      assertEquals("-", spec.positionalParameters().get(0).getValue());
      assertEquals("-", CommandOptions.<String>value(spec, "-o"));
      assertEquals(List.of(), CommandOptions.value(spec, "--link-module"));
      assertEquals(List.of(), CommandOptions.value(spec, "--library-path"));
      assertEquals(List.of(), CommandOptions.value(spec, "--why"));
    }
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
