package org.mlirlink.workspace;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.mlirlink.LibraryFiles;
import org.mlirlink.diagnostic.Diagnostic;
import org.mlirlink.diagnostic.DiagnosticException;
import org.mlirlink.model.IoReasons;
import org.mlirlink.model.MlirSyntax;
import org.mlirlink.model.OpKind;
import org.mlirlink.model.SourceText;
import org.mlirlink.model.Span;
import org.mlirlink.workspace.Document.AliasToken;
import org.mlirlink.workspace.Document.Reference;
import org.mlirlink.workspace.Document.Scope;
import org.mlirlink.workspace.Document.Symbol;

/**
 * The linker's view of a tree of components, kept up to date as an editor changes them: every
 * {@code .mlir} file under the library roots, plus the documents an editor has open (whose text
 * wins over the file's). It answers what an editor asks about symbols across files: where a dotted
 * {@code @module.func} declaration is defined, who uses a definition, whether a declaration still
 * matches its definition.
 *
 * <pre>{@code
 * Workspace workspace = new Workspace(List.of(Path.of("components")));
 * Path block = Path.of("components/moe/moe_ffn_block.mlir");
 * workspace.definition(block, 9, 22);        // [/.../components/moe/mul_mat_id.mlir:12:20-12:31]
 * workspace.open(block, editedText, 2);       // re-reads this document only
 * workspace.diagnostics(block);               // type-mismatch, unresolved-external, ...
 * }</pre>
 *
 * <p>Positions are 1-based lines and columns, columns counted in UTF-16 characters. Paths are taken
 * as given and made absolute and normalized; every answer names documents that way. All methods may
 * be called from any thread. A query whose thread is interrupted stops with a {@link
 * java.util.concurrent.CancellationException}.
 */
public final class Workspace {
  /** Guards everything below; taken interruptibly, so a waiting query can be cancelled. */
  private final ReentrantLock lock = new ReentrantLock();

  private List<Path> libraryRoots;

  /** The texts editors hold, by path: they win over the files. */
  private final Map<Path, OpenText> openTexts = new HashMap<>();

  /** Every document read, by path, in path order. */
  private final TreeMap<Path, Document> documents = new TreeMap<>();

  /** Documents to read (again) before the next answer: new, changed or refreshed. */
  private final Set<Path> stale = new TreeSet<>();

  /** Whether the roots have been walked for {@code .mlir} files since they were last set. */
  private boolean rootsWalked;

  private final WorkspaceIndex index = new WorkspaceIndex();

  /** The diagnostics of each document, until the next change anywhere. */
  private final Map<Path, List<Diagnostic>> diagnosticsCache = new HashMap<>();

  private record OpenText(String text, long version) {}

  /**
   * A workspace of the {@code .mlir} files under {@code libraryRoots}, read when first asked.
   *
   * @param libraryRoots the folders whose files make up the workspace, as library paths of a link
   */
  public Workspace(List<Path> libraryRoots) {
    this.libraryRoots = normalized(libraryRoots);
    index.roots(this.libraryRoots);
  }

  /**
   * Replaces the library roots (an editor's workspace folders changed).
   *
   * @param libraryRoots the new folders
   */
  public void setLibraryRoots(List<Path> libraryRoots) {
    List<Path> roots = normalized(libraryRoots);
    changing(
        () -> {
          this.libraryRoots = roots;
          index.roots(roots);
          rootsWalked = false;
          for (Path path : List.copyOf(documents.keySet())) {
            if (!openTexts.containsKey(path)) {
              drop(path);
            }
          }
        });
  }

  /**
   * The library roots, absolute and normalized.
   *
   * @return the roots, in the order given
   */
  public List<Path> libraryRoots() {
    return locked(() -> libraryRoots);
  }

  /**
   * Sets a document's text as an editor holds it (opened or changed); it wins over the file until
   * {@link #close}. Only this document is read again.
   *
   * @param version the editor's version of the text, kept for {@link #version}
   * @param path the document's file, which need not exist
   * @param text its text as the editor holds it
   */
  public void open(Path path, String text, long version) {
    Path at = normalized(path);
    OpenText open = new OpenText(checkNotNull(text, "text"), version);
    changing(
        () -> {
          openTexts.put(at, open);
          changed(at);
        });
  }

  /**
   * The editor closed the document: its file on disk counts again (if it is under a root).
   *
   * @param path the document's file
   */
  public void close(Path path) {
    Path at = normalized(path);
    changing(
        () -> {
          if (openTexts.remove(at) != null) {
            drop(at); // its text is gone: not even the last readable version of it counts
            changed(at);
          }
        });
  }

