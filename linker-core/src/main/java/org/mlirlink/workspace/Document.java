package org.mlirlink.workspace;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.mlirlink.diagnostic.Diagnostic;
import org.mlirlink.diagnostic.DiagnosticException;
import org.mlirlink.diagnostic.SourceLocation;
import org.mlirlink.model.AliasDefinition;
import org.mlirlink.model.AliasUse;
import org.mlirlink.model.MlirFile;
import org.mlirlink.model.OpKind;
import org.mlirlink.model.Operation;
import org.mlirlink.model.SourceText;
import org.mlirlink.model.Span;
import org.mlirlink.model.SymbolUse;
import org.mlirlink.model.TopLevelItem;
import org.mlirlink.model.Visibility;
import org.mlirlink.read.MlirReader;

/**
 * One document of a workspace, read once and never changed: an edit makes a new one. It holds the
 * reader's model, the symbol tables of its modules, every symbol reference outside an op linked
 * whole, and its name tokens sorted by place, for finding what is under a cursor.
 */
final class Document {
  final Path path;
  final SourceText text;

  /** The reader's model, or null when the reader rejected the text ({@link #readError}). */
  final MlirFile file;

  final Diagnostic readError;

  /**
   * For a document the reader rejects, the last version of it that it read (or null): while an edit
   * is under way its symbols still count, so that the outline and completion keep working and other
   * documents' declarations do not all turn unresolved until the text reads again.
   */
  final Document lastGood;

  /** The symbol tables: a named file's module, or an anonymous top level and its named modules. */
  final List<Scope> scopes = new ArrayList<>();

  final List<Reference> references = new ArrayList<>();

  /** Every name token (definitions, declarations, references, aliases) in text order. */
  private final List<Token> tokens = new ArrayList<>();

  private Document(
      Path path, SourceText text, MlirFile file, Diagnostic readError, Document lastGood) {
    this.path = path;
    this.text = text;
    this.file = file;
    this.readError = readError;
    this.lastGood = lastGood;
  }

  /**
   * Reads {@code text}; bad input gives a document with a {@link #readError}, never a throw.
   *
   * @param previous the document this one replaces (or null), asked for only when the text does not
   *     read
   */
  static Document read(Path path, SourceText text, Supplier<Document> previous) {
    MlirFile file;
    try {
      file = MlirReader.read(text);
    } catch (DiagnosticException e) {
      Document before = previous.get();
      Document good = before == null ? null : before.indexed();
      return new Document(path, text, null, e.diagnostic(), good);
    }
    // The file's own text: for a bytecode file, the text it reads as, which positions refer to.
    Document document = new Document(path, file.source(), file, null, null);
    document.index();
    return document;
  }

  /** A file that cannot be read at all (no permission, a folder where a file was). */
  static Document unreadable(Path path, String message) {
    Document document =
        new Document(
            path, new SourceText(path.toString(), ""), null, Diagnostic.error(message), null);
    document.unreadable = true;
    return document;
  }

  /** Whether {@link #readError} says the file could not be read, rather than what is in it. */
  boolean unreadable;

  /** The version whose symbols count: this one, or the last one read while this one is not. */
  Document indexed() {
    return file != null ? this : lastGood;
  }

  /** A symbol table, with the definitions and declarations in it by name. */
  static final class Scope {
    final Document document;

    /** The module's name, or null for an anonymous module (its symbols are known unqualified). */
    final String moduleName;

    /** The {@code module} op, or null for the top level of a file without one. */
    final Operation moduleOp;

    final Map<String, Symbol> definitions = new HashMap<>();
    final Map<String, Symbol> declarations = new HashMap<>();
    final List<Symbol> symbols = new ArrayList<>();

    /** The names of the modules nested in it: symbols too, which a rename must not take. */
    final Set<String> moduleNames = new HashSet<>();

    Scope(Document document, String moduleName, Operation moduleOp) {
      this.document = document;
      this.moduleName = moduleName;
      this.moduleOp = moduleOp;
    }

    /** The name other modules link {@code name} of this one by. */
    String qualify(String name) {
      return moduleName == null ? name : moduleName + "." + name;
    }
  }

  /** A definition or external declaration in a scope. */
  record Symbol(Scope scope, Operation op, String name) {
    boolean isDeclaration() {
      return op.isDeclaration();
    }

    /** The name another module links it by; a declaration's own name is already that name. */
    String qualifiedName() {
      return isDeclaration() ? name : scope.qualify(name);
    }

    boolean isPublic() {
      return op.visibility() == Visibility.PUBLIC;
    }

    /** The {@code @name} token. */
    Span nameSpan() {
      return op.symbolSpan().orElseThrow();
    }

    Document document() {
      return scope.document;
    }
  }

  /** A symbol reference ({@code @name}) written in an op of a scope. */
  record Reference(Scope scope, SymbolUse use) {}

  /**
   * A name token under a cursor, and what it is: a {@link Symbol}, a {@link Reference}, a {@link
   * Scope} (a module's name) or an {@link AliasToken}.
   */
  record Token(long start, long end, Object target) {}

  /** An alias token: its definition, or a use of it. */
  record AliasToken(String name, Span span, boolean definition) {}

