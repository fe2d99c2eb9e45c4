package org.mlirlink.workspace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.mlirlink.diagnostic.Diagnostic;
import org.mlirlink.diagnostic.DiagnosticCode;
import org.mlirlink.diagnostic.DiagnosticException;
import org.mlirlink.model.Diagnostics;
import org.mlirlink.model.FunctionSignature;
import org.mlirlink.model.OpKind;
import org.mlirlink.model.Suggestions;
import org.mlirlink.resolve.LinkMessages;
import org.mlirlink.workspace.Document.Scope;
import org.mlirlink.workspace.Document.Symbol;

/**
 * The problems a link of a document would report, found without linking: what the reader rejects,
 * each dotted external declaration that resolves to nothing, to something that is not a function or
 * to a function of another type, and a module it names that several files under the roots declare.
 * The rule is the link's library search (a link of the document, the roots as its library paths),
 * and the messages are the linker's own.
 */
final class LinkChecks {
  private final Document document;
  private final WorkspaceIndex index;
  private final Runnable checkCancelled;
  private final List<Diagnostic> found = new ArrayList<>();

  /** The modules found ambiguous already: a link reports each once, at its first use. */
  private final Set<String> ambiguous = new HashSet<>();

  private LinkChecks(Document document, WorkspaceIndex index, Runnable checkCancelled) {
    this.document = document;
    this.index = index;
    this.checkCancelled = checkCancelled;
  }

  static List<Diagnostic> of(Document document, WorkspaceIndex index, Runnable checkCancelled) {
    LinkChecks checks = new LinkChecks(document, index, checkCancelled);
    if (document.readError != null) {
      checks.readError(document.readError);
    } else {
      for (Scope scope : document.scopes) {
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
   * The reader's error, as the link would report it (the reader stops at its first error, so there
   * is one); a file that cannot be read at all is {@link DiagnosticCode#UNREADABLE}.
   */
  private void readError(Diagnostic error) {
    found.add(document.unreadable ? error.withCode(DiagnosticCode.UNREADABLE) : error);
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
    List<Scope> declaring = index.ambiguousModules(scope, name);
    if (!declaring.isEmpty()) {
      if (ambiguous.add(declaring.get(0).moduleName)) {
        ambiguousModule(declaration, declaring);
      }
      return; // what it links to is a guess: no type to compare with
    }
    List<Symbol> candidates = index.candidates(scope, name);
    if (candidates.isEmpty()) {
      unresolved(declaration);
      return;
    }
    Symbol definition = candidates.get(0);
    if (definition.op().kind() != OpKind.FUNCTION) {
      add(
          DiagnosticCode.TYPE_MISMATCH,
          declaration,
          LinkMessages.notAFunction(name, definition.op().opName()),
          List.of(note(definition, "defined here")));
      return;
    }
    FunctionSignature expected;
    FunctionSignature actual;
    try {
      expected = declaration.op().signature();
    } catch (DiagnosticException e) {
      found.add(e.diagnostic());
      return;
    }
    try {
      actual = definition.op().signature();
    } catch (DiagnosticException e) {
      return; // reported in the definition's own document
    }
    if (!expected.equals(actual)) {
      add(
          DiagnosticCode.TYPE_MISMATCH,
          declaration,
          LinkMessages.typeMismatch(name, expected, actual),
          List.of(note(definition, LinkMessages.definedWithType(actual))));
    }
  }

  private void unresolved(Symbol declaration) {
    String name = declaration.name();
    String message = LinkMessages.unresolved(name, Suggestions.closest(name, index.knownNames()));
    List<Diagnostic> notes = new ArrayList<>();
    Symbol hidden = index.privateDefinition(name);
    if (hidden != null) {
      notes.add(note(hidden, LinkMessages.privateTo(hidden.name(), hidden.scope().moduleName)));
    }
    Diagnostic error =
        at(declaration, message, notes).withNote(searched(declaration.scope(), name));
    found.add(error.withCode(DiagnosticCode.UNRESOLVED_EXTERNAL));
  }

  /**
   * Where the link looked for the dotted {@code name}'s module, in the link's own words (its
   * library search's note on an unresolved name): the file it found and took, or every place it
   * looked in.
   */
  private String searched(Scope from, String name) {
    int dot = name.indexOf('.');
    String prefix = name.substring(0, dot);
    Path file = index.moduleFile(from, prefix);
    if (file != null) {
      return "module @"
          + prefix
          + " is in "
          + file
          + ", and has no public '"
          + name.substring(dot + 1)
          + "'";
    }
    if (index.roots().isEmpty()) {
      return "no link module or library path was given to look for module @" + prefix + " in";
    }
    List<String> places = new ArrayList<>();
    for (Path root : index.roots()) {
      places.add("at " + root.resolve(prefix + ".mlir") + ", nor in any .mlir file under " + root);
    }
    return "module @" + prefix + " is not " + String.join(", nor ", places);
  }

  /**
   * A declaration of a module that several files under the roots declare: the link stops with this
   * error, in its words, rather than guess (a link module could settle it, which an editor's link
   * of the document does not have).
   */
  private void ambiguousModule(Symbol declaration, List<Scope> declaring) {
    String module = declaring.get(0).moduleName;
    List<Diagnostic> related = new ArrayList<>();
    for (Scope scope : declaring) {
      related.add(
          Diagnostics.note(
              scope.document.text,
              scope.moduleOp.symbolSpan().orElseThrow(),
              scope == declaring.get(0) ? "declared here" : "also declared here"));
    }
    add(
        DiagnosticCode.AMBIGUOUS_MODULE,
        declaration,
        "module @"
            + module
            + " is declared by "
            + declaring.size()
            + " files under the library paths; keep one or pass it with --link-module",
        related);
  }

  private void add(DiagnosticCode code, Symbol at, String message, List<Diagnostic> notes) {
    found.add(at(at, message, notes).withCode(code));
  }

  /** An error on a declaration's name, with its notes. */
  private Diagnostic at(Symbol at, String message, List<Diagnostic> notes) {
    Diagnostic error = Diagnostics.error(document.text, at.nameSpan(), message);
    for (Diagnostic note : notes) {
      error = error.withNote(note);
    }
    return error;
  }

  /** A note on a symbol's name, in the document that holds it. */
  private static Diagnostic note(Symbol symbol, String message) {
    return Diagnostics.note(symbol.document().text, symbol.nameSpan(), message);
  }
}
