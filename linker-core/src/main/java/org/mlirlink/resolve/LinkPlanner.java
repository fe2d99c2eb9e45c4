package org.mlirlink.resolve;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;
import org.mlirlink.diagnostic.Diagnostic;
import org.mlirlink.model.MlirFile;
import org.mlirlink.model.MlirSyntax;
import org.mlirlink.model.OpKind;
import org.mlirlink.model.Operation;
import org.mlirlink.model.SymbolUse;
import org.mlirlink.model.TextEdit;
import org.mlirlink.model.Visibility;
import org.mlirlink.resolve.DependencyWalker.Node;

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
  private final AliasMerger aliases;
  private final ResourceMerger resources;
  private final ExecutableExports exports;

  private LinkPlanner(MlirFile target, DependencyWalker walk) {
    this.target = target;
    this.walk = walk;
    NameAssigner.assign(walk);
    this.exports = ExecutableExports.assign(target.operations(), walk.linked());
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
          target, Map.of(), Map.of(), null, List.of(), List.of(), List.of(), List::of);
    }
    return new LinkPlanner(target, walk).plan();
  }

  private LinkPlan plan() {
    Map<Operation, PlacedText> replacements = new LinkedHashMap<>();
    Map<Operation, List<PlacedText>> insertedAfter = new LinkedHashMap<>();
    for (Map.Entry<Operation, Node> entry : walk.replacements().entrySet()) {
      Operation declaration = entry.getKey();
      Node node = entry.getValue();
      replacements.put(declaration, place(node, declaration));
      List<PlacedText> after = List.of();
      if (walk.replacedDeclaration(node) == declaration) {
        after = new PlacedWhenRead(subtree(node));
      }
      insertedAfter.put(declaration, after);
    }
    // Globals and the initializers that touch them (each followed by what it pulled in) go in
    // front of the target's first function, in the order they must run.
    List<PlacedText> prelude = new ArrayList<>();
    for (Node root : walk.linkedGlobalsAndInitializers()) {
      prelude.add(place(root, null));
      for (Node node : subtree(root)) {
        prelude.add(place(node, null));
      }
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
        LinkedSymbols.of(walk));
  }

  /**
   * The ops {@code parent} pulled in, each followed by what it pulled in (pre-order). Each of them
   * was pulled in by its parent in this tree, so the walk climbs back up by {@link Node#neededBy}.
   * The aliases and resources each uses are merged now, in this order, so that the output's new
   * ones are known (and named) as if each op had been placed here.
   */
  private Node[] subtree(Node parent) {
    int size = 0;
    for (Node node = next(parent, null); node != null; node = next(parent, node)) {
      size++;
    }
    Node[] nodes = new Node[size];
    List<TextEdit> unused = new ArrayList<>();
    int i = 0;
    for (Node node = next(parent, null); node != null; node = next(parent, node)) {
      nodes[i++] = node;
      mergeAliasesAndResources(node, unused);
      unused.clear();
    }
    return nodes;
  }

  /** The node after {@code node} in the pre-order of {@code parent}'s subtree (null: the first). */
  private static Node next(Node parent, Node node) {
    if (node == null) {
      return parent.firstChild;
    }
    if (node.firstChild != null) {
      return node.firstChild;
    }
    while (node != parent && node.nextSibling == null) {
      node = node.neededBy;
    }
    return node == parent ? null : node.nextSibling;
  }

  /**
   * The ops placed after a declaration, each made into its {@link PlacedText} when it is read: the
   * writer reads each once, so a link of a million functions never holds all their edits at once.
   * Making one again gives the same text: the aliases and resources they use were merged when the
   * plan was made ({@link #subtree}), and asking again only finds the names given then.
   */
  private final class PlacedWhenRead extends AbstractList<PlacedText> implements RandomAccess {
    private final Node[] nodes;

    PlacedWhenRead(Node[] nodes) {
      this.nodes = nodes;
    }

    @Override
    public PlacedText get(int index) {
      return place(nodes[index], null);
    }

    @Override
    public int size() {
      return nodes.length;
    }
  }

  /** Adds the edits for the aliases and resources {@code node}'s op uses, merging them. */
  private void mergeAliasesAndResources(Node node, List<TextEdit> edits) {
    Operation op = node.op();
    MlirFile file = node.definition.module().file();
    if (!op.aliasUses().isEmpty()) {
      aliases.renameUses(file, op.aliasUses(), edits);
    }
    if (!op.resourceUses().isEmpty()) {
      resources.renameUses(file, op.resourceUses(), edits);
    }
  }

  /** The op's text as it goes into the output; {@code declaration} is what it replaces, if any. */
  private PlacedText place(Node node, Operation declaration) {
    Definition definition = node.definition;
    Operation op = definition.op();
    List<TextEdit> edits = new ArrayList<>(4);
    if (definition.localNameOrNull() != null) {
      // What replaces a declaration keeps the declaration's visibility; whatever else is linked
      // serves only the target and becomes private. (Its edit comes first, as the keyword does in
      // the text, so that the edits need no sorting.)
      Visibility wanted = declaration != null ? declaration.visibility() : Visibility.PRIVATE;
      OpEdits.setVisibility(op, wanted, edits);
      if (declaration != null) {
        String finalName = declaration.symbolName().orElseThrow();
        if (!finalName.equals(definition.localName())) {
          edits.add(OpEdits.renameDefinition(op, finalName));
        }
      } else if (!node.name.equals(definition.localName())) {
        edits.add(
            op.isGenericForm()
                ? OpEdits.renameDefinition(op, node.name)
                : new TextEdit(op.symbolSpan().orElseThrow(), reference(node)));
      }
    }
    List<SymbolUse> uses = op.dependencyUses();
    for (int i = 0, n = uses.size(); i < n; i++) {
      SymbolUse use = uses.get(i);
      Node usedNode = walk.usedNode(node, i);
      String name = usedNode == null ? null : usedNode.name;
      if (name != null && !name.equals(use.root())) {
        edits.add(new TextEdit(use.rootSpan(), reference(usedNode)));
        ExecutableExports.renameNested(op.source(), use, exports.renamesOf(usedNode), edits);
      }
    }
    ExecutableExports.renameInside(op, exports.renamesOf(node), edits);
    mergeAliasesAndResources(node, edits);
    if (declaration != null) {
      OpEdits.mergeAttributes(op, declaration, edits);
    }
    return new PlacedText(op.source(), op.range(), edits);
  }

  /**
   * How the output refers to {@code node} ({@link OpEdits#renameUse}): made for each use as it is
   * written, not kept, as a link of a large library would keep one for each function it copies.
   */
  private static String reference(Node node) {
    if (node.nameForm == 0) {
      node.nameForm = (byte) (MlirSyntax.isBareId(node.name) ? 1 : 2);
    }
    return node.nameForm == 1 ? "@".concat(node.name) : MlirSyntax.symbolReference(node.name);
  }
}
