package org.mlirlink.report;

import java.util.List;
import java.util.Optional;
import org.mlirlink.diagnostic.SourceLocation;

/**
 * What a link read and copied, for build tools and people: the input files, and every linked op
 * with its output name, where it came from and what needed it. Every text the command line writes
 * about a link is made here: the Make rule ({@link #makeDependencies}), the link map ({@link
 * #linkMap}), the JSON report ({@link #json(String)}) and the {@code --why} chains ({@link
 * #whyText}).
 *
 * <pre>{@code
 * LinkReport report = result.report();
 * Files.writeString(Path.of("out.mlir.d"), report.makeDependencies("out.mlir"));
 * report.why("moe_components.mul_mat_id")   // the chain that pulled it in
 *     .ifPresent(chain -> chain.forEach(System.out::println));
 * }</pre>
 */
public interface LinkReport {
  /** The version of {@link #json}'s layout; raised when a field changes meaning or goes away. */
  int JSON_VERSION = 1;

  /**
   * Every file the link read, in the order it was read (main first).
   *
   * @return the files' names as given or found
   */
  List<String> inputs();

  /**
   * Every op linking copied (for a bundle: every symbol bundled), in the order it was found.
   *
   * @return the linked symbols; empty for a failed link
   */
  List<LinkedSymbol> symbols();

  /**
   * Where the input's declaration is that {@code symbol}'s definition replaced, if it replaced one.
   *
   * @param symbol one of {@link #symbols()}
   * @return the declaration's place, or empty when the symbol was linked for another one
   */
  Optional<SourceLocation> replacedDeclaration(LinkedSymbol symbol);

  /**
   * The chain that pulled {@code name} into the output: the definition that replaced a declaration
   * of the input first, {@code name} last. {@code name} is an output name, or else the name the
   * definition had where it came from, qualified ({@code activation_components.swiglu}) or as its
   * module calls it ({@code swiglu}). Empty when no linked symbol has that name.
   *
   * @param name the symbol asked about, without {@code @}
   * @return the chain, or empty
   */
  Optional<List<LinkedSymbol>> why(String name);

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
   *
   * @param name the symbol asked about
   * @return the text, without a final newline
   */
  String whyText(String name);

  /**
   * Linked names (output or source names) close to {@code name}, closest first, for a "did you
   * mean" when {@link #why} finds nothing: at most three, each within a third of its length in
   * edits, or containing {@code name}. For a dotted name, as for the link's own "did you mean", the
   * names of the module it names come first: only when none of them is close are other names
   * offered.
   *
   * @param name the name that was not found
   * @return up to three names
   */
  List<String> namesLike(String name);

  /**
   * A Make rule: {@code OUTPUT: INPUT...}, with spaces in names escaped as Make wants.
   *
   * @param output the rule's target
   * @return the rule, ending in a newline
   */
  String makeDependencies(String output);

  /**
   * A plain-text link map: one line per linked op.
   *
   * @return the map
   */
  String linkMap();

  /**
   * The report as JSON, without an output name; see {@link #json(String)}.
   *
   * @return the JSON text
   */
  String json();

  /**
   * The report as JSON: {@code {"version": 1, "output": ..., "succeeded": ..., "inputs": [...],
   * "symbols": [...], "diagnostics": [...]}}. Each symbol has its output name, source name, op,
   * place, the place of the input's declaration it replaced ({@code "replaces"}, or null) and what
   * needed it; each diagnostic its severity, code ({@code "unresolved-external"}: {@link
   * org.mlirlink.diagnostic.DiagnosticCode#id()}), message, place (null fields when it has none)
   * and notes.
   *
   * @param output the name the linked module was written to, or null
   * @return the JSON text
   */
  String json(String output);
}
