package org.mlirlink.resolve;

import com.google.common.collect.Iterables;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mlirlink.diagnostic.Diagnostic;
import org.mlirlink.model.MlirFile;
import org.mlirlink.model.OpKind;
import org.mlirlink.model.Operation;
import org.mlirlink.model.SymbolUse;
import org.mlirlink.model.TextEdit;
import org.mlirlink.model.Visibility;

/**
 * Computes a {@link LinkPlan}: the {@link DependencyWalker} finds what the target needs, the {@link
 * NameAssigner} names it, and this class places each linked op in the output with its {@link
 * OpEdits}: in place of the declaration it replaces, after what pulled it in, or (globals and their
 * initializers) in front of the target's first function. It never writes text; it only says which
 * edits the writer applies.
 *
 * <pre>{@code
 * List<Diagnostic> errors = new ArrayList<>();
 * LinkPlan plan = LinkPlanner.plan(target, index, name -> Optional.empty(), errors);
 * }</pre>
 */
public final class LinkPlanner {
  /** Finds and indexes a library file for a symbol not found among the sources. */
  @FunctionalInterface
  public interface LibraryLookup {
    /**
     * Returns the definition of {@code symbol} after indexing whatever library file should hold it,
     * or empty when there is none.
     */
    Optional<Definition> find(String symbol);

    /**
     * Where a missing {@code symbol} was looked for, for a note on the error (empty: nothing worth
     * saying).
     */
    default Optional<String> searched(String symbol) {
      return Optional.empty();
    }
  }

  private final MlirFile target;
  private final DependencyWalker walk;
  private final Map<Definition, String> finalNames;
  private final AliasMerger aliases;
  private final ResourceMerger resources;

  private LinkPlanner(MlirFile target, DependencyWalker walk) {
    this.target = target;
    this.walk = walk;
    this.finalNames = NameAssigner.assign(walk);
    this.aliases = new AliasMerger(target);
    this.resources = new ResourceMerger(target);
  }

  /**
   * Plans the link of {@code target}. Problems are added to {@code errors}; when any is added the
   * returned plan must not be written.
   */
  public static LinkPlan plan(
      MlirFile target, SymbolIndex index, LibraryLookup library, List<Diagnostic> errors) {
    DependencyWalker walk = DependencyWalker.walk(target, index, library, errors);
    if (!errors.isEmpty()) {
      return new LinkPlan(
          target, Map.of(), Map.of(), null, List.of(), List.of(), List.of(), List.of());
    }
    return new LinkPlanner(target, walk).plan();
  }

  private LinkPlan plan() {
    Map<Operation, PlacedText> replacements = new LinkedHashMap<>();
    Map<Operation, List<PlacedText>> insertedAfter = new LinkedHashMap<>();
    for (Map.Entry<Operation, Definition> entry : walk.replacements().entrySet()) {
      Operation declaration = entry.getKey();
      Definition definition = entry.getValue();
      replacements.put(declaration, place(definition, declaration));
      List<PlacedText> after = new ArrayList<>();
      if (walk.replacedDeclaration(definition) == declaration) {
        collectSubtree(definition, after);
      }
      insertedAfter.put(declaration, after);
    }
    // Globals, then the initializers that touch them (each followed by what it pulled in), go in
    // front of the target's first function so that initialization order stays valid.
    List<PlacedText> prelude = new ArrayList<>();
    for (Definition root : Iterables.concat(walk.linkedGlobals(), walk.linkedInitializers())) {
      prelude.add(place(root, null));
      collectSubtree(root, prelude);
    }
    Operation firstFunction =
        prelude.isEmpty()
            ? null
            : target.operations().stream()
                .filter(op -> op.kind() == OpKind.FUNCTION)
                .findFirst()
                .orElse(null);
    return new LinkPlan(
        target,
        replacements,
        insertedAfter,
        firstFunction,
        prelude,
        aliases.newDefinitions(),
        resources.newEntries(),
        LinkedSymbols.of(walk, finalNames));
  }

  /** The ops {@code parent} pulled in, each followed by what it pulled in (pre-order). */
  private void collectSubtree(Definition parent, List<PlacedText> out) {
    Deque<Iterator<Definition>> stack = new ArrayDeque<>();
    stack.push(walk.children(parent).iterator());
    while (!stack.isEmpty()) {
      if (!stack.peek().hasNext()) {
        stack.pop();
        continue;
      }
      Definition child = stack.peek().next();
      out.add(place(child, null));
      stack.push(walk.children(child).iterator());
    }
  }

  /** The op's text as it goes into the output; {@code declaration} is what it replaces, if any. */
  private PlacedText place(Definition definition, Operation declaration) {
    Operation op = definition.op();
    List<TextEdit> edits = new ArrayList<>();
    if (op.symbolName().isPresent()) {
      String finalName =
          declaration != null ? declaration.symbolName().orElseThrow() : finalNames.get(definition);
      if (!finalName.equals(definition.localName())) {
        edits.add(OpEdits.renameDefinition(op, finalName));
      }
      // What replaces a declaration keeps the declaration's visibility; whatever else is linked
      // serves only the target and becomes private.
      Visibility wanted = declaration != null ? declaration.visibility() : Visibility.PRIVATE;
      OpEdits.setVisibility(op, wanted, edits);
    }
    for (SymbolUse use : DependencyWalker.dependencies(op)) {
      Optional<Definition> used = walk.resolveUse(definition, use.root());
      String name = used.map(finalNames::get).orElse(null);
      if (name != null && !name.equals(use.root())) {
        edits.add(OpEdits.renameUse(use, name));
      }
    }
    aliases.renameUses(definition.module().file(), op.aliasUses(), edits);
    resources.renameUses(definition.module().file(), op.resourceUses(), edits);
    if (declaration != null) {
      OpEdits.mergeAttributes(op, declaration, edits);
    }
    return new PlacedText(op.source(), op.range(), edits);
  }
}
