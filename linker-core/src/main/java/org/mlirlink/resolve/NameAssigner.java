package org.mlirlink.resolve;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mlirlink.model.Operation;
import org.mlirlink.model.Visibility;
import org.mlirlink.resolve.DependencyWalker.Node;

/**
 * Decides the name every linked definition has in the output. A definition that replaces a target
 * declaration takes the declaration's name. Any other wants its qualified name if it is a public
 * symbol of a named module, else its own; when that is taken (by the target, or by an earlier
 * definition) it gets the first free {@code name_N} of {@link FreshNames}, free of every wanted
 * name too, so a rename never takes the name another definition keeps.
 */
final class NameAssigner {
  private NameAssigner() {}

  /**
   * Names each definition the walk linked (initializers, which have none, aside): sets {@link
   * Node#name}.
   */
  static void assign(DependencyWalker walk) {
    for (Map.Entry<Operation, Node> entry : walk.replacements().entrySet()) {
      // A definition that replaces several declarations is called by the first one's name.
      Node node = entry.getValue();
      if (node.name == null) {
        node.name = entry.getKey().symbolName().orElseThrow();
      }
    }
    List<Node> linked = walk.linked();
    NameSet taken = new NameSet(walk.targetNames().size() + linked.size());
    for (String name : walk.targetNames()) {
      taken.add(name);
    }
    List<Node> clashing = new ArrayList<>();
    for (Node node : linked) {
      if (!takeWantedName(node, taken)) {
        clashing.add(node);
      }
    }
    if (clashing.isEmpty()) {
      return;
    }
    Set<String> wanted = new HashSet<>();
    for (Node node : linked) {
      wanted.add(node.name != null ? node.name : wantedName(node.definition));
    }
    for (Node node : clashing) {
      String name =
          FreshNames.fresh(
              wantedName(node.definition),
              candidate -> taken.contains(candidate) || wanted.contains(candidate));
      taken.add(name);
      node.name = name;
    }
  }

  /**
   * Gives {@code node} the name it wants unless that is taken; false when it is. (A method of its
   * own, called for each node: on a cold JVM it is compiled after a few hundred calls, where a loop
   * body is compiled only after tens of thousands of rounds.)
   */
  private static boolean takeWantedName(Node node, NameSet taken) {
    String name = wantedName(node.definition);
    if (!taken.add(name)) {
      return false;
    }
    node.name = name;
    return true;
  }

  /** Public symbols of a named module are written qualified; everything else keeps its name. */
  private static String wantedName(Definition definition) {
    return isWrittenQualified(definition) ? definition.qualifiedName() : definition.localName();
  }

  /** Whether the definition wants its qualified name in the output. */
  private static boolean isWrittenQualified(Definition definition) {
    return definition.module().nameOrNull() != null
        && definition.op().visibility() == Visibility.PUBLIC;
  }

  /**
   * The definition's qualified name ({@link Definition#qualifiedName}): the node's own name when
   * that is it (as it is for every public symbol not renamed), so that it is not built twice.
   */
  static String qualifiedName(Node node) {
    Definition definition = node.definition;
    String module = definition.module().nameOrNull();
    String local = definition.localName();
    String name = node.name;
    if (module == null) {
      return local;
    }
    boolean same =
        name != null
            && name.length() == module.length() + 1 + local.length()
            && name.startsWith(module)
            && name.charAt(module.length()) == '.'
            && name.endsWith(local);
    return same ? name : definition.qualifiedName();
  }
}
