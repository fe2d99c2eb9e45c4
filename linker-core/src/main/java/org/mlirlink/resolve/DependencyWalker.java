package org.mlirlink.resolve;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mlirlink.diagnostic.Diagnostic;
import org.mlirlink.diagnostic.DiagnosticException;
import org.mlirlink.diagnostic.Suggestions;
import org.mlirlink.model.FunctionSignature;
import org.mlirlink.model.MlirFile;
import org.mlirlink.model.OpKind;
import org.mlirlink.model.Operation;
import org.mlirlink.model.Span;
import org.mlirlink.model.SymbolUse;

/**
 * Finds which definitions a link needs and in what order: the definition of each of the target's
 * function declarations (its type checked against the declaration), then, depth first in the order
 * of their uses, everything those use in turn. A name nothing defines is an error whose notes say
 * how it came to be needed.
 *
 * <p>Every order is input order, so the same inputs always give the same output: declarations in
 * target order, dependencies in the order they are first used.
 *
 * <pre>{@code
 * DependencyWalker walk = DependencyWalker.walk(target, index, library, errors);
 * walk.replacements();   // target declaration -> the definition that replaces it
 * walk.linked();         // everything else linked, in the order found
 * }</pre>
 */
final class DependencyWalker {
  private final MlirFile target;
  private final SymbolIndex index;
  private final LinkPlanner.LibraryLookup library;
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
  private final Map<SourceModule, Map<String, Optional<Definition>>> resolved =
      new IdentityHashMap<>();
  private final Set<Operation> reportedDeclarations = new HashSet<>();

  private DependencyWalker(
      MlirFile target,
      SymbolIndex index,
      LinkPlanner.LibraryLookup library,
      List<Diagnostic> errors) {
    this.target = target;
    this.index = index;
    this.library = library;
    this.errors = errors;
  }

  /** Walks what linking {@code target} needs; problems are added to {@code errors}. */
  static DependencyWalker walk(
      MlirFile target,
      SymbolIndex index,
      LinkPlanner.LibraryLookup library,
      List<Diagnostic> errors) {
    DependencyWalker walker = new DependencyWalker(target, index, library, errors);
    walker.walk();
    return walker;
  }

  private void walk() {
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
    List<Definition> roots = new ArrayList<>(new LinkedHashSet<>(replacementFor.values()));
    visited.addAll(roots);
    for (Definition definition : roots) {
      visit(definition);
    }
  }

  /** Every name the target defines or declares; a linked symbol never takes one. */
  Set<String> targetNames() {
    return targetNames;
  }

  /** Each target declaration that a definition replaces, with that definition, in target order. */
  Map<Operation, Definition> replacements() {
    return replacementFor;
  }

  /**
   * The first target declaration that {@code definition} replaces (the one whose place gets its
   * dependencies), or null.
   */
  Operation replacedDeclaration(Definition definition) {
    return replacedDeclaration.get(definition);
  }

  /** What {@code definition} pulled in itself, in the order of its uses (globals not included). */
  List<Definition> children(Definition definition) {
    return children.getOrDefault(definition, List.of());
  }

  /** Every definition linked as a dependency (globals included, initializers not), as found. */
  List<Definition> linked() {
    return linked;
  }

  /** The globals linked, as found. */
  List<Definition> linkedGlobals() {
    return linkedGlobals;
  }

  /** The initializers linked with those globals, as found. */
  List<Definition> linkedInitializers() {
    return linkedInitializers;
  }

  /** The definition whose use first pulled {@code definition} in, or null for a replacement. */
  Definition neededBy(Definition definition) {
    return neededBy.get(definition);
  }

  /** The symbol uses that make an op depend on others: not those inside an op linked whole. */
  static List<SymbolUse> dependencies(Operation op) {
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
  }