  /**
   * A file changed, appeared or went away on disk, or a folder did (deleted, renamed, checked out):
   * read what is there again when next asked.
   *
   * @param path a file that changed, appeared or went away on disk
   */
  public void refresh(Path path) {
    Path at = normalized(path);
    changing(
        () -> {
          boolean folder = Files.isDirectory(at) || !LibraryFiles.isMlir(at);
          if (folder) {
            for (Path document : documents.keySet()) {
              if (document.startsWith(at) && !openTexts.containsKey(document)) {
                changed(document);
              }
            }
            rootsWalked = false; // and look for files that appeared under it
            diagnosticsCache.clear();
          } else if (!openTexts.containsKey(at)) {
            changed(at);
          }
        });
  }

  /**
   * The version {@link #open} was last given for the document, if it is open.
   *
   * @param path the document's file
   * @return the version given to {@link #open}, or empty when it is not open
   */
  public Optional<Long> version(Path path) {
    Path at = normalized(path);
    return locked(() -> Optional.ofNullable(openTexts.get(at)).map(OpenText::version));
  }

  /**
   * Every document: the open ones and the {@code .mlir} files under the roots.
   *
   * @return the files, absolute and normalized
   */
  public Set<Path> documents() {
    return locked(
        () -> {
          update();
          return Collections.unmodifiableSet(new TreeSet<>(documents.keySet()));
        });
  }

  /**
   * Where the symbol reference at {@code line:column} is defined: for a dotted declaration or a
   * call of it, the definition in the module it names (another file); for a local call, the
   * function in this document; for {@code #map} or {@code !t}, the alias. Empty when the position
   * is on no reference or the reference resolves to nothing.
   *
   * <p>A declaration whose module several files under the roots declare links to nothing (the link
   * stops with an {@code ambiguous-module} error): for it, and for a call of it, the answer is the
   * place in each of those files, in the link's order: the definition of the name where the file
   * has one, else the module's name. None of them is picked silently.
   *
   * @param path the document asked from
   * @param line the 1-based line of the position
   * @param column the 1-based column (characters)
   * @return the places, empty when nothing is defined there
   */
  public List<TextLocation> definition(Path path, int line, int column) {
    return query(
        path,
        document -> {
          Document.Token token = document.tokenAt(line, column);
          if (token == null) {
            return List.of();
          }
          if (token.target() instanceof AliasToken alias) {
            return document.aliasLocations(alias.name(), true, false);
          }
          if (token.target() instanceof Scope module) {
            return List.of(module.document.location(module.moduleOp.symbolSpan().orElseThrow()));
          }
          Symbol declaration = declarationOf(token);
          List<Scope> ambiguous =
              declaration == null
                  ? List.of()
                  : index.ambiguousModules(declaration.scope(), declaration.name());
          if (!ambiguous.isEmpty()) {
            return eachCandidate(declaration.name(), ambiguous);
          }
          Symbol target = target(token);
          // Not into a document that does not read now: its last readable version's places
          // would point into text that has changed.
          return target == null || !isCurrent(target.document())
              ? List.of()
              : List.of(nameLocation(target));
        });
  }

  /**
   * Every reference, across the workspace, to the symbol at {@code line:column} (a definition, a
   * declaration or any reference to one): calls, dotted declarations, their uses.
   *
   * @param includeDefinition whether the definition's own name is in the list
   * @param path the document asked from
   * @param line the 1-based line of the position
   * @param column the 1-based column (characters)
   * @return the places, in the order of the files and of the text
   */
  public List<TextLocation> references(Path path, int line, int column, boolean includeDefinition) {
    return query(
        path,
        document -> {
          Document.Token token = document.tokenAt(line, column);
          if (token == null) {
            return List.of();
          }
          if (token.target() instanceof AliasToken alias) {
            return document.aliasLocations(alias.name(), includeDefinition, true);
          }
          Symbol target = target(token);
          if (target == null) {
            return List.of();
          }
          List<TextLocation> found = new ArrayList<>();
          for (NameSpan use : uses(target, includeDefinition)) {
            if (isCurrent(use.document())) {
              found.add(use.location());
            }
          }
          return found;
        });
  }

