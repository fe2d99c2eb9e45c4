package org.mlirlink;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mlirlink.resolve.LinkedSymbol;

/**
 * What a link read and copied, for build tools and people: the input files, and every linked op
 * with its output name, where it came from and what needed it.
 *
 * <pre>{@code
 * LinkReport report = result.report();
 * Files.writeString(Path.of("out.mlir.d"), report.makeDependencies("out.mlir"));
 * report.why("moe_components.mul_mat_id")   // the chain that pulled it in
 *     .ifPresent(chain -> chain.forEach(System.out::println));
 * }</pre>
 */
public final class LinkReport {
  private final List<String> inputs;
  private final List<LinkedSymbol> symbols;

  LinkReport(List<String> inputs, List<LinkedSymbol> symbols) {
    this.inputs = List.copyOf(inputs);
    this.symbols = List.copyOf(symbols);
  }

  /** Every file the link read, in the order it was read (main first). */
  public List<String> inputs() {
    return inputs;
  }

  /** Every op linking copied, in the order it was found. */
  public List<LinkedSymbol> symbols() {
    return symbols;
  }

  /**
   * The chain that pulled {@code name} (an output name) into the output: the target declaration's
   * replacement first, {@code name} last. Empty when {@code name} was not linked.
   */
  public Optional<List<LinkedSymbol>> why(String name) {
    Map<String, LinkedSymbol> byName = new HashMap<>();
    for (LinkedSymbol symbol : symbols) {
      byName.putIfAbsent(symbol.name(), symbol);
    }
    LinkedSymbol current = byName.get(name);
    if (current == null) {
      return Optional.empty();
    }
    List<LinkedSymbol> chain = new ArrayList<>();
    while (current != null && !chain.contains(current)) {
      chain.add(current);
      current = current.neededBy() == null ? null : byName.get(current.neededBy());
    }
    Collections.reverse(chain);
    return Optional.of(chain);
  }

  /** A Make rule: {@code OUTPUT: INPUT...}, with spaces in names escaped as Make wants. */
  public String makeDependencies(String output) {
    StringBuilder out = new StringBuilder(escapeMake(output)).append(':');
    for (String input : inputs) {
      out.append(" \\\n  ").append(escapeMake(input));
    }
    return out.append('\n').toString();
  }

  /** A plain-text link map: one line per linked op. */
  public String linkMap() {
    StringBuilder out = new StringBuilder();
    out.append("# output name <- source name (op) at file:line:col, needed by\n");
    for (LinkedSymbol symbol : symbols) {
      out.append(symbol.name()).append(" <- ").append(symbol.sourceName())
          .append(" (").append(symbol.opName()).append(") at ").append(symbol.definedAt())
          .append(", needed by ")
          .append(symbol.neededBy() == null ? "a declaration of the target" : symbol.neededBy())
          .append('\n');
    }
    return out.toString();
  }

  /** The report as JSON: {@code {"inputs": [...], "symbols": [{...}, ...]}}. */
  public String json() {
    StringBuilder out = new StringBuilder("{\n  \"inputs\": [");
    for (int i = 0; i < inputs.size(); i++) {
      out.append(i == 0 ? "" : ", ").append(jsonString(inputs.get(i)));
    }
    out.append("],\n  \"symbols\": [");
    for (int i = 0; i < symbols.size(); i++) {
      LinkedSymbol s = symbols.get(i);
      out.append(i == 0 ? "\n" : ",\n")
          .append("    {\"name\": ").append(jsonString(s.name()))
          .append(", \"source\": ").append(jsonString(s.sourceName()))
          .append(", \"op\": ").append(jsonString(s.opName()))
          .append(", \"file\": ").append(jsonString(s.definedAt().file()))
          .append(", \"line\": ").append(s.definedAt().line())
          .append(", \"column\": ").append(s.definedAt().column())
          .append(", \"neededBy\": ").append(s.neededBy() == null ? "null" : jsonString(s.neededBy()))
          .append('}');
    }
    return out.append(symbols.isEmpty() ? "]\n}\n" : "\n  ]\n}\n").toString();
  }

  private static String escapeMake(String name) {
    return name.replace("$", "$$").replace(" ", "\\ ").replace("#", "\\#");
  }

  private static String jsonString(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