  /**
   * Whether {@code definition} is a function whose type equals the declaration's; reports if not.
   */
  private boolean checkFunctionMatches(Operation declaration, String name, Definition definition) {
    Operation op = definition.op();
    if (op.kind() != OpKind.FUNCTION) {
      errors.add(
          at(
                  declaration,
                  "symbol '" + name + "' is declared as a function but is a '" + op.opName() + "'")
              .withNote(op.source(), op.nameOffset(), "defined here"));
      return false;
    }
    try {
      FunctionSignature expected = declaration.signature();
      FunctionSignature actual = op.signature();
      if (!expected.equals(actual)) {
        errors.add(
            at(
                    declaration,
                    "type mismatch for symbol '"
                        + name
                        + "': expected "
                        + expected.display()
                        + ", got "
                        + actual.display())
                .withNote(
                    op.source(), op.nameOffset(), "defined here with type " + actual.display()));
        return false;
      }
    } catch (DiagnosticException e) {
      errors.add(e.diagnostic());
      return false;
    }
    return true;
  }

  /** One op whose dependencies are being followed, and how far. */
  private record Frame(Definition definition, Iterator<SymbolUse> uses) {}

  /**
   * Links what {@code root} uses, depth first in the order of its uses. An explicit stack rather
   * than recursion, so a call chain thousands of functions long needs no large thread stack.
   */
  private void visit(Definition root) {
    Deque<Frame> stack = new ArrayDeque<>();
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
            at(
                definition.op(),
                use.rootSpan().start(),
                "'"
                    + use.root()
                    + "' is a '"
                    + found.op().opName()
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

  /**
   * What {@code @name} written in {@code user} refers to among the sources, if anything. Answers
   * are kept per module, so a name is looked up (and reported) once.
   */
  Optional<Definition> resolveUse(Definition user, String name) {
    SourceModule module = user.module();
    Map<String, Optional<Definition>> cache =
        resolved.computeIfAbsent(module, m -> new HashMap<>());
    Optional<Definition> known = cache.get(name);
    if (known != null) {
      return known;
    }
    Optional<Definition> found = index.resolveFrom(module, name);
    Optional<Operation> declaration = module.declaration(name);
    if (found.isEmpty() && declaration.isPresent()) {
      found = library.find(name);
      if (found.isEmpty()
          && !targetNames.contains(name)
          && reportedDeclarations.add(declaration.get())) {
        errors.add(unresolved(declaration.get(), name, user));
      }
    }
    if (found.isPresent()
        && declaration.isPresent()
        && !checkFunctionMatches(declaration.get(), name, found.get())) {
      found = Optional.empty();
    }
    cache.put(name, found);
    return found;
  }

  /**
   * The error for a declaration nothing defines, with notes that help find out why: a private
   * symbol of that name (which cannot be linked), the chain of uses from the input's declaration to
   * {@code user} (the linked function that needs the name; null for the input's own declaration),
   * and where the module was looked for.
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
      error =
          error.withNote(
              op.source(),
              op.nameOffset(),
              "'"
                  + hidden.get().localName()
                  + "' is private to module @"
                  + hidden.get().module().name().orElse("")
                  + "; only public symbols can be linked");
    }
    for (Definition link = user; link != null; link = neededBy.get(link)) {
      Operation needing = link.op();
      error =
          error.withNote(
              needing.source(),
              needing.nameOffset(),
              "needed by '" + link.qualifiedName() + "', linked from here");
      Operation replaced = replacedDeclaration.get(link);
      if (replaced != null && neededBy.get(link) == null) {
        error =
            error.withNote(
                replaced.source(), replaced.nameOffset(), "which the input declares here");
      }
    }
    Optional<String> searched = library.searched(name);
    if (searched.isPresent()) {
      error = error.withNote(searched.get());
    }
    return error;
  }

  private static Diagnostic at(Operation op, String message) {
    return Diagnostic.error(op.source(), op.nameOffset(), message);
  }

  private static Diagnostic at(Operation op, long offset, String message) {
    return Diagnostic.error(op.source(), offset, message);
  }
}