  /**
   * The declared and the defined type of the function reference at {@code line:column}.
   *
   * @param path the document asked from
   * @param line the 1-based line of the position
   * @param column the 1-based column (characters)
   * @return the types, or empty when no function is named there
   */
  public Optional<SignatureInfo> signature(Path path, int line, int column) {
    return query(
        path,
        document -> {
          Document.Token token = document.tokenAt(line, column);
          if (token == null
              || !(token.target() instanceof Symbol || token.target() instanceof Reference)) {
            return Optional.empty();
          }
          Scope scope;
          String name;
          if (token.target() instanceof Symbol symbol) {
            scope = symbol.scope();
            name = symbol.name();
          } else {
            Reference reference = (Reference) token.target();
            scope = reference.scope();
            name = reference.use().root();
          }
          Symbol declaration = scope.declarations.get(name);
          Symbol definition = target(token);
          if (declaration == null && definition == null) {
            return Optional.empty();
          }
          return Optional.of(
              new SignatureInfo(
                  name,
                  document.range(new Span(token.start(), token.end())),
                  declaration == null ? "" : typeOf(declaration),
                  definition == null || definition.isDeclaration() ? "" : typeOf(definition),
                  definition == null || definition.isDeclaration()
                      ? Optional.empty()
                      : Optional.of(nameLocation(definition)),
                  declaration == null ? Optional.empty() : Optional.of(nameLocation(declaration))));
        });
  }

  /**
   * The symbols a document defines and declares, as an outline: modules hold their symbols. While
   * the document does not read (an edit under way), those of the last version that did.
   *
   * @param path the document
   * @return its symbols, nested as its modules nest them
   */
  public List<SymbolInfo> symbols(Path path) {
    return query(path, document -> Outline.of(document.indexed()));
  }

  /**
   * The symbols of every document whose qualified name contains {@code query}, ignoring case (all
   * of them for ""), without children.
   *
   * @param query the characters to match, in order; empty matches every symbol
   * @return the matching symbols
   */
  public List<SymbolInfo> workspaceSymbols(String query) {
    String wanted = query.toLowerCase(Locale.ROOT);
    return answering(
        () -> {
          List<SymbolInfo> found = new ArrayList<>();
          for (Document document : documents.values()) {
            checkCancelled();
            for (SymbolInfo symbol : Outline.flat(document.indexed())) {
              if (symbol.qualifiedName().toLowerCase(Locale.ROOT).contains(wanted)) {
                found.add(symbol);
              }
            }
          }
          return found;
        });
  }

  /**
   * Completions at {@code line:column}: after {@code @prefix.}, the public symbols of module {@code
   * prefix}; after a bare {@code @}, the module names and the document's own symbols.
   *
   * @param path the document asked from
   * @param line the 1-based line of the position
   * @param column the 1-based column (characters)
   * @return the completions, best first
   */
  public List<Completion> complete(Path path, int line, int column) {
    return query(path, document -> Completions.at(document, index, line, column));
  }

  /**
   * The link diagnostics of one document.
   *
   * @param path the document
   * @return its diagnostics, each with its code; empty when it would link
   */
  public List<Diagnostic> diagnostics(Path path) {
    return query(path, this::diagnosticsOf);
  }

  /**
   * The link diagnostics of every document, by document, in path order.
   *
   * @return every document's diagnostics, by file
   */
  public Map<Path, List<Diagnostic>> diagnostics() {
    return answering(
        () -> {
          Map<Path, List<Diagnostic>> all = new LinkedHashMap<>();
          for (Document document : documents.values()) {
            checkCancelled();
            all.put(document.path, diagnosticsOf(document));
          }
          return all;
        });
  }

  /**
   * Checks the documents under {@code roots} (each a library root of this workspace, or under one):
   * their link diagnostics, resolved against every document of the workspace. The other roots'
   * documents are read to resolve against but not reported: a library's own problems are its own
   * check's.
   *
   * @param roots the folders whose files are checked (other roots still resolve their names)
   * @return each file's diagnostics, and the folders that held no file
   */
  public CheckReport check(List<Path> roots) {
    List<Path> checked = normalized(roots);
    return answering(
        () -> {
          Map<Path, List<Diagnostic>> files = new LinkedHashMap<>();
          List<Path> empty = new ArrayList<>(checked);
          for (Document document : documents.values()) {
            checkCancelled();
            for (Path root : checked) {
              if (document.path.startsWith(root)) {
                files.put(document.path, diagnosticsOf(document));
                empty.remove(root);
              }
            }
          }
          return new CheckReport(files, empty);
        });
  }

