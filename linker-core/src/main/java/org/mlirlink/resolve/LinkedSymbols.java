package org.mlirlink.resolve;

import com.google.common.collect.Iterables;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.mlirlink.model.Operation;
import org.mlirlink.report.LinkedSymbol;
import org.mlirlink.resolve.DependencyWalker.Node;

/**
 * What a link copied into the output, for the report: each op under its output name, with where it
 * came from and the op that pulled it in, in the order the walk found them (the definitions that
 * replace declarations first).
 */
final class LinkedSymbols {
  private LinkedSymbols() {}

  /**
   * The ops {@code walk} linked, named as {@link NameAssigner} named them, made when asked for:
   * finding where each is defined counts the lines of its file, which a link whose report is not
   * read should not pay for. The report ({@code LinkRecord}) asks once and keeps the list.
   */
  static Supplier<List<LinkedSymbol>> of(DependencyWalker walk) {
    return () -> listOf(walk);
  }

  private static List<LinkedSymbol> listOf(DependencyWalker walk) {
    List<LinkedSymbol> symbols =
        new ArrayList<>(
            walk.replacements().size() + walk.linked().size() + walk.linkedInitializers().size());
    for (Map.Entry<Operation, Node> entry : walk.replacements().entrySet()) {
      symbols.add(linkedSymbol(entry.getValue(), entry.getKey().symbolName().orElseThrow(), null));
    }
    for (Node node : Iterables.concat(walk.linked(), walk.linkedInitializers())) {
      symbols.add(linkedSymbol(node, outputName(node), outputName(node.neededBy)));
    }
    return symbols;
  }

  private static LinkedSymbol linkedSymbol(Node node, String name, String neededByName) {
    Operation op = node.op();
    String sourceName =
        node.definition.localNameOrNull() != null ? NameAssigner.qualifiedName(node) : op.opName();
    return new LinkedSymbol(
        name, sourceName, op.opName(), op.source().locationOf(op.nameOffset()), neededByName);
  }

  /** An initializer has no name: the report calls it by its op name. */
  private static String outputName(Node node) {
    if (node.definition.localNameOrNull() == null) {
      return node.op().opName();
    }
    return node.name;
  }
}
