package org.mlirlink.workspace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.mlirlink.LibraryFiles;
import org.mlirlink.model.Operation;
import org.mlirlink.workspace.Document.Reference;
import org.mlirlink.workspace.Document.Scope;
import org.mlirlink.workspace.Document.Symbol;

/**
 * The symbols of every document by name, so that a name is resolved across files the way a link
 * resolves it: a module's own definition first, then (for a name the module declares) the public
 * definition known by that qualified name, then by its plain name. A document is added and removed
 * as a whole, so an edit touches only the entries of the document edited. Each list is kept in path
 * order: where several documents define a name, the first path wins, as the first library file does
 * in a link.
 */
final class WorkspaceIndex {
  /** Linkable definitions by qualified name ({@code m.f}, or {@code f} in an anonymous module). */
  private final Map<String, List<Symbol>> definitions = new HashMap<>();

  /** Public linkable definitions of named modules by their own name. */
  private final Map<String, List<Symbol>> publicByPlainName = new HashMap<>();

  private final Map<String, List<Scope>> modules = new HashMap<>();
  private final Map<String, List<Symbol>> declarations = new HashMap<>();
  private final Map<String, List<Reference>> references = new HashMap<>();

  /** Every public name a declaration can resolve to, made when first asked after a change. */
  private List<String> knownNames;

  /** Adds a document's symbols: those of its last readable version while it does not read. */
  void add(Document added) {
    knownNames = null;
    paths.add(added.path);
    Document document = added.indexed();
    if (document == null) {
      return;
    }
    for (Scope scope : document.scopes) {
      if (scope.moduleName != null) {
        insert(modules, scope.moduleName, scope, s -> s.document);
      }
      for (Symbol symbol : scope.symbols) {
        if (symbol.isDeclaration()) {
          insert(declarations, symbol.name(), symbol, Symbol::document);
        } else if (isLinkable(symbol.op()) && scope.definitions.get(symbol.name()) == symbol) {
          // Only the op the scope gives the name to: another may have it too, as a guess of ours
          // (Operation.symbolOwner).
          insert(definitions, symbol.qualifiedName(), symbol, Symbol::document);
          if (scope.moduleName != null && symbol.isPublic()) {
            insert(publicByPlainName, symbol.name(), symbol, Symbol::document);
          }
        }
      }
    }
    for (Reference reference : document.references) {
      insert(references, reference.use().root(), reference, r -> r.scope().document);
    }
  }

  void remove(Document removed) {
    knownNames = null;
    paths.remove(removed.path);
    Document document = removed.indexed();
    if (document == null) {
      return;
    }
    for (Scope scope : document.scopes) {
      if (scope.moduleName != null) {
        delete(modules, scope.moduleName, s -> s.document == document);
      }
      for (Symbol symbol : scope.symbols) {
        delete(declarations, symbol.name(), s -> s.document() == document);
        delete(definitions, symbol.qualifiedName(), s -> s.document() == document);
        delete(publicByPlainName, symbol.name(), s -> s.document() == document);
      }
    }
    for (Reference reference : document.references) {
      delete(references, reference.use().root(), r -> r.scope().document == document);
    }
  }

  /**
   * What {@code @name} written in {@code scope} means: the scope's own definition, or for a name
   * the scope declares, the definition it links to; null when neither.
   */
  Symbol resolve(Scope scope, String name) {
    Symbol local = scope.definitions.get(name);
    if (local != null) {
      return local;
    }
    return scope.declarations.containsKey(name) ? lookup(scope, name) : null;
  }

  /** The definition a declaration of {@code name} in {@code from} links to, or null. */
  Symbol lookup(Scope from, String name) {
    List<Symbol> found = candidates(from, name);
    return found.isEmpty() ? null : found.get(0);
  }

  /**
   * Every public definition a declaration of {@code name} in {@code from} links to, in the order a
   * link would take them; empty when it links to none. A dotted name {@code prefix.rest} is found
   * as a link of {@code from}'s document finds it, with the library roots as its library paths:
   * among the document's own definitions, else in {@code ROOT/prefix.mlir} of the first root that
   * has that file, else in the one file under the roots that declares {@code module @prefix}
   * ({@link #ambiguousModules} when more than one does: the link stops there). A plain name, which
   * a link resolves against the link modules it is given, by qualified name and then by the plain
   * name of a named module's public symbol.
   */
  List<Symbol> candidates(Scope from, String name) {
    int dot = name.indexOf('.');
    if (dot <= 0) {
      List<Symbol> found = publics(definitions.get(name), false);
      return found.isEmpty() ? publics(publicByPlainName.get(name), false) : found;
    }
    List<Symbol> found = publics(definitions.get(name), true);
    List<Symbol> own = new ArrayList<>();
    for (Symbol symbol : found) {
      if (symbol.document().path.equals(from.document.path)) {
        own.add(symbol);
      }
    }
    if (!own.isEmpty()) { // the document is the link's module: its own definitions come first
      return own;
    }
    Path file = moduleFile(from, name.substring(0, dot));
    found.removeIf(symbol -> file == null || !symbol.document().path.equals(file));
    return found;
  }

