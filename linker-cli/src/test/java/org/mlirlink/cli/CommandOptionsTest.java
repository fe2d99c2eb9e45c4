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
    CommandLine command = LinkCommand.commandLine(Prefetch.start(new String[0]));
    Set<String> annotated = new HashSet<>();
    for (CommandLine.Model.OptionSpec option : command.getCommandSpec().options()) {
      for (String name : option.names()) {
        assertEquals(option.arity().max() > 0, CommandOptions.takesValue(name), name);
        annotated.add(name);
      }
    }
    assertTrue(annotated.size() >= 12, "options checked: " + annotated);
    assertEquals(annotated, CommandOptions.names());
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
