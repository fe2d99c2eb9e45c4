package org.mlirlink.resolve;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlirlink.model.AliasDefinition;
import org.mlirlink.model.AliasUse;
import org.mlirlink.model.MlirFile;
import org.mlirlink.model.Span;
import org.mlirlink.model.TextEdit;

/**
 * Decides the output name of every alias a linked op uses. The target's aliases are kept; an alias
 * from a source file is shared when the output already defines the same name with the same
 * (expanded) value, added under its own name when the name is free, and added as {@code name_N}
 * when the name is taken by a different value.
 */
final class AliasMerger {
  /** The output's aliases that are known so far, with their expanded values. */
  private final Map<String, String> outputValues = new LinkedHashMap<>();

  /** The target, whose aliases are the output's too; each is expanded only when compared. */
  private final MlirFile target;

  private final Map<MlirFile, Map<String, String>> names = new IdentityHashMap<>();
  private final List<PlacedText> added = new ArrayList<>();

  /** A merger for an output that starts with no aliases (a bundle). */
  AliasMerger() {
    this.target = null;
  }

  /** A merger for an output that keeps the aliases of {@code target}. */
  AliasMerger(MlirFile target) {
    this.target = target;
    names.put(target, new HashMap<>());
    for (String name : target.aliases().keySet()) {
      names.get(target).put(name, name);
    }
  }

  /** Adds an edit for each of {@code uses} (written in {@code file}) whose name changes. */
  void renameUses(MlirFile file, List<AliasUse> uses, List<TextEdit> edits) {
    for (AliasUse use : uses) {
      String name = outputName(file, use.name());
      if (!name.equals(use.name())) {
        edits.add(new TextEdit(use.span(), name));
      }
    }
  }

  /** The name {@code alias} (as used in {@code file}) has in the output. */
  String outputName(MlirFile file, String alias) {
    Map<String, String> fileNames = names.computeIfAbsent(file, f -> new HashMap<>());
    String known = fileNames.get(alias);
    if (known != null) {
      return known;
    }
    AliasDefinition definition = file.aliases().get(alias);
    if (definition == null) {
      return alias; // not an alias of this file (MLIR would reject the use); keep it as written
    }
    String value = file.aliasExpansions().valueOf(alias);
    String existing = outputValue(alias);
    if (value.equals(existing)) {
      fileNames.put(alias, alias);
      return alias;
    }
    String name =
        existing == null ? alias : FreshNames.fresh(alias, taken -> outputValue(taken) != null);
    fileNames.put(alias, name);
    outputValues.put(name, value);
    // Aliases the value uses are defined first: MLIR reads aliases before their uses.
    List<TextEdit> edits = new ArrayList<>();
    if (!name.equals(alias)) {
      Span nameSpan =
          new Span(definition.range().start(), definition.range().start() + alias.length());
      edits.add(new TextEdit(nameSpan, name));
    }
    renameUses(file, definition.aliasUses(), edits);
    added.add(new PlacedText(file.source(), definition.range(), edits));
    return name;
  }

  /** The expanded value of the output's alias {@code name}, or null when the output has none. */
  private String outputValue(String name) {
    String value = outputValues.get(name);
    if (value == null && target != null) {
      value = target.aliasExpansions().valueOf(name);
      if (value != null) {
        outputValues.put(name, value);
      }
    }
    return value;
  }

  /** The alias definitions to add to the output, each after those it uses. */
  List<PlacedText> newDefinitions() {
    return List.copyOf(added);
  }
}