  /**
   * The file a link of {@code from}'s document takes module {@code prefix} from: {@code
   * ROOT/prefix.mlir} if a root has it, else the one other file under the roots declaring the
   * module; null when there is none, or more than one ({@link #ambiguousModules}).
   */
  Path moduleFile(Scope from, String prefix) {
    Path file = prefixFile(prefix);
    if (file != null) {
      return file;
    }
    List<Scope> declaring = declaringModules(from, prefix);
    return declaring.size() == 1 ? declaring.get(0).document.path : null;
  }

  /**
   * The modules named after the dotted {@code name}'s prefix that make a link of {@code from}'s
   * document fail, one per file, in the order the link finds them: two or more files under the
   * roots declaring that module, where no root has a file named after it and the document does not
   * define {@code name} itself. Empty when the name is not ambiguous.
   */
  List<Scope> ambiguousModules(Scope from, String name) {
    int dot = name.indexOf('.');
    if (dot <= 0) {
      return List.of();
    }
    for (Symbol symbol : publics(definitions.get(name), true)) {
      if (symbol.document().path.equals(from.document.path)) {
        return List.of();
      }
    }
    String prefix = name.substring(0, dot);
    if (prefixFile(prefix) != null) {
      return List.of();
    }
    List<Scope> declaring = declaringModules(from, prefix);
    return declaring.size() > 1 ? declaring : List.of();
  }

  /**
   * The modules named {@code prefix} that a link of {@code from}'s document finds under its library
   * paths: in the files under the roots (an open document elsewhere is no library file), other than
   * the document itself (the link's module), one per file, in root order and then path order.
   */
  List<Scope> declaringModules(Scope from, String prefix) {
    List<Scope> found = new ArrayList<>();
    Set<Path> files = new HashSet<>();
    for (Path root : roots) {
      for (Scope module : modules(prefix)) {
        Path path = module.document.path;
        if (path.startsWith(root) && !path.equals(from.document.path) && files.add(path)) {
          found.add(module);
        }
      }
    }
    return found;
  }

  /** The library roots in order. */
  List<Path> roots() {
    return roots;
  }

  private static List<Symbol> publics(List<Symbol> symbols, boolean inNamedModules) {
    List<Symbol> found = new ArrayList<>();
    for (Symbol symbol : symbols == null ? List.<Symbol>of() : symbols) {
      if (symbol.isPublic() && (!inNamedModules || symbol.scope().moduleName != null)) {
        found.add(symbol);
      }
    }
    return found;
  }

  /** The library roots in order: a file named after a module is looked for in each. */
  private List<Path> roots = List.of();

  private final Set<Path> paths = new HashSet<>();

  void roots(List<Path> roots) {
    this.roots = List.copyOf(roots);
  }

  /**
   * {@code ROOT/prefix.mlir} (else {@code ROOT/prefix.mlirbc}) for the first root that has it among
   * the documents, or null: a link's library search takes module {@code prefix} from that file
   * before looking at module names.
   */
  Path prefixFile(String prefix) {
    for (Path root : roots) {
      for (String suffix : LibraryFiles.MLIR_SUFFIXES) {
        Path file = root.resolve(prefix + suffix);
        if (paths.contains(file)) {
          return file;
        }
      }
    }
    return null;
  }

  /** A private definition whose qualified name is {@code name}, or null: it cannot be linked. */
  Symbol privateDefinition(String name) {
    for (Symbol symbol : definitions.getOrDefault(name, List.of())) {
      if (!symbol.isPublic()) {
        return symbol;
      }
    }
    return null;
  }

  /** The modules named {@code name}, in path order. */
  List<Scope> modules(String name) {
    return modules.getOrDefault(name, List.of());
  }

  /** Every module name, with the first module of each name. */
  Map<String, List<Scope>> modules() {
    return modules;
  }

  /** Every declaration named {@code name}. */
  List<Symbol> declarations(String name) {
    return declarations.getOrDefault(name, List.of());
  }

  /** Every reference written {@code @name}. */
  List<Reference> references(String name) {
    return references.getOrDefault(name, List.of());
  }

  /** The public names declarations can link to, for "did you mean". */
  List<String> knownNames() {
    if (knownNames == null) {
      List<String> names = new ArrayList<>();
      definitions.forEach(
          (name, symbols) -> {
            if (symbols.stream().anyMatch(Symbol::isPublic)) {
              names.add(name);
            }
          });
      names.sort(null);
      knownNames = names;
    }
    return knownNames;
  }

  /** A definition another module can link to (not a module, a global or an initializer). */
  static boolean isLinkable(Operation op) {
    return op.kind().isLinkable() && !op.isDeclaration();
  }

  private static <T> void insert(
      Map<String, List<T>> map, String key, T value, Function<T, Document> document) {
    List<T> list = map.computeIfAbsent(key, k -> new ArrayList<>(1));
    int at = list.size();
    while (at > 0
        && document.apply(list.get(at - 1)).path.compareTo(document.apply(value).path) > 0) {
      at--;
    }
    list.add(at, value);
  }

  private static <T> void delete(
      Map<String, List<T>> map, String key, java.util.function.Predicate<T> ofDocument) {
    List<T> list = map.get(key);
    if (list != null && list.removeIf(ofDocument) && list.isEmpty()) {
      map.remove(key);
    }
  }
}
