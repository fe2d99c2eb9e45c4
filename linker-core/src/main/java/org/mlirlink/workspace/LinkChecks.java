package org.mlirlink.workspace;

import java.util.ArrayList;
import java.util.List;
import org.mlirlink.diagnostic.Diagnostic;
import org.mlirlink.diagnostic.DiagnosticException;
import org.mlirlink.diagnostic.SourceLocation;
import org.mlirlink.model.FunctionSignature;
import org.mlirlink.model.OpKind;
import org.mlirlink.model.Span;
import org.mlirlink.model.Suggestions;
import org.mlirlink.resolve.LinkMessages;
import org.mlirlink.workspace.Document.Scope;
import org.mlirlink.workspace.Document.Symbol;

/**
 * The problems a link of a document would report, found without linking: what the reader rejects,
 * each dotted external declaration that resolves to nothing, to something that is not a function or
 * to a function of another type, and a module name several files declare that something links
 * against. The messages are the linker's own.
 */
final class LinkChecks {
  private final Document document;
  private final WorkspaceIndex index;
  private final Runnable checkCancelled;
  private final List<LinkDiagnostic> found = new ArrayList<>();

  private LinkChecks(Document document, WorkspaceIndex index, Runnable checkCancelled) {
    this.document = document;
    this.index = index;
    this.checkCancelled = checkCancelled;
  }

  static List<LinkDiagnostic> of(Document document, WorkspaceIndex index, Runnable checkCancelled) {
    LinkChecks checks = new LinkChecks(document, index, checkCancelled);
    if (document.readError != null) {
      checks.readError(document.readError);
    } else {
      for (Scope scope : document.scopes) {
        checks.checkModuleName(scope);
        for (Symbol symbol : scope.symbols) {
          if (symbol.isDeclaration() && symbol.op().kind() == OpKind.FUNCTION) {
            checkCancelled.run();
            checks.checkDeclaration(symbol);
          }
        }
      }
    }
    return List.copyOf(checks.found);
  }

  /**
   * The reader's error: a name defined twice in one symbol table is a duplicate definition, all
   * else is syntax (the reader stops at its first error, so there is one).
   */
  private void readError(Diagnostic error) {
    DiagnosticCode code =
        document.unreadable
            ? DiagnosticCode.UNREADABLE
            : error.message().contains("' is defined twice")
                ? DiagnosticCode.DUPLICATE_DEFINITION
                : DiagnosticCode.SYNTAX;
    List<LinkDiagnostic.Related> related = new ArrayList<>();
    for (Diagnostic note : error.related()) {
      related.add(
          new LinkDiagnostic.Related(
              note.location() == null ? null : pointAt(note.location()), note.message()));
    }
    SourceLocation at = error.location();
    TextRange range =
        at == null
            ? document.range(new Span(0, 0))
            : document.range(
                new Span(at.offset(), Math.min(at.offset() + 1, document.text.length())));
    found.add(new LinkDiagnostic(code, error.message(), document.path, range, related));
  }

  /** A place a note of the reader names: in this document, as the reader reads only one. */
  private TextLocation pointAt(SourceLocation at) {
    long end = Math.min(at.offset() + 1, document.text.length());
    return document.location(new Span(at.offset(), end));
  }

  /**
   * A module name that files other than this one declare too, where some declaration links against
   * it: which file it links from is then a guess. (Unrelated files may well reuse a module name
   * nobody links against.)
   */
  private void checkModuleName(Scope scope) {
    if (scope.moduleName == null
        || !index.isLinkedAgainst(scope.moduleName)
        || index.prefixFile(scope.moduleName) != null) { // a file named after it is taken
      return;
    }
    List<Scope> others = new ArrayList<>();
    for (Scope module : index.modules(scope.moduleName)) {
      if (module.document != document) {
        others.add(module);
      }
    }
    if (others.isEmpty()) {
      return;
    }
    List<LinkDiagnostic.Related> related = new ArrayList<>();
    for (Scope other : others) {
      related.add(
          new LinkDiagnostic.Related(
              other.document.location(other.moduleOp.symbolSpan().orElseThrow()),
              "also declared here"));
    }
    found.add(
        new LinkDiagnostic(
            DiagnosticCode.AMBIGUOUS_MODULE,
            "module @"
                + scope.moduleName
                + " is declared by "
                + (others.size() + 1)
                + " files; a declaration of one of its symbols links whichever comes first",
            document.path,
            document.range(scope.moduleOp.symbolSpan().orElseThrow()),
            related));
  }

  private void checkDeclaration(Symbol declaration) {
    Scope scope = declaration.scope();
    String name = declaration.name();
    if (scope.definitions.containsKey(name) || name.indexOf('.') <= 0) {
      // A name both declared and defined in one module is the reader's to report. A plain name
      // is resolved against the link modules a build names, which a workspace does not know
      // (a library path finds only dotted names, by their module).
      return;
    }
    List<Symbol> candidates = index.candidates(scope, name);
    if (candidates.isEmpty()) {
      unresolved(declaration);
      return;
    }
    Symbol definition = candidates.get(0);
    List<LinkDiagnostic.Related> definedHere = new ArrayList<>();
    if (definition.op().kind() != OpKind.FUNCTION) {
      definedHere.add(new LinkDiagnostic.Related(location(definition), "defined here"));
      add(
          DiagnosticCode.TYPE_MISMATCH,
          declaration,
          LinkMessages.notAFunction(name, definition.op().opName()),
          definedHere);
      return;
    }
    FunctionSignature expected;
    FunctionSignature actual;
    try {
      expected = declaration.op().signature();
    } catch (DiagnosticException e) {
      add(DiagnosticCode.SYNTAX, declaration, e.diagnostic().message(), List.of());
      return;
    }
    try {
      actual = definition.op().signature();
    } catch (DiagnosticException e) {
      return; // reported in the definition's own document
    }
    if (!expected.equals(actual)) {
      definedHere.add(
          new LinkDiagnostic.Related(location(definition), LinkMessages.definedWithType(actual)));
      add(
          DiagnosticCode.TYPE_MISMATCH,
          declaration,
          LinkMessages.typeMismatch(name, expected, actual),
          definedHere);
    }
  }

  private void unresolved(Symbol declaration) {
    String name = declaration.name();
    String message = LinkMessages.unresolved(name, Suggestions.closest(name, index.knownNames()));
    List<LinkDiagnostic.Related> related = new ArrayList<>();
    Symbol hidden = index.privateDefinition(name);
    if (hidden != null) {
      related.add(
          new LinkDiagnostic.Related(
              location(hidden), LinkMessages.privateTo(hidden.name(), hidden.scope().moduleName)));
    }
    int dot = name.indexOf('.');
    if (dot > 0 && index.modules(name.substring(0, dot)).isEmpty()) {
      related.add(
          new LinkDiagnostic.Related(
              null, "no document declares module @" + name.substring(0, dot)));
    }
    add(DiagnosticCode.UNRESOLVED_EXTERNAL, declaration, message, related);
  }

  private void add(
      DiagnosticCode code, Symbol at, String message, List<LinkDiagnostic.Related> related) {
    found.add(
        new LinkDiagnostic(code, message, document.path, document.range(at.nameSpan()), related));
  }

  private static TextLocation location(Symbol symbol) {
    return symbol.document().location(symbol.nameSpan());
  }
}
