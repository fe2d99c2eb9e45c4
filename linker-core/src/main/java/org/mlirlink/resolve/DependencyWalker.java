package org.mlirlink.resolve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mlirlink.diagnostic.Diagnostic;
import org.mlirlink.diagnostic.DiagnosticCode;
import org.mlirlink.diagnostic.DiagnosticException;
import org.mlirlink.model.AliasDefinition;
import org.mlirlink.model.AliasUse;
import org.mlirlink.model.Diagnostics;
import org.mlirlink.model.FunctionSignature;
import org.mlirlink.model.MlirFile;
import org.mlirlink.model.OpKind;
import org.mlirlink.model.Operation;
import org.mlirlink.model.Suggestions;
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
  /**
   * What the walk knows about one definition it reached, and what the planner adds: fields rather
   * than maps keyed by definitions, which a link of hundreds of thousands of functions spends most
   * of its time in.
   */
  static final class Node {
    final Definition definition;

    /** The node whose use first pulled this one in; null for one that replaces a declaration. */
    Node neededBy;

    /** What this one pulled in itself, in the order of its uses: the first, then its siblings. */
    Node firstChild;

    Node nextSibling;

    /** Its name in the output ({@link NameAssigner}); null for an initializer. */
    String name;

    /**
     * Whether {@link #name} is written bare after {@code @} (1) or quoted (2); 0 until a reference
     * to it is first made. Asked for each reference the output makes.
     */
    byte nameForm;

    /** Where what its uses resolved to starts in {@link #usedNodes}. */
    int firstUse;

    Node(Definition definition) {
      this.definition = definition;
    }

    Operation op() {
      return definition.op();
    }
  }

  /** A node whose uses are being followed, how far, and the last child it pulled in so far. */
  private static final class Stack {
    Node[] nodes = new Node[16];
    List<?>[] uses = new List<?>[16];
    int[] next = new int[16];
    Node[] lastChild = new Node[16];
    int size;

    void push(Node node, List<SymbolUse> nodeUses) {
      if (size == nodes.length) {
        int capacity = 2 * size;
        nodes = Arrays.copyOf(nodes, capacity);
        uses = Arrays.copyOf(uses, capacity);
        next = Arrays.copyOf(next, capacity);
        lastChild = Arrays.copyOf(lastChild, capacity);
      }
      nodes[size] = node;
      uses[size] = nodeUses;
      next[size] = 0;
      lastChild[size] = null;
      size++;
    }

    void pop() {
      size--;
      nodes[size] = null;
      uses[size] = null;
      lastChild[size] = null;
    }
  }

  private final MlirFile target;
  private final SymbolIndex index;
  private final LinkPlanner.LibraryLookup library;
  private final List<Diagnostic> errors;

  private final Set<String> targetNames = new HashSet<>();
  private final Map<Operation, Node> replacementFor = new LinkedHashMap<>();
  private final Map<Node, Operation> replacedDeclaration = new IdentityHashMap<>();
  private final List<Node> roots = new ArrayList<>();
  private final List<Node> linked = new ArrayList<>();
  private final List<Node> linkedGlobals = new ArrayList<>();
  private final List<Node> linkedInitializers = new ArrayList<>();

  /** {@link #namesRunBy}'s answers, by initializer. */
  private final Map<Operation, Set<String>> namesRunBy = new IdentityHashMap<>();

  /** The modules globals were linked from, in the order found. */
  private final Set<SourceModule> globalModules = new LinkedHashSet<>();

  /** The node of each definition reached, by {@link Definition#id()}. */
  private Node[] nodes;

  /** The nodes of definitions without an id of {@link #index} (initializers), by op. */
  private final Map<Operation, Node> otherNodes = new IdentityHashMap<>();

  /**
   * What each use of each node followed resolved to (null: nothing), the uses of one node together
   * from its {@link Node#firstUse}: the planner renames uses by it without resolving them again.
   */
  private Node[] usedNodes = new Node[16];

  private int usedCount;

  /**
   * What names resolve to that a module does not simply define itself (null: nothing), per module:
   * such a name is looked up, and reported, once.
   */
  private final Map<SourceModule, Map<String, Definition>> resolved = new IdentityHashMap<>();

  private final Set<Operation> reportedDeclarations = new HashSet<>();

  /** The names used but defined nowhere that were reported, with their module: each once. */
  private final Set<List<Object>> reportedUses = new HashSet<>();

  private final SharedGlobals sharedGlobals;

  private DependencyWalker(
      MlirFile target,
      SymbolIndex index,
      LinkPlanner.LibraryLookup library,
      List<Diagnostic> errors) {
    this.target = target;
    this.index = index;
    this.library = library;
    this.errors = errors;
    this.nodes = new Node[Math.max(16, index.idCount())];
    this.sharedGlobals = new SharedGlobals(target);
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
    for (Node root : roots) {
      visit(root);
    }
    // Every linked op once: what replaces a declaration, what it needs, the initializers.
    for (List<Node> nodes : List.of(roots, linked, linkedInitializers)) {
      for (Node node : nodes) {
        checkAliasesNameNoSymbol(node);
      }
    }
  }

  /**
   * Reports a linked op's use of an alias whose value names a symbol or a resource ({@code #callee
   * = @h}), itself or through the aliases it uses. Copied as it is, the alias would keep a name the
   * link may have changed ({@code @h} linked as {@code @h_0}) or given to another (the target's own
   * {@code @h}), and the output would call the wrong function. Until the linker renames inside
   * aliases, that is an error at the use.
   */
  private void checkAliasesNameNoSymbol(Node node) {
    Operation op = node.op();
    MlirFile file = node.definition.module().file();
    for (AliasUse use : op.aliasUses()) {
      String named = namedInside(file, use.name(), null);
      if (named != null) {
        errors.add(
            at(
                op,
                use.span().start(),
                "alias '"
                    + use.name()
                    + "' names "
                    + named
                    + ", which the linker cannot rename inside an alias yet; write the alias's"
                    + " value in its place"));
        return; // one error for each op
      }
    }
  }

  /**
   * What the value of {@code file}'s alias {@code name} names, itself or through the aliases it
   * uses ({@code "the symbol '@h'"}), or null when it names no symbol and no resource. {@code seen}
   * holds the aliases looked into, null until one uses another.
   */
  private static String namedInside(MlirFile file, String name, Set<String> seen) {
    AliasDefinition definition = file.aliases().get(name);
    if (definition == null || (seen != null && !seen.add(name))) {
      return null;
    }
    if (!definition.symbolUses().isEmpty()) {
      return "the symbol '@" + definition.symbolUses().get(0).root() + "'";
    }
    if (!definition.resourceUses().isEmpty()) {
      return "the resource '" + definition.resourceUses().get(0).key() + "'";
    }
    if (seen == null && !definition.aliasUses().isEmpty()) {
      seen = new HashSet<>(List.of(name));
    }
    for (AliasUse inner : definition.aliasUses()) {
      String named = namedInside(file, inner.name(), seen);
      if (named != null) {
        return named;
      }
    }
    return null;
  }

  /** Every name the target defines or declares; a linked symbol never takes one. */
  Set<String> targetNames() {
    return targetNames;
  }

  /** Each target declaration that a definition replaces, with that definition, in target order. */
  Map<Operation, Node> replacements() {
    return replacementFor;
  }

  /**
   * The first target declaration that {@code node}'s definition replaces (the one whose place gets
   * its dependencies), or null.
   */
  Operation replacedDeclaration(Node node) {
    return replacedDeclaration.get(node);
  }

  /** Every definition linked as a dependency (globals included, initializers not), as found. */
  List<Node> linked() {
    return linked;
  }

  /** The initializers linked with those globals, as found. */
  List<Node> linkedInitializers() {
    return linkedInitializers;
  }

  /**
   * The globals linked and the initializers linked with them, in the order they must run: module by
   * module, a module after every module whose globals its own globals and initializers use
   * (directly or through the functions they call), and in each module in its source order, which
   * its own initializers were written for (a global before the initializers that read it, a global
   * after another that its attributes name). Modules that use each other's globals keep the order
   * they were found in.
   */
  List<Node> linkedGlobalsAndInitializers() {
    List<Node> items = new ArrayList<>(linkedGlobals.size() + linkedInitializers.size());
    items.addAll(linkedGlobals);
    items.addAll(linkedInitializers);
    Map<SourceModule, Integer> moduleOrder = new IdentityHashMap<>();
    for (SourceModule module : modulesInInitializationOrder(items)) {
      moduleOrder.put(module, moduleOrder.size());
    }
    items.sort( // a lambda of ours, not Comparator's: see PlacedText.BY_POSITION
        (a, b) -> {
          int byModule =
              Integer.compare(
                  moduleOrder.get(a.definition.module()), moduleOrder.get(b.definition.module()));
          return byModule != 0
              ? byModule
              : Long.compare(a.op().range().start(), b.op().range().start());
        });
    return items;
  }

  /**
   * {@link #globalModules}, each after the modules whose globals it needs: depth first from each in
   * the order found, so that a cycle keeps that order.
   */
  private List<SourceModule> modulesInInitializationOrder(List<Node> items) {
    if (globalModules.size() < 2) {
      return new ArrayList<>(globalModules);
    }
    Map<SourceModule, Set<SourceModule>> needs = new IdentityHashMap<>();
    Map<SourceModule, Set<Node>> reached = new IdentityHashMap<>();
    for (Node item : items) {
      SourceModule module = item.definition.module();
      Set<SourceModule> needed = needs.computeIfAbsent(module, m -> new LinkedHashSet<>());
      Set<Node> seen = reached.computeIfAbsent(module, m -> new HashSet<>());
      collectNeededModules(item, module, seen, needed);
    }
    List<SourceModule> ordered = new ArrayList<>();
    Set<SourceModule> placed = new HashSet<>();
    for (SourceModule module : globalModules) {
      place(module, needs, placed, ordered);
    }
    return ordered;
  }

  private static void place(
      SourceModule module,
      Map<SourceModule, Set<SourceModule>> needs,
      Set<SourceModule> placed,
      List<SourceModule> ordered) {
    if (!placed.add(module)) {
      return;
    }
    for (SourceModule needed : needs.getOrDefault(module, Set.of())) {
      place(needed, needs, placed, ordered);
    }
    ordered.add(module);
  }

  /**
   * Adds to {@code needed} the modules, other than {@code own}, of the globals that {@code from}
   * uses, through the functions it calls. An explicit stack: a call chain can be long.
   */
  private void collectNeededModules(
      Node from, SourceModule own, Set<Node> seen, Set<SourceModule> needed) {
    List<Node> stack = new ArrayList<>();
    stack.add(from);
    while (!stack.isEmpty()) {
      Node node = stack.remove(stack.size() - 1);
      for (int i = 0, n = node.op().dependencyUses().size(); i < n; i++) {
        Node used = usedNode(node, i);
        if (used == null || !seen.add(used)) {
          continue;
        }
        if (used.op().kind().isLinkedWithInitializers()) {
          if (used.definition.module() != own) {
            needed.add(used.definition.module());
          }
        } else {
          stack.add(used);
        }
      }
    }
  }

  /**
   * What the {@code i}th of {@code node}'s {@link #dependencies} resolved to when the walk followed
   * it: the node of the definition {@link #resolveUse} gives for it, or null.
   */
  Node usedNode(Node node, int i) {
    return usedNodes[node.firstUse + i];
  }

  /** The node of {@code definition} if the walk reached it, else null. */
  Node node(Definition definition) {
    int id = definition.id();
    if (id >= 0 && index.byId(id) == definition) {
      return id < nodes.length ? nodes[id] : null;
    }
    return otherNodes.get(definition.op());
  }

  /** The node of {@code definition}, made now if the walk has not reached it yet. */
  private Node reach(Definition definition) {
    int id = definition.id();
    if (id >= 0 && index.byId(id) == definition) {
      if (id >= nodes.length) {
        nodes = Arrays.copyOf(nodes, Math.max(2 * nodes.length, index.idCount()));
      }
      Node node = nodes[id];
      if (node == null) {
        node = nodes[id] = new Node(definition);
      }
      return node;
    }
    return otherNodes.computeIfAbsent(definition.op(), op -> new Node(definition));
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
    boolean first = node(definition) == null;
    Node node = reach(definition);
    if (first) {
      roots.add(node);
      replacedDeclaration.put(node, declaration);
    }
    replacementFor.put(declaration, node);
  }

  /**
   * Whether {@code definition} is a function of the declaration's op ({@code util.func} or {@code
   * func.func}) and type; reports if not.
   */
  private boolean checkFunctionMatches(Operation declaration, String name, Definition definition) {
    Operation op = definition.op();
    if (op.kind() != OpKind.FUNCTION) {
      errors.add(
          at(declaration, LinkMessages.notAFunction(name, op.opName()))
              .withNote(Diagnostics.note(op.source(), op.nameOffset(), "defined here"))
              .withCode(DiagnosticCode.TYPE_MISMATCH));
      return false;
    }
    if (!op.opName().equals(declaration.opName())) {
      errors.add(
          at(declaration, LinkMessages.otherFunctionOp(name, declaration.opName(), op.opName()))
              .withNote(Diagnostics.note(op.source(), op.nameOffset(), "defined here"))
              .withCode(DiagnosticCode.TYPE_MISMATCH));
      return false;
    }
    try {
      FunctionSignature expected = declaration.signature();
      FunctionSignature actual = op.signature();
      if (!expected.equals(actual)) {
        errors.add(
            at(declaration, LinkMessages.typeMismatch(name, expected, actual))
                .withNote(
                    Diagnostics.note(
                        op.source(), op.nameOffset(), LinkMessages.definedWithType(actual)))
                .withCode(DiagnosticCode.TYPE_MISMATCH));
        return false;
      }
    } catch (DiagnosticException e) {
      errors.add(e.diagnostic());
      return false;
    }
    return true;
  }

  /**
   * Links what {@code root} uses, depth first in the order of its uses. An explicit stack rather
   * than recursion, so a call chain thousands of functions long needs no large thread stack.
   */
  private void visit(Node root) {
    Stack stack = new Stack();
    follow(stack, root);
    while (stack.size > 0) {
      step(stack);
    }
  }

  /**
   * Follows the next use of the node on top of the stack, or pops it when it has none left. (A
   * method of its own, called for each use: on a cold JVM it is compiled after a few hundred calls,
   * where a loop body is compiled only after tens of thousands of rounds.)
   */
  private void step(Stack stack) {
    int top = stack.size - 1;
    List<?> uses = stack.uses[top];
    int next = stack.next[top];
    if (next == uses.size()) {
      stack.pop();
      return;
    }
    stack.next[top] = next + 1;
    Node user = stack.nodes[top];
    SymbolUse use = (SymbolUse) uses.get(next);
    Definition dependency = resolveUse(user, use.root());
    Node known = dependency == null ? null : node(dependency);
    if (dependency == null || known != null) {
      usedNodes[user.firstUse + next] = known;
      if (dependency == null) {
        checkDefinedSomewhere(user, use);
      }
      return;
    }
    Node found = reach(dependency);
    usedNodes[user.firstUse + next] = found;
    found.neededBy = user;
    if (dependency.op().kind().isLinkedWithInitializers()) {
      linkGlobal(found);
      return;
    }
    if (!SymbolIndex.isLinkable(dependency.op())) {
      errors.add(
          at(
              user.op(),
              use.rootSpan().start(),
              "'"
                  + use.root()
                  + "' is a '"
                  + dependency.op().opName()
                  + "'; linking it from a library is not supported yet"));
      return;
    }
    Node previous = stack.lastChild[top];
    if (previous == null) {
      user.firstChild = found;
    } else {
      previous.nextSibling = found;
    }
    stack.lastChild[top] = found;
    linked.add(found);
    follow(stack, found);
  }

  /** Puts {@code node} on the stack, with room for what its uses resolve to. */
  private void follow(Stack stack, Node node) {
    List<SymbolUse> uses = node.op().dependencyUses();
    node.firstUse = usedCount;
    usedCount += uses.size();
    if (usedCount > usedNodes.length) {
      usedNodes = Arrays.copyOf(usedNodes, Math.max(2 * usedNodes.length, usedCount));
    }
    stack.push(node, uses);
  }

  /**
   * Links a global (past iree-link, which refuses them) with every initializer of its module that
   * touches it, itself or through a function of the module it calls ({@code util.call @setup},
   * which stores it), in their source order; what they use is linked in turn.
   */
  private void linkGlobal(Node global) {
    sharedGlobals.linked(global.definition);
    linkedGlobals.add(global);
    linked.add(global);
    visit(global);
    SourceModule module = global.definition.module();
    String name = global.definition.localName();
    for (Operation op : module.operations()) {
      if (op.kind() != OpKind.INITIALIZER) {
        continue;
      }
      boolean touches = namesRunBy(module, op).contains(name);
      Definition initializer = new Definition(module, op, -1);
      if (touches && node(initializer) == null) {
        Node node = reach(initializer);
        node.neededBy = global;
        linkedInitializers.add(node);
        visit(node);
      }
    }
    globalModules.add(module);
  }

  /** The names that an initializer of {@code module} uses, itself or in the functions it calls. */
  private Set<String> namesRunBy(SourceModule module, Operation initializer) {
    Set<String> names = namesRunBy.get(initializer);
    if (names == null) {
      names = new HashSet<>();
      for (Operation run : sharedGlobals.runBy(module, initializer)) {
        for (SymbolUse use : run.symbolUses()) {
          names.add(use.root());
        }
      }
      namesRunBy.put(initializer, names);
    }
    return names;
  }

  /**
   * What {@code @name} written in {@code user}'s module refers to among the sources, or null. A
   * name the module defines itself (and does not declare) is its own definition, except a global
   * that is a copy of the target's ({@link SharedGlobals}: null, the target's is used) or of one
   * linked from another library (that one); any other is looked up once per module, so it is
   * reported once.
   */
  Definition resolveUse(Node user, String name) {
    SourceModule module = user.definition.module();
    Definition local = module.localDefinition(name);
    boolean own = local != null && !module.declares(name);
    if (own && local.op().kind() != OpKind.GLOBAL) {
      return local;
    }
    Map<String, Definition> cache = resolved.computeIfAbsent(module, m -> new HashMap<>());
    if (cache.containsKey(name)) {
      return cache.get(name);
    }
    if (own) {
      // A copy of one of the target's globals (its device) is the target's: nothing to link.
      Definition found = sharedGlobals.resolve(local);
      cache.put(name, found);
      return found;
    }
    Definition found = local != null ? local : index.lookupOrNull(name);
    Operation declaration = module.declaration(name).orElse(null);
    if (found == null && declaration != null) {
      found = library.find(name).orElse(null);
      if (found == null && !targetNames.contains(name) && reportedDeclarations.add(declaration)) {
        errors.add(unresolved(declaration, name, user));
      }
    }
    if (found != null && declaration != null && !checkFunctionMatches(declaration, name, found)) {
      found = null;
    }
    cache.put(name, found);
    return found;
  }

  /**
   * Reports a use in a linked function, global or initializer of a name that nothing defines: not
   * its module, nor a source module that exports it, nor the target. Copied as it is, the use would
   * name nothing in the output, which IREE rejects ({@code util.call @nope}, {@code flow.dispatch
   * @ex::@entry}). A name its module declares was reported as that declaration; uses inside other
   * ops may name what those ops define inside themselves, and are left alone. So is a name inside
   * an attribute's or type's {@code <...>} ({@code on(#hal.device.affinity<@device_a>)}), which
   * MLIR's verifiers do not look up and IREE's tests leave undefined.
   */
  private void checkDefinedSomewhere(Node user, SymbolUse use) {
    OpKind kind = user.op().kind();
    if (kind != OpKind.FUNCTION && kind != OpKind.GLOBAL && kind != OpKind.INITIALIZER) {
      return;
    }
    String before = user.op().textBefore(use);
    boolean reachesOpStart = before.length() == use.rootSpan().start() - user.op().range().start();
    if (!outsideAngleBrackets(before, reachesOpStart)) {
      return;
    }
    String name = use.root();
    SourceModule module = user.definition.module();
    if (targetNames.contains(name)
        || module.localDefinition(name) != null
        || module.declares(name)
        || !reportedUses.add(List.of(module, name))) {
      return;
    }
    errors.add(unresolved(user.op(), use.rootSpan().start(), name, user));
  }

  /**
   * Whether a use, whose line's text in front of it ends {@code before}, stands outside every
   * {@code <...>} of that line ({@code <{...}>} properties and {@code ->} do not count). False when
   * {@code before} holds no line start and is not all of the op in front of the use ({@code
   * whole}): it cannot tell.
   */
  private static boolean outsideAngleBrackets(String before, boolean whole) {
    int lineStart = before.lastIndexOf('\n') + 1;
    if (lineStart == 0 && !whole) {
      return false;
    }
    int depth = 0;
    for (int i = lineStart; i < before.length(); i++) {
      char c = before.charAt(i);
      char next = i + 1 < before.length() ? before.charAt(i + 1) : 0;
      char previous = i > 0 ? before.charAt(i - 1) : 0;
      if (c == '<' && next != '{' && next != '=') {
        depth++;
      } else if (c == '>' && previous != '-' && previous != '}' && next != '=') {
        depth--;
      }
    }
    return depth <= 0;
  }

  /**
   * The error for a declaration nothing defines, with notes that help find out why: a private
   * symbol of that name (which cannot be linked), the chain of uses from the input's declaration to
   * {@code user} (the linked function that needs the name; null for the input's own declaration),
   * and where the module was looked for.
   */
  private Diagnostic unresolved(Operation declaration, String name, Node user) {
    return unresolved(declaration, declaration.nameOffset(), name, user);
  }

  /**
   * {@link #unresolved(Operation, String, Node)} for the name written at {@code offset} of {@code
   * site}.
   */
  private Diagnostic unresolved(Operation site, long offset, String name, Node user) {
    String suggestion = Suggestions.closest(name, index.knownNames());
    Diagnostic error =
        at(site, offset, LinkMessages.unresolved(name, suggestion))
            .withCode(DiagnosticCode.UNRESOLVED_EXTERNAL);
    Optional<Definition> hidden = index.privateDefinition(name);
    if (hidden.isPresent()) {
      Operation op = hidden.get().op();
      error =
          error.withNote(
              Diagnostics.note(
                  op.source(),
                  op.nameOffset(),
                  LinkMessages.privateTo(
                      hidden.get().localName(), hidden.get().module().name().orElse(""))));
    }
    for (Node link = user; link != null; link = link.neededBy) {
      Operation needing = link.op();
      error =
          error.withNote(
              Diagnostics.note(
                  needing.source(),
                  needing.nameOffset(),
                  "needed by '" + nameForNotes(link) + "', linked from here"));
      Operation replaced = replacedDeclaration.get(link);
      if (replaced != null && link.neededBy == null) {
        error =
            error.withNote(
                Diagnostics.note(
                    replaced.source(), replaced.nameOffset(), "which the input declares here"));
      }
    }
    Optional<String> searched = library.searched(name);
    if (searched.isPresent()) {
      error = error.withNote(searched.get());
    }
    return error;
  }

  /** How a note names a linked op: its qualified name; an initializer, which has none, its op. */
  private static String nameForNotes(Node node) {
    return node.definition.localNameOrNull() == null
        ? node.op().opName()
        : node.definition.qualifiedName();
  }

  private static Diagnostic at(Operation op, String message) {
    return Diagnostics.error(op.source(), op.nameOffset(), message);
  }

  private static Diagnostic at(Operation op, long offset, String message) {
    return Diagnostics.error(op.source(), offset, message);
  }
}
