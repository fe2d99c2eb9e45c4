package org.mlirlink.resolve;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mlirlink.Diagnostic;
import org.mlirlink.DiagnosticException;
import org.mlirlink.model.FunctionSignature;
import org.mlirlink.model.MlirFile;
import org.mlirlink.model.OpKind;
import org.mlirlink.model.Operation;
import org.mlirlink.model.Span;
import org.mlirlink.model.SymbolUse;
import org.mlirlink.model.TextEdit;
import org.mlirlink.model.Visibility;

/**
 * Computes a {@link LinkPlan}: resolves the target's declarations against the source modules,
 * follows dependencies transitively, and decides every name in the output. It never writes text;
 * it only says which edits the writer applies.
 *
 * <p>Every order is input order: declarations in target order, dependencies in the order they
 * are first referenced (depth first), so the same inputs always give the same output.
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
     * Returns the definition of {@code symbol} after indexing whatever library file should hold
     * it, or empty when there is none.
     */
    Optional<Definition> find(String symbol);

    /**
     * Where a missing {@code symbol} was looked for, for a note on the error (empty: nothing
     * worth saying).
     */
    default Optional<String> searched(String symbol) {
      return Optional.empty();
    }
  }

  private final MlirFile target;
  private final SymbolIndex index;
  private final LibraryLookup library;
  private final List<Diagnostic> errors;

  private final Set<String> targetNames = new HashSet<>();
  private final Map<Operation, Definition> replacementFor = new LinkedHashMap<>();
  private final Map<Definition, Operation> replacedDeclaration = new HashMap<>();
  private final Map<Definition, List<Definition>> children = new HashMap<>();
  private final List<Definition> linked = new ArrayList<>();
  private final List<Definition> linkedGlobals = new ArrayList<>();
  private final List<Definition> linkedInitializers = new ArrayList<>();
  private final Map<Definition, Definition> neededBy = new HashMap<>();
  private final Set<Definition> visited = new HashSet<>();
  private final Map<Definition, String> finalNames = new HashMap<>();
  private final Map<SourceModule, Map<String, Optional<Definition>>> resolved = new IdentityHashMap<>();
  private final Set<Operation> reportedDeclarations = new HashSet<>();
  private final AliasMerger aliases;
  private final ResourceMerger resources;

  private LinkPlanner(MlirFile target, SymbolIndex index, LibraryLookup library, List<Diagnostic> errors) {
    this.target = target;
    this.index = index;
    this.library = library;
    this.errors = errors;
    this.aliases = new AliasMerger(target);
    this.resources = new ResourceMerger(target);
  }

  /**
   * Plans the link of {@code target}. Problems are added to {@code errors}; when any is added the
   * returned plan must not be written.
   */
  public static LinkPlan plan(
      MlirFile target, SymbolIndex index, LibraryLookup library, List<Diagnostic> errors) {
    return new LinkPlanner(target, index, library, errors).plan();
  }

  private LinkPlan plan() {
    for (Operation op : target.operations()) {
      op.symbolName().ifPresent(targetNames::add);
    }
    for (Operation op : target.operations()) {
      if (op.kind() == OpKind.FUNCTION && op.isDeclaration()) {
        resolveTargetDeclaration(op);
      }
    }
    // Every definition that replaces a target declaration is placed there, so a dependency on it
    // is a call to the declaration's name, never a second copy (whatever the declaration order).
    List<Definition> roots = new ArrayList<>(new java.util.LinkedHashSet<>(replacementFor.values()));
    visited.addAll(roots);
    for (Definition definition : roots) {
      visit(definition);
    }
    assignFinalNames();
    if (!errors.isEmpty()) {
      return new LinkPlan(target, Map.of(), Map.of(), null, List.of(), List.of(), List.of(), List.of());
    }
    Map<Operation, PlacedText> replacements = new LinkedHashMap<>();
    Map<Operation, List<PlacedText>> insertedAfter = new LinkedHashMap<>();
    for (Map.Entry<Operation, Definition> entry : replacementFor.entrySet()) {
      Operation declaration = entry.getKey();
      Definition definition = entry.getValue();
      replacements.put(declaration, place(definition, declaration));
      List<PlacedText> after = new ArrayList<>();
      if (replacedDeclaration.get(definition) == declaration) {
        collectSubtree(definition, after);
      }
      insertedAfter.put(declaration, after);
    }
    // Globals, then the initializers that touch them (each followed by what it pulled in), go in
    // front of the target's first function so that initialization order stays valid.
    List<PlacedText> prelude = new ArrayList<>();
    for (Definition root : concat(linkedGlobals, linkedInitializers)) {
      prelude.add(place(root, null));
      collectSubtree(root, prelude);
    }
    Operation firstFunction = prelude.isEmpty() ? null : target.operations().stream()
        .filter(op -> op.kind() == OpKind.FUNCTION).findFirst().orElse(null);
    return new LinkPlan(target, replacements, insertedAfter, firstFunction, prelude,
        aliases.newDefinitions(), resources.newEntries(), linkedSymbols());
  }

  /** What was linked, in the order it was found: replaced declarations first, then the rest. */
  private List<LinkedSymbol> linkedSymbols() {
    List<LinkedSymbol> symbols = new ArrayList<>();
    for (Map.Entry<Operation, Definition> entry : replacementFor.entrySet()) {
      symbols.add(linkedSymbol(entry.getValue(), entry.getKey().symbolName().orElseThrow(), null));
    }
    for (Definition definition : concat(linked, linkedInitializers)) {
      Definition parent = neededBy.get(definition);
      symbols.add(linkedSymbol(definition, outputName(definition), outputName(parent)));
    }
    return symbols;
  }

  private LinkedSymbol linkedSymbol(Definition definition, String name, String neededByName) {
    Operation op = definition.op();
    String sourceName = op.symbolName().isPresent() ? definition.qualifiedName() : op.opName();
    return new LinkedSymbol(name, sourceName, op.opName(),
        op.source().locationOf(op.nameOffset()), neededByName);
  }

  private String outputName(Definition definition) {
    if (definition.op().symbolName().isEmpty()) {
      return definition.op().opName();
    }
    return finalNames.get(definition);
  }

  private static List<Definition> concat(List<Definition> a, List<Definition> b) {
    List<Definition> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  // ------------------------------------------------------------ resolution

  private void resolveTargetDeclaration(Operation declaration) {
    String name = declaration.symbolName().orElseThrow();
    Optional<Definition> found = index.lookup(name);
    if (found.isEmpty()) {
      found = library.find(name);
    }
    if (found.isEmpty()) {
      errors.add(unresolved(declaration, name, null));
      return;
    }
    Definition definition = found.get();
    if (!checkFunctionMatches(declaration, name, definition)) {
      return;
    }
    replacementFor.put(declaration, definition);
    replacedDeclaration.putIfAbsent(definition, declaration);
    finalNames.putIfAbsent(definition, name);
  }

  /** Whether {@code definition} is a function whose type equals the declaration's; reports if not. */
  private boolean checkFunctionMatches(Operation declaration, String name, Definition definition) {
    Operation op = definition.op();
    if (op.kind() != OpKind.FUNCTION) {
      errors.add(
          at(declaration, "symbol '" + name + "' is declared as a function but is a '" + op.opName() + "'")
              .withNote(op.source(), op.nameOffset(), "defined here"));
      return false;
    }
    try {
      FunctionSignature expected = declaration.signature();
      FunctionSignature actual = op.signature();
      if (!expected.equals(actual)) {
        errors.add(
            at(declaration,
                    "type mismatch for symbol '" + name + "': expected " + expected.display()
                        + ", got " + actual.display())
                .withNote(op.source(), op.nameOffset(), "defined here with type " + actual.display()));
        return false;
      }
    } catch (DiagnosticException e) {
      errors.add(e.diagnostic());
      return false;
    }
    return true;
  }

  /** One op whose dependencies are being followed, and how far. */
  private record Frame(Definition definition, java.util.Iterator<SymbolUse> uses) {}

  /**
   * Links what {@code root} uses, depth first in the order of its uses. An explicit stack rather
   * than recursion, so a call chain thousands of functions long needs no large thread stack.
   */
  private void visit(Definition root) {
    java.util.Deque<Frame> stack = new java.util.ArrayDeque<>();
    stack.push(new Frame(root, dependencies(root.op()).iterator()));
    while (!stack.isEmpty()) {
      Frame frame = stack.peek();
      if (!frame.uses().hasNext()) {
        stack.pop();
        continue;
      }
      Definition definition = frame.definition();
      SymbolUse use = frame.uses().next();
      Optional<Definition> dependency = resolveUse(definition, use.root());
      if (dependency.isEmpty() || !visited.add(dependency.get())) {
        continue;
      }
      Definition found = dependency.get();
      neededBy.put(found, definition);
      if (found.op().kind().isLinkedWithInitializers()) {
        linkGlobal(found);
        continue;
      }
      if (!SymbolIndex.isLinkable(found.op())) {
        errors.add(
            at(definition.op(), use.rootSpan().start(),
                "'" + use.root() + "' is a '" + found.op().opName()
                    + "'; linking it from a library is not supported yet"));
        continue;
      }
      children.computeIfAbsent(definition, d -> new ArrayList<>()).add(found);
      linked.add(found);
      stack.push(new Frame(found, dependencies(found.op()).iterator()));
    }
  }

  /**
   * Links a global (past iree-link, which refuses them) with every initializer of its module that
   * touches it, in their source order; what they use is linked in turn.
   */
  private void linkGlobal(Definition global) {
    linkedGlobals.add(global);
    linked.add(global);
    visit(global);
    for (Operation op : global.module().operations()) {
      if (op.kind() != OpKind.INITIALIZER) {
        continue;
      }
      boolean touches = op.symbolUses().stream().anyMatch(u -> u.root().equals(global.localName()));
      Definition initializer = new Definition(global.module(), op);
      if (touches && visited.add(initializer)) {
        neededBy.put(initializer, global);
        linkedInitializers.add(initializer);
        visit(initializer);
      }
    }
  }

  /** The symbol uses that make an op depend on others: not those inside an op linked whole. */
  private static List<SymbolUse> dependencies(Operation op) {
    if (op.kind().isScannedInside() || op.body().isEmpty()) {
      return op.symbolUses();
    }
    Span body = op.body().get();
    List<SymbolUse> outside = new ArrayList<>();
    for (SymbolUse use : op.symbolUses()) {
      if (!body.contains(use.rootSpan())) {
        outside.add(use);
      }
    }
    return outside;
  }

  /** What {@code @name} written in {@code user} refers to among the sources, if anything. */
  private Optional<Definition> resolveUse(Definition user, String name) {
    SourceModule module = user.module();
    Map<String, Optional<Definition>> cache = resolved.computeIfAbsent(module, m -> new HashMap<>());
    Optional<Definition> known = cache.get(name);
    if (known != null) {
      return known;
    }
    Optional<Definition> found = index.resolveFrom(module, name);
    Optional<Operation> declaration = module.declaration(name);
    if (found.isEmpty() && declaration.isPresent()) {
      found = library.find(name);
      if (found.isEmpty() && !targetNames.contains(name) && reportedDeclarations.add(declaration.get())) {
        errors.add(unresolved(declaration.get(), name, user));
      }
    }
    if (found.isPresent() && declaration.isPresent()
        && !checkFunctionMatches(declaration.get(), name, found.get())) {
      found = Optional.empty();
    }
    cache.put(name, found);
    return found;
  }

  /**
   * The error for a declaration nothing defines, with notes that help find out why: a private
   * symbol of that name (which cannot be linked), the chain of uses from the input's declaration
   * to {@code user} (the linked function that needs the name; null for the input's own
   * declaration), and where the module was looked for.
   */
  private Diagnostic unresolved(Operation declaration, String name, Definition user) {
    String message = "unresolved external symbol: '" + name + "'";
    String suggestion = Suggestions.closest(name, index.knownNames());
    if (suggestion != null) {
      message += "; did you mean '" + suggestion + "'?";
    }
    Diagnostic error = at(declaration, message);
    Optional<Definition> hidden = index.privateDefinition(name);
    if (hidden.isPresent()) {
      Operation op = hidden.get().op();
      error = error.withNote(op.source(), op.nameOffset(), "'" + hidden.get().localName()
          + "' is private to module @" + hidden.get().module().name().orElse("")
          + "; only public symbols can be linked");
    }
    for (Definition link = user; link != null; link = neededBy.get(link)) {
      Operation needing = link.op();
      error = error.withNote(needing.source(), needing.nameOffset(),
          "needed by '" + link.qualifiedName() + "', linked from here");
      Operation replaced = replacedDeclaration.get(link);
      if (replaced != null && neededBy.get(link) == null) {
        error = error.withNote(replaced.source(), replaced.nameOffset(),
            "which the input declares here");
      }
    }
    Optional<String> searched = library.searched(name);
    if (searched.isPresent()) {
      error = error.withNote(searched.get());
    }
    return error;
  }

  // ------------------------------------------------------------ names

  private void assignFinalNames() {
    Set<String> taken = new HashSet<>(targetNames);
    Set<String> desired = new HashSet<>();
    for (Definition definition : linked) {
      desired.add(desiredName(definition));
    }
    List<Definition> clashing = new ArrayList<>();
    for (Definition definition : linked) {
      String name = desiredName(definition);
      if (taken.add(name)) {
        finalNames.put(definition, name);
      } else {
        clashing.add(definition);
      }
    }
    for (Definition definition : clashing) {
      String name = FreshNames.fresh(
          desiredName(definition), candidate -> taken.contains(candidate) || desired.contains(candidate));
      taken.add(name);
      finalNames.put(definition, name);
    }
  }

  /** Public symbols of a named module are written qualified; everything else keeps its name. */
  private static String desiredName(Definition definition) {
    boolean qualify =
        definition.module().name().isPresent() && definition.op().visibility() == Visibility.PUBLIC;
    return qualify ? definition.qualifiedName() : definition.localName();
  }

  // ------------------------------------------------------------ edits

  /** The ops {@code parent} pulled in, each followed by what it pulled in (pre-order). */
  private void collectSubtree(Definition parent, List<PlacedText> out) {
    java.util.Deque<java.util.Iterator<Definition>> stack = new java.util.ArrayDeque<>();
    stack.push(children.getOrDefault(parent, List.of()).iterator());
    while (!stack.isEmpty()) {
      if (!stack.peek().hasNext()) {
        stack.pop();
        continue;
      }
      Definition child = stack.peek().next();
      out.add(place(child, null));
      stack.push(children.getOrDefault(child, List.of()).iterator());
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
    for (SymbolUse use : dependencies(op)) {
      Optional<Definition> target = resolveUse(definition, use.root());
      String name = target.map(finalNames::get).orElse(null);
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

  // ------------------------------------------------------------ diagnostics

  private static Diagnostic at(Operation op, String message) {
    return Diagnostic.error(op.source(), op.nameOffset(), message);
  }

  private static Diagnostic at(Operation op, int offset, String message) {
    return Diagnostic.error(op.source(), offset, message);
  }
}
