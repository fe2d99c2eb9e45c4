package org.mlirlink.resolve;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mlirlink.model.Operation;
import org.mlirlink.model.Visibility;

/**
 * Decides the name every linked definition has in the output. A definition that replaces a target
 * declaration takes the declaration's name. Any other wants its qualified name if it is a public
 * symbol of a named module, else its own; when that is taken (by the target, or by an earlier
 * definition) it gets the first free {@code name_N} of {@link FreshNames}, free of every wanted
 * name too, so a rename never takes the name another definition keeps.
 */
final class NameAssigner {
  private NameAssigner() {}

  /** The output name of each definition the walk linked (initializers, which have none, aside). */
  static Map<Definition, String> assign(DependencyWalker walk) {
    Map<Definition, String> names = new HashMap<>();
    for (Map.Entry<Operation, Definition> entry : walk.replacements().entrySet()) {
      // A definition that replaces several declarations is called by the first one's name.
      names.putIfAbsent(entry.getValue(), entry.getKey().symbolName().orElseThrow());
    }
    Set<String> taken = new HashSet<>(walk.targetNames());
    Set<String> desired = new HashSet<>();
    for (Definition definition : walk.linked()) {
      desired.add(desiredName(definition));
    }
    List<Definition> clashing = new ArrayList<>();
    for (Definition definition : walk.linked()) {
      String name = desiredName(definition);
      if (taken.add(name)) {
        names.put(definition, name);
      } else {
        clashing.add(definition);
      }
    }
    for (Definition definition : clashing) {
      String name =
          FreshNames.fresh(
              desiredName(definition),
              candidate -> taken.contains(candidate) || desired.contains(candidate));
      taken.add(name);
      names.put(definition, name);
    }
    return names;
  }

  /** Public symbols of a named module are written qualified; everything else keeps its name. */
  private static String desiredName(Definition definition) {
    boolean qualify =
        definition.module().name().isPresent() && definition.op().visibility() == Visibility.PUBLIC;
    return qualify ? definition.qualifiedName() : definition.localName();
  }
}
