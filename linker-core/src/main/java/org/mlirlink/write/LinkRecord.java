package org.mlirlink.write;

import com.google.common.base.Suppliers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.mlirlink.diagnostic.Diagnostic;
import org.mlirlink.diagnostic.SourceLocation;
import org.mlirlink.model.Suggestions;
import org.mlirlink.report.LinkReport;
import org.mlirlink.report.LinkedSymbol;

/**
 * What one link read and copied, as {@link LinkReport} describes it: made by the linker for each
 * link, and not part of the API (users see the interface).
 */
public final class LinkRecord implements LinkReport {

  private final List<String> inputs;

  /** Made when first asked for: a link whose report is not read never makes it. */
  private final Supplier<List<LinkedSymbol>> symbols;

  private final Map<String, SourceLocation> replaced;
  private final List<Diagnostic> diagnostics;

  /**
   * A report; the linker makes one for every link ({@code LinkResult.report()}).
   *
   * @param symbols what {@link #symbols()} gives, asked for once, when first needed
   * @param replaced where each declaration of the main module that a definition replaced is, by its
   *     name
   */
  public LinkRecord(
      List<String> inputs,
      Supplier<List<LinkedSymbol>> symbols,
      Map<String, SourceLocation> replaced,
      List<Diagnostic> diagnostics) {
    this.inputs = List.copyOf(inputs);
    this.symbols = Suppliers.memoize(() -> List.copyOf(symbols.get()));
    this.replaced = Map.copyOf(replaced);
    this.diagnostics = List.copyOf(diagnostics);
  }

  /** Every file the link read, in the order it was read (main first). */
  @Override
  public List<String> inputs() {
    return inputs;
  }

  /** Every op linking copied (for a bundle: every symbol bundled), in the order it was found. */
  @Override
  public List<LinkedSymbol> symbols() {
    return symbols.get();
  }

  /**
   * Where the input's declaration is that {@code symbol}'s definition replaced, if it replaced one.
   */
  @Override
  public Optional<SourceLocation> replacedDeclaration(LinkedSymbol symbol) {
    return symbol.neededBy() == null
        ? Optional.ofNullable(replaced.get(symbol.name()))
        : Optional.empty();
  }

