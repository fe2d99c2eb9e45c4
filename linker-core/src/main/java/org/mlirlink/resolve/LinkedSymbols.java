package org.mlirlink.resolve;

import com.google.common.collect.Iterables;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mlirlink.model.Operation;
import org.mlirlink.report.LinkedSymbol;

/**
 * What a link copied into the output, for the report: each op under its output name, with where it
 * came from and the op that pulled it in, in the order the walk found them (the definitions that
 * replace declarations first).
 */
final class LinkedSymbols {
  private LinkedSymbols() {}

  /** The ops {@code walk} linked, named as {@code finalNames} says. */
  static List<LinkedSymbol> of(DependencyWalker walk, Map<Definition, String> finalNames) {
    List<LinkedSymbol> symbols = new ArrayList<>();
    for (Map.Entry<Operation, Definition> entry : walk.replacements().entrySet()) {
      symbols.add(linkedSymbol(entry.getValue(), entry.getKey().symbolName().orElseThrow(), null));
    }
    for (Definition definition : Iterables.concat(walk.linked(), walk.linkedInitializers())) {
      Definition parent = walk.neededBy(definition);
      symbols.add(
          linkedSymbol(
              definition, outputName(definition, finalNames), outputName(parent, finalNames)));
    }
    return symbols;
  }

  private static LinkedSymbol linkedSymbol(
      Definition definition, String name, String neededByName) {
    Operation op = definition.op();
    String sourceName = op.symbolName().isPresent() ? definition.qualifiedName() : op.opName();
    return new LinkedSymbol(
        name, sourceName, op.opName(), op.source().locationOf(op.nameOffset()), neededByName);
  }

  /** An initializer has no name: the report calls it by its op name. */
  private static String outputName(Definition definition, Map<Definition, String> finalNames) {
    if (definition.op().symbolName().isEmpty()) {
      return definition.op().opName();
    }
    return finalNames.get(definition);
  }
}
