package org.mlirlink.workspace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mlirlink.model.MlirSyntax;
import org.mlirlink.workspace.Document.Scope;
import org.mlirlink.workspace.Document.Symbol;

/** What a symbol reference being typed can become. */
final class Completions {
  private Completions() {}

  /**
   * The completions at {@code line:column}: after {@code @module.}, the public symbols of every
   * module of that name; after {@code @} alone, the module names and the symbols of the scope the
   * cursor is in.
   */
  static List<Completion> at(Document document, WorkspaceIndex index, int line, int column) {
    String before = document.lineBefore(line, column);
    int start = before.length();
    while (start > 0 && MlirSyntax.isBareIdChar(before.charAt(start - 1))) {
      start--;
    }
    if (start == 0 || before.charAt(start - 1) != '@') {
      return List.of();
    }
    String typed = before.substring(start);
    String after = document.lineAfter(line, column);
    // A name the cursor stands in is replaced whole, not only up to the cursor: a symbol's name
    // to its end (dots included), a module's name up to the dot after it.
    int nameRest = 0;
    while (nameRest < after.length() && MlirSyntax.isBareIdChar(after.charAt(nameRest))) {
      nameRest++;
    }
    int moduleRest = after.substring(0, nameRest).indexOf('.');
    moduleRest = moduleRest < 0 ? nameRest : moduleRest;
    int end = column + nameRest;
    List<Completion> found = new ArrayList<>();
    for (Map.Entry<String, List<Scope>> module : index.modules().entrySet()) {
      String prefix = module.getKey() + ".";
      if (typed.startsWith(prefix)) {
        String partial = typed.substring(prefix.length());
        TextRange replace = replaced(document, line, column, partial, end);
        for (Scope scope : module.getValue()) {
          for (Symbol symbol : scope.symbols) {
            if (symbol.isPublic()
                && !symbol.isDeclaration()
                && WorkspaceIndex.isLinkable(symbol.op())
                && symbol.name().startsWith(partial)) {
              found.add(
                  new Completion(
                      symbol.name(),
                      Outline.kindOf(symbol.op()),
                      Workspace.typeOf(symbol),
                      symbol.name(),
                      replace));
            }
          }
        }
      }
    }
    if (!found.isEmpty() || typed.contains(".") && !typed.endsWith(".")) {
      return found;
    }
    TextRange moduleReplace = replaced(document, line, column, typed, column + moduleRest);
    for (Map.Entry<String, List<Scope>> module : index.modules().entrySet()) {
      if (module.getKey().startsWith(typed)) {
        found.add(
            new Completion(
                module.getKey(),
                SymbolKind.MODULE,
                module.getValue().get(0).document.path.getFileName().toString(),
                module.getKey() + (after.startsWith(".", moduleRest) ? "" : "."),
                moduleReplace));
      }
    }
    TextRange replace = replaced(document, line, column, typed, end);
    Document indexed = document.indexed(); // while the text does not read, its last version
    Scope scope = indexed == null ? null : scopeAt(indexed, document.offset(line, column));
    if (scope != null) {
      for (Symbol symbol : scope.symbols) {
        if (symbol.name().startsWith(typed)) {
          found.add(
              new Completion(
                  symbol.name(),
                  Outline.kindOf(symbol.op()),
                  Workspace.typeOf(symbol),
                  MlirSyntax.quoteIfNeeded(symbol.name()),
                  replace));
        }
      }
    }
    return found;
  }

  /** From the {@code typed} characters before {@code line:column} up to column {@code end}. */
  private static TextRange replaced(
      Document document, int line, int column, String typed, int end) {
    long from = document.offset(line, column - typed.length());
    long to = document.offset(line, end);
    return new TextRange(document.position(from), document.position(to));
  }

  /** The innermost module holding {@code offset}, else the document's first scope. */
  private static Scope scopeAt(Document document, long offset) {
    Scope found = null;
    for (Scope scope : document.scopes) {
      if (scope.moduleOp != null
          && scope.moduleOp.range().start() <= offset
          && offset <= scope.moduleOp.range().end()) {
        found = scope;
      }
    }
    return found != null || document.scopes.isEmpty() ? found : document.scopes.get(0);
  }
}
