package org.mlirlink.resolve;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.mlirlink.model.MlirFile;
import org.mlirlink.model.Operation;
import org.mlirlink.report.LinkedSymbol;

/**
 * What linking a target changes, and nothing else: which target declarations are replaced by which
 * definitions, what goes right after each of them, and which alias definitions and resource entries
 * the output gains. Everything not named here is copied from the target as it is.
 *
 * @param target the module being completed
 * @param replacements target declaration to the definition text that replaces it, in target order
 * @param insertedAfter target declaration to the ops placed right after it, in output order; each
 *     op's text is made when the list is read (again, alike, when read again)
 * @param preludeAnchor the target op the prelude goes in front of (its first function); null when
 *     the prelude is empty
 * @param prelude linked globals and initializers (and what they use), in output order
 * @param newAliases alias definitions to add, in dependency order
 * @param newResources resource entries to add to the resource section
 * @param linkedSymbols every op linking copied, for reports (link map, {@code --why}); made when
 *     asked for, as a link's report is mostly not read (the report asks once and keeps it)
 */
public record LinkPlan(
    MlirFile target,
    Map<Operation, PlacedText> replacements,
    Map<Operation, List<PlacedText>> insertedAfter,
    Operation preludeAnchor,
    List<PlacedText> prelude,
    List<PlacedText> newAliases,
    List<NewResource> newResources,
    Supplier<List<LinkedSymbol>> linkedSymbols) {

  /**
   * A resource entry the output gains.
   *
   * @param group {@code dialect_resources} or {@code external_resources}
   * @param dialect the dialect key, e.g. {@code builtin}
   * @param key the key in the output (renamed when it clashed)
   * @param value the value's text
   */
  public record NewResource(String group, String dialect, String key, PlacedText value) {}

  /** True when linking changes nothing: the output is the target byte for byte. */
  public boolean isEmpty() {
    return replacements.isEmpty() && newAliases.isEmpty() && newResources.isEmpty();
  }
}