  private void index() {
    List<Scope> named = new ArrayList<>();
    if (file.moduleName().isPresent()) {
      named.add(addScope(file.moduleName().get(), file.module().get(), file.operations()));
    } else {
      List<Operation> rest = new ArrayList<>();
      List<Operation> modules = new ArrayList<>();
      for (Operation op : file.operations()) {
        (op.kind() == OpKind.MODULE && op.symbolName().isPresent() ? modules : rest).add(op);
      }
      addScope(null, file.module().orElse(null), rest);
      for (Operation module : modules) {
        named.add(addScope(module.symbolName().get(), module, module.children()));
      }
    }
    for (Scope scope : named) { // a module's name token stands for the module
      Span name = scope.moduleOp.symbolSpan().orElseThrow();
      tokens.add(new Token(name.start(), name.end(), scope));
    }
    for (TopLevelItem item : file.items()) {
      if (item instanceof AliasDefinition alias) {
        Span name = alias.nameSpan();
        tokens.add(new Token(name.start(), name.end(), new AliasToken(alias.name(), name, true)));
        for (AliasUse use : alias.aliasUses()) {
          addAliasUse(use);
        }
      }
    }
    tokens.sort(Comparator.comparingLong(Token::start));
  }

  private Scope addScope(String name, Operation moduleOp, List<Operation> ops) {
    Scope scope = new Scope(this, name, moduleOp);
    scopes.add(scope);
    for (Operation op : ops) {
      String symbol = op.symbolName().orElse(null);
      if (symbol != null && op.kind() == OpKind.MODULE) {
        scope.moduleNames.add(symbol);
      }
      if (symbol != null && op.kind() != OpKind.MODULE) {
        Symbol entry = new Symbol(scope, op, symbol);
        scope.symbols.add(entry);
        if (op.isDeclaration()) {
          scope.declarations.putIfAbsent(symbol, entry);
        } else {
          // A name defined twice in a file the reader accepts: one of the two is a guess of ours,
          // and the name goes to the op Operation.symbolOwner says.
          Symbol earlier = scope.definitions.putIfAbsent(symbol, entry);
          if (earlier != null && Operation.symbolOwner(earlier.op(), op) == op) {
            scope.definitions.put(symbol, entry);
          }
        }
        Span span = op.symbolSpan().orElseThrow();
        tokens.add(new Token(span.start(), span.end(), entry));
      }
      for (SymbolUse use : linkUses(op)) {
        Reference reference = new Reference(scope, use);
        references.add(reference);
        tokens.add(new Token(use.rootSpan().start(), use.rootSpan().end(), reference));
      }
      for (AliasUse use : op.aliasUses()) {
        addAliasUse(use);
      }
    }
    return scope;
  }

  private void addAliasUse(AliasUse use) {
    tokens.add(
        new Token(
            use.span().start(), use.span().end(), new AliasToken(use.name(), use.span(), false)));
  }

  /**
   * The references of an op that name symbols of its module: inside an op linked whole (an
   * executable's body) names belong to the op itself, and a module's are its children's.
   */
  private static List<SymbolUse> linkUses(Operation op) {
    return op.kind() == OpKind.MODULE ? List.of() : op.dependencyUses();
  }

  /**
   * The token under {@code offset} (its end included, where a cursor after a name stands), or null.
   */
  Token tokenAt(long offset) {
    int low = 0;
    int high = tokens.size() - 1;
    Token found = null;
    while (low <= high) { // the last token starting at or before offset
      int mid = (low + high) >>> 1;
      if (tokens.get(mid).start() <= offset) {
        found = tokens.get(mid);
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found != null && offset <= found.end() ? found : null;
  }

  /** The token at a 1-based line and column, or null. */
  Token tokenAt(int line, int column) {
    return tokenAt(offset(line, column));
  }

  /** Where the alias {@code name} is defined and (or) used in this document, in text order. */
  List<TextLocation> aliasLocations(String name, boolean definitions, boolean uses) {
    List<TextLocation> found = new ArrayList<>();
    for (Token token : tokens) {
      if (token.target() instanceof AliasToken alias
          && alias.name().equals(name)
          && (alias.definition() ? definitions : uses)) {
        found.add(location(alias.span()));
      }
    }
    return found;
  }

  // ------------------------------------------------------------------ positions

  TextRange range(Span span) {
    return new TextRange(position(span.start()), position(span.end()));
  }

  TextLocation location(Span span) {
    return new TextLocation(path, range(span));
  }

  TextPosition position(long offset) {
    SourceLocation at = text.locationOf(Math.min(offset, text.length()));
    return new TextPosition(at.line(), at.column(), at.offset());
  }

  /**
   * The byte offset of a 1-based line and column (UTF-16 characters); a place past a line's end is
   * its end, a line past the text's end the text's end.
   */
  long offset(int line, int column) {
    if (line < 1) {
      return 0;
    }
    long start = text.lineStart(line);
    if (start < 0) {
      return text.length();
    }
    String lineText = text.string(start, lineEnd(start));
    int chars = Math.max(0, Math.min(column - 1, lineText.length()));
    return start + lineText.substring(0, chars).getBytes(StandardCharsets.UTF_8).length;
  }

  /** Where the line starting at {@code start} ends, before its line break. */
  private long lineEnd(long start) {
    long end = text.indexOf('\n', start);
    end = end < 0 ? text.length() : end;
    return end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
  }

  /** The rest of the 1-based line from the 1-based column, without the line break. */
  String lineAfter(int line, int column) {
    long from = offset(line, column);
    return text.string(from, lineEnd(from));
  }

  /** The text of the 1-based line up to the 1-based column, without the line break. */
  String lineBefore(int line, int column) {
    return text.string(offset(line, 1), offset(line, column));
  }
}