  /**
   * The edits that rename the symbol at {@code line:column} to {@code newName} everywhere: its
   * definition, and every declaration and use of it in other documents, with dotted names
   * ({@code @activation_components.swiglu}) rewritten. Empty when nothing there can be renamed.
   *
   * @throws IllegalArgumentException when {@code newName} is not a valid symbol name
   * @param path the document asked from
   * @param line the 1-based line of the position
   * @param column the 1-based column (characters)
   * @param newName the symbol's new name, without {@code @}
   * @return the edits, by file; empty when nothing can be renamed there
   */
  public Map<Path, List<Replacement>> rename(Path path, int line, int column, String newName) {
    if (!MlirSyntax.isBareId(newName) || newName.contains(".")) {
      throw new IllegalArgumentException(
          "'" + newName + "' is not a symbol name: use letters, digits, '_' and '$', no '.'");
    }
    return query(
        path,
        document -> {
          Document.Token token = document.tokenAt(line, column);
          Symbol target = token == null ? null : target(token);
          if (target == null || target.isDeclaration()) {
            return Map.of();
          }
          List<NameSpan> uses = uses(target, true);
          for (NameSpan use : uses) {
            if (!isCurrent(use.document())) {
              throw new IllegalArgumentException(
                  use.document().path.getFileName()
                      + " uses '"
                      + target.name()
                      + "' but does not read now: rename once it does");
            }
          }
          // The new name must be free where the old one is written: in the definition's module,
          // and in each module that declares it (as @module.new, or plainly, as it declares it).
          Map<Scope, String> newNames = new LinkedHashMap<>();
          newNames.put(target.scope(), newName);
          for (NameSpan use : uses) {
            if (use.declaration() != null) {
              newNames.put(
                  use.declaration().scope(),
                  use.qualified() ? target.scope().qualify(newName) : newName);
            }
          }
          for (Map.Entry<Scope, String> entry : newNames.entrySet()) {
            Scope scope = entry.getKey();
            String name = entry.getValue();
            Symbol clash = scope.definitions.getOrDefault(name, scope.declarations.get(name));
            if (clash != null && clash != target || scope.moduleNames.contains(name)) {
              throw new IllegalArgumentException(
                  (scope.moduleName == null
                          ? scope.document.path.getFileName().toString()
                          : "module @" + scope.moduleName)
                      + " already has a symbol '"
                      + name
                      + "'");
            }
          }
          Map<Path, List<Replacement>> edits = new TreeMap<>();
          for (NameSpan use : uses) {
            String written = use.document().text.string(use.span().start(), use.span().end());
            String name = use.qualified() ? target.scope().qualify(newName) : newName;
            String text =
                written.startsWith("\"")
                    ? MlirSyntax.stringLiteral(name) // sym_name in generic form
                    : MlirSyntax.symbolReference(name);
            edits
                .computeIfAbsent(use.document().path, p -> new ArrayList<>())
                .add(new Replacement(use.document().range(use.span()), text));
          }
          return edits;
        });
  }

  // ------------------------------------------------------------------ resolving

  /**
   * A name token of a symbol: its document, its place, whether it is written qualified, and the
   * declaration it names (null for the definition's own name and for references).
   */
  private record NameSpan(Document document, Span span, boolean qualified, Symbol declaration) {
    TextLocation location() {
      return document.location(span);
    }
  }

  /**
   * The definition a token names: a definition's own name, the definition a reference or a
   * declaration resolves to, or (when it resolves to none) the declaration itself. Null for a
   * reference to nothing.
   */
  private Symbol target(Document.Token token) {
    if (token.target() instanceof Symbol symbol) {
      if (!symbol.isDeclaration()) {
        return symbol;
      }
      Symbol found = index.lookup(symbol.scope(), symbol.name());
      return found != null ? found : symbol;
    }
    if (token.target() instanceof Reference reference) {
      Scope scope = reference.scope();
      String name = reference.use().root();
      Symbol found = index.resolve(scope, name);
      return found != null ? found : scope.declarations.get(name);
    }
    return null;
  }

  /**
   * The external declaration a token names: the declaration itself, or for a reference in its
   * scope, the scope's declaration of the name (unless the scope defines the name too). Null for
   * any other token.
   */
  private static Symbol declarationOf(Document.Token token) {
    if (token.target() instanceof Symbol symbol) {
      return symbol.isDeclaration() ? symbol : null;
    }
    if (token.target() instanceof Reference reference) {
      Scope scope = reference.scope();
      String name = reference.use().root();
      return scope.definitions.containsKey(name) ? null : scope.declarations.get(name);
    }
    return null;
  }