  /**
   * The chain that pulled {@code name} into the output: the definition that replaced a declaration
   * of the input first, {@code name} last. {@code name} is an output name, or else the name the
   * definition had where it came from, qualified ({@code activation_components.swiglu}) or as its
   * module calls it ({@code swiglu}). Empty when no linked symbol has that name.
   */
  @Override
  public Optional<List<LinkedSymbol>> why(String name) {
    Map<String, LinkedSymbol> byName = new HashMap<>();
    for (LinkedSymbol symbol : symbols()) {
      byName.putIfAbsent(symbol.name(), symbol);
    }
    LinkedSymbol current = byName.get(name);
    for (LinkedSymbol symbol : symbols()) {
      if (current == null && symbol.sourceName().equals(name)) {
        current = symbol;
      }
    }
    for (LinkedSymbol symbol : symbols()) {
      if (current == null && symbol.sourceName().endsWith("." + name)) {
        current = symbol;
      }
    }
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

  /**
   * What {@code --why NAME} prints: the chain {@link #why} finds, one linked op a line with its
   * source name and place, or, when no linked symbol has the name, a "not linked" line with the
   * {@linkplain #namesLike close names}. A leading {@code @} of {@code name} is dropped; the text
   * has no final newline.
   *
   * <pre>{@code
   * System.err.println(report.whyText("@leaf"));
   * // why @leaf:
   * //   @lib.first (lib.first at lib.mlir:18:20) replaces a declaration of the input
   * //   @middle (lib.middle at lib.mlir:7:21) is used by @lib.first
   * //   @leaf (lib.leaf at lib.mlir:2:21) is used by @middle
   * System.err.println(report.whyText("leef"));
   * // why @leef: not linked (it is not in the output, or it is the input's own); did you mean
   * // @leaf, @lib.leaf?    (one line)
   * }</pre>
   */
  @Override
  public String whyText(String name) {
    String bare = name.startsWith("@") ? name.substring(1) : name;
    return why(bare)
        .map(
            chain -> {
              StringBuilder text = new StringBuilder("why @" + bare + ":");
              for (LinkedSymbol link : chain) {
                text.append("\n  @")
                    .append(link.name())
                    .append(" (")
                    .append(link.sourceName())
                    .append(" at ")
                    .append(link.definedAt())
                    .append(")")
                    .append(
                        link.neededBy() == null
                            ? " replaces a declaration of the input"
                            : " is used by @" + link.neededBy());
              }
              return text.toString();
            })
        .orElseGet(
            () -> {
              List<String> like = namesLike(bare);
              return "why @"
                  + bare
                  + ": not linked (it is not in the output, or it is the input's own)"
                  + (like.isEmpty() ? "" : "; did you mean @" + String.join(", @", like) + "?");
            });
  }

  /**
   * Linked names (output or source names) close to {@code name}, closest first, for a "did you
   * mean" when {@link #why} finds nothing: at most three, each within a third of its length in
   * edits, or containing {@code name}. For a dotted name, as for {@link Suggestions#closest}, the
   * names of the module it names come first: only when none of them is close are other names
   * offered.
   */
  @Override
  public List<String> namesLike(String name) {
    String module = Suggestions.namedModule(name);
    if (module != null) {
      List<String> inModule = new ArrayList<>();
      for (LinkedSymbol symbol : symbols()) {
        for (String candidate : List.of(symbol.name(), symbol.sourceName())) {
          if (Suggestions.isIn(module, candidate) && !inModule.contains(candidate)) {
            inModule.add(candidate);
          }
        }
      }
      String local = name.substring(module.length() + 1);
      List<String> close =
          closest(
              local,
              inModule.stream()
                  .map(candidate -> candidate.substring(module.length() + 1))
                  .toList());
      if (!close.isEmpty()) {
        return close.stream().map(candidate -> module + "." + candidate).toList();
      }
    }
    List<String> candidates = new ArrayList<>();
    for (LinkedSymbol symbol : symbols()) {
      for (String candidate : List.of(symbol.name(), symbol.sourceName())) {
        // A name of the named module was judged above by its own part, and is not close.
        if (module == null || !Suggestions.isIn(module, candidate)) {
          candidates.add(candidate);
        }
      }
    }
    return closest(name, candidates);
  }

  /**
   * At most three of {@code candidates} close to {@code name} (by the whole name or by its part
   * after the last dot), closest first.
   */
  private static List<String> closest(String name, List<String> candidates) {
    Map<String, Integer> distances = new LinkedHashMap<>();
    for (String candidate : candidates) {
      int distance = Suggestions.editDistance(name, candidate);
      String local = candidate.substring(candidate.lastIndexOf('.') + 1);
      distance = Math.min(distance, Suggestions.editDistance(name, local));
      boolean close =
          distance <= Math.max(1, name.length() / 3)
              || (name.length() >= 3 && candidate.contains(name));
      if (close) {
        distances.merge(candidate, distance, Math::min);
      }
    }
    return distances.entrySet().stream()
        .sorted(Map.Entry.comparingByValue())
        .limit(3)
        .map(Map.Entry::getKey)
        .toList();
  }

  /** A Make rule: {@code OUTPUT: INPUT...}, with spaces in names escaped as Make wants. */
  @Override
  public String makeDependencies(String output) {
    StringBuilder out = new StringBuilder(escapeMake(output)).append(':');
    for (String input : inputs) {
      out.append(" \\\n  ").append(escapeMake(input));
    }
    return out.append('\n').toString();
  }

  /** A plain-text link map: one line per linked op. */
  @Override
  public String linkMap() {
    StringBuilder out = new StringBuilder();
    out.append("# output name <- source name (op) at file:line:col, needed by\n");
    for (LinkedSymbol symbol : symbols()) {
      out.append(symbol.name())
          .append(" <- ")
          .append(symbol.sourceName())
          .append(" (")
          .append(symbol.opName())
          .append(") at ")
          .append(symbol.definedAt())
          .append(", needed by ")
          .append(symbol.neededBy() == null ? "a declaration of the input" : symbol.neededBy())
          .append('\n');
    }
    return out.toString();
  }

  /** The report as JSON, without an output name; see {@link #json(String)}. */
  @Override
  public String json() {
    return json(null);
  }

  /**
   * The report as JSON: {@code {"version": 1, "output": ..., "succeeded": ..., "inputs": [...],
   * "symbols": [...], "diagnostics": [...]}}. Each symbol has its output name, source name, op,
   * place, the place of the input's declaration it replaced ({@code "replaces"}, or null) and what
   * needed it; each diagnostic its severity, code ({@code "unresolved-external"}: {@link
   * org.mlirlink.diagnostic.DiagnosticCode#id()}), message, place (null fields when it has none)
   * and notes.
   *
   * @param output the name the linked module was written to, or null
   */
  @Override
  public String json(String output) {
    StringBuilder out =
        new StringBuilder("{\n  \"version\": ")
            .append(JSON_VERSION)
            .append(",\n  \"output\": ")
            .append(output == null ? "null" : jsonString(output))
            .append(",\n  \"succeeded\": ")
            .append(diagnostics.stream().noneMatch(Diagnostic::isError))
            .append(",\n  \"inputs\": [");
    for (int i = 0; i < inputs.size(); i++) {
      out.append(i == 0 ? "" : ", ").append(jsonString(inputs.get(i)));
    }
    out.append("],\n  \"symbols\": [");
    List<LinkedSymbol> symbols = symbols();
    for (int i = 0; i < symbols.size(); i++) {
      LinkedSymbol s = symbols.get(i);
      out.append(i == 0 ? "\n" : ",\n")
          .append("    {\"name\": ")
          .append(jsonString(s.name()))
          .append(", \"source\": ")
          .append(jsonString(s.sourceName()))
          .append(", \"op\": ")
          .append(jsonString(s.opName()))
          .append(", \"file\": ")
          .append(jsonString(s.definedAt().file()))
          .append(", \"line\": ")
          .append(s.definedAt().line())
          .append(", \"column\": ")
          .append(s.definedAt().column())
          .append(", \"replaces\": ")
          .append(replacedDeclaration(s).map(LinkRecord::jsonPlace).orElse("null"))
          .append(", \"neededBy\": ")
          .append(s.neededBy() == null ? "null" : jsonString(s.neededBy()))
          .append('}');
    }
    out.append(symbols.isEmpty() ? "],\n" : "\n  ],\n");
    out.append("  \"diagnostics\": [");
    for (int i = 0; i < diagnostics.size(); i++) {
      out.append(i == 0 ? "\n    " : ",\n    ");
      appendJson(out, diagnostics.get(i));
    }
    return out.append(diagnostics.isEmpty() ? "]\n}\n" : "\n  ]\n}\n").toString();
  }

  private static String jsonPlace(SourceLocation place) {
    return "{\"file\": "
        + jsonString(place.file())
        + ", \"line\": "
        + place.line()
        + ", \"column\": "
        + place.column()
        + "}";
  }

  private static void appendJson(StringBuilder out, Diagnostic diagnostic) {
    SourceLocation place = diagnostic.location();
    out.append("{\"severity\": ")
        .append(jsonString(diagnostic.severity().label()))
        .append(", \"code\": ")
        .append(jsonString(diagnostic.code().id()))
        .append(", \"message\": ")
        .append(jsonString(diagnostic.message()))
        .append(", \"file\": ")
        .append(place == null ? "null" : jsonString(place.file()))
        .append(", \"line\": ")
        .append(place == null ? "null" : String.valueOf(place.line()))
        .append(", \"column\": ")
        .append(place == null ? "null" : String.valueOf(place.column()))
        .append(", \"notes\": [");
    for (int i = 0; i < diagnostic.related().size(); i++) {
      out.append(i == 0 ? "" : ", ");
      appendJson(out, diagnostic.related().get(i));
    }
    out.append("]}");
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