  /**
   * For a dotted {@code name} whose module each of {@code modules} declares: in each, the
   * definition of the name, else the module's name.
   */
  private List<TextLocation> eachCandidate(String name, List<Scope> modules) {
    String own = name.substring(name.indexOf('.') + 1);
    List<TextLocation> found = new ArrayList<>();
    for (Scope module : modules) {
      if (!isCurrent(module.document)) {
        continue;
      }
      Symbol definition = module.definitions.get(own);
      found.add(
          definition != null
              ? nameLocation(definition)
              : module.document.location(module.moduleOp.symbolSpan().orElseThrow()));
    }
    return found;
  }

  /**
   * Every name token that means {@code target}: its own name (if {@code includeDefinition}), the
   * references in its scope, and in every other scope that declares it (by its qualified or its
   * plain name, resolving to it) that declaration and the references there.
   */
  private List<NameSpan> uses(Symbol target, boolean includeDefinition) {
    List<NameSpan> found = new ArrayList<>();
    if (includeDefinition || target.isDeclaration()) {
      found.add(new NameSpan(target.document(), target.nameSpan(), false, null));
    }
    addReferences(found, target.scope(), target.name(), false);
    if (target.isDeclaration()) {
      return found;
    }
    Set<String> names = new LinkedHashSet<>(List.of(target.qualifiedName(), target.name()));
    for (String name : names) {
      for (Symbol declaration : index.declarations(name)) {
        checkCancelled();
        Scope scope = declaration.scope();
        if (scope != target.scope()
            && !scope.definitions.containsKey(name)
            && index.lookup(scope, name) == target) {
          boolean qualified = !name.equals(target.name());
          found.add(
              new NameSpan(declaration.document(), declaration.nameSpan(), qualified, declaration));
          addReferences(found, scope, name, qualified);
        }
      }
    }
    return found;
  }

  private void addReferences(List<NameSpan> found, Scope scope, String name, boolean qualified) {
    for (Reference reference : index.references(name)) {
      if (reference.scope() == scope) {
        found.add(new NameSpan(scope.document, reference.use().rootSpan(), qualified, null));
      }
    }
  }

  /** Whether {@code document} is the document's current version (not a last readable one). */
  private boolean isCurrent(Document document) {
    return documents.get(document.path) == document;
  }

  private static TextLocation nameLocation(Symbol symbol) {
    return symbol.document().location(symbol.nameSpan());
  }

  /** A function's type as MLIR writes it, or "" for another op or a type the reader rejects. */
  static String typeOf(Symbol symbol) {
    if (symbol.op().kind() != OpKind.FUNCTION) {
      return "";
    }
    try {
      return symbol.op().signature().display();
    } catch (DiagnosticException unreadableType) {
      return "";
    }
  }

  private List<Diagnostic> diagnosticsOf(Document document) {
    List<Diagnostic> cached = diagnosticsCache.get(document.path);
    if (cached == null) {
      cached = LinkChecks.of(document, index, this::checkCancelled);
      diagnosticsCache.put(document.path, cached);
    }
    return cached;
  }

  // ------------------------------------------------------------------ documents

  /** Runs {@code answer} on the current document at {@code path}, after reading what changed. */
  private <T> T query(Path path, Function<Document, T> answer) {
    Path at = normalized(path);
    return answering(
        () -> {
          Document document = documents.get(at);
          if (document == null) {
            throw new IllegalArgumentException(
                "no document " + at + ": open it, or add a library root holding it");
          }
          return answer.apply(document);
        });
  }

  /**
   * Holding the lock, reads what changed and answers. A large file read a window at a time is
   * looked at first (its size and time) and read again if it changed on disk; one that changes
   * while the answer reads it (its text throws {@link DiagnosticException}) is read again, once,
   * and the question asked again.
   */
  private <T> T answering(Supplier<T> answer) {
    return locked(
        () -> {
          for (Path path : windowed) {
            Document document = documents.get(path);
            if (document != null && document.text.changedOnDisk()) {
              changed(path);
            }
          }
          update();
          try {
            return answer.get();
          } catch (DiagnosticException changedOnDisk) {
            if (windowed.isEmpty()) {
              throw changedOnDisk;
            }
            windowed.forEach(this::changed);
            windowed.clear();
            update();
            return answer.get();
          }
        });
  }

  /** Walks the roots if they changed, then reads every stale document. */
  private void update() {
    if (!rootsWalked) {
      for (Path root : libraryRoots) {
        for (Path file : mlirFilesUnder(root)) {
          if (!documents.containsKey(file)) {
            stale.add(file);
          }
        }
      }
      stale.addAll(openTexts.keySet());
      rootsWalked = true;
    }
    if (stale.isEmpty()) {
      return;
    }
    for (Iterator<Path> it = stale.iterator(); it.hasNext(); ) {
      checkCancelled();
      Path path = it.next();
      Document old = documents.remove(path);
      if (old != null) {
        index.remove(old);
      }
      Document document;
      try {
        SourceText text = textOf(path);
        document =
            text == null ? null : Document.read(path, text, () -> old != null ? old : saved(path));
        if (text != null) {
          text.release(); // a large file is read again a page at a time when a query needs it
        }
      } catch (IOException e) {
        String reason = IoReasons.of(e, "no such file");
        document = Document.unreadable(path, "cannot read '" + path + "': " + reason);
      }
      if (document != null) {
        documents.put(path, document);
        index.add(document);
      }
      it.remove();
    }
  }

  /**
   * Files up to this size are held in memory; larger ones (a model with its weights inline) are
   * read a window at a time, as a link reads them.
   */
  private static final long HELD_IN_MEMORY = 64L << 20;

  /** The text of a document: the editor's, else the file's, else null when it has neither. */
  private SourceText textOf(Path path) throws IOException {
    OpenText open = openTexts.get(path);
    if (open != null) {
      return new SourceText(path.toString(), open.text());
    }
    boolean mlirUnderRoot = LibraryFiles.isMlir(path) && underRoots(path);
    if (!isExplicitRoot(path) && !mlirUnderRoot || !Files.isRegularFile(path)) {
      return null;
    }
    if (Files.size(path) > HELD_IN_MEMORY) {
      windowed.add(path);
      return SourceText.open(path.toString(), path);
    }
    // Held in memory: a file under an editor changes on disk (a save, a checkout) while its
    // document is still asked about.
    return SourceText.ofBytes(path.toString(), Files.readAllBytes(path));
  }

  /** The large files read a window at a time, whose size and time each answer checks first. */
  private final Set<Path> windowed = new HashSet<>();

  private boolean isExplicitRoot(Path path) {
    return libraryRoots.contains(path);
  }

  /**
   * The file's own document, for an editor's text that does not read and has no earlier version
   * here (opened with an edit under way): its symbols count until the text reads.
   */
  private Document saved(Path path) {
    if (!openTexts.containsKey(path) || !Files.isRegularFile(path)) {
      return null;
    }
    try {
      return Document.read(
          path, SourceText.ofBytes(path.toString(), Files.readAllBytes(path)), () -> null);
    } catch (IOException | OutOfMemoryError unreadable) {
      return null;
    }
  }

  private boolean underRoots(Path path) {
    for (Path root : libraryRoots) {
      if (path.startsWith(root)) {
        return true;
      }
    }
    return false;
  }

  private void changed(Path path) {
    stale.add(path);
    diagnosticsCache.clear(); // a change anywhere can change what any declaration resolves to
  }

  private void drop(Path path) {
    Document old = documents.remove(path);
    if (old != null) {
      index.remove(old);
    }
    diagnosticsCache.clear();
  }

  /**
   * The {@code .mlir} and {@code .mlirbc} files under a root; a root that is a file is itself a
   * document, whatever its name. Symbolic links are followed; a folder that cannot be listed (or a
   * loop of links) is passed over, not the whole root.
   */
  private static List<Path> mlirFilesUnder(Path root) {
    if (Files.isRegularFile(root)) {
      return List.of(root);
    }
    return LibraryFiles.under(root, LibraryFiles.MLIR_SUFFIXES).stream()
        .map(Workspace::normalized)
        .toList();
  }

  private static Path normalized(Path path) {
    return checkNotNull(path, "path").toAbsolutePath().normalize();
  }

  private static List<Path> normalized(List<Path> paths) {
    return paths.stream().map(Workspace::normalized).distinct().toList();
  }

  /** A change of the workspace's state, made holding the lock. */
  private void changing(Runnable change) {
    locked(
        () -> {
          change.run();
          return null;
        });
  }

  /** Runs {@code action} holding the lock; an interrupt while waiting or working cancels it. */
  private <T> T locked(Supplier<T> action) {
    try {
      lock.lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while waiting for the workspace");
    }
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  private void checkCancelled() {
    if (Thread.currentThread().isInterrupted()) {
      throw new CancellationException("the query was cancelled");
    }
  }
}
