package org.mlirlink.workspace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.mlirlink.model.AliasDefinition;
import org.mlirlink.model.Operation;
import org.mlirlink.model.Span;
import org.mlirlink.model.TopLevelItem;
import org.mlirlink.workspace.Document.Scope;
import org.mlirlink.workspace.Document.Symbol;

/** A document's symbols as an editor's outline shows them. */
final class Outline {
  private Outline() {}

  /** Modules holding their symbols, an anonymous top level's symbols, and the aliases. */
  static List<SymbolInfo> of(Document document) {
    if (document == null || document.file == null) {
      return List.of();
    }
    List<SymbolInfo> top = new ArrayList<>();
    for (Scope scope : document.scopes) {
      List<SymbolInfo> symbols = new ArrayList<>();
      for (Symbol symbol : scope.symbols) {
        symbols.add(info(symbol));
      }
      if (scope.moduleName == null) {
        top.addAll(symbols);
      } else {
        top.add(module(scope, symbols));
      }
    }
    for (TopLevelItem item : document.file.items()) {
      if (item instanceof AliasDefinition alias) {
        Span name = alias.nameSpan();
        top.add(
            new SymbolInfo(
                alias.name(),
                alias.name(),
                SymbolKind.ALIAS,
                "",
                false,
                alias.normalizedValue(),
                document.location(alias.range()),
                document.range(name),
                List.of()));
      }
    }
    top.sort(Comparator.comparingLong(s -> s.location().range().start().offset()));
    return top;
  }

  /** Every module and symbol of a document, without children, for a search across documents. */
  static List<SymbolInfo> flat(Document document) {
    List<SymbolInfo> all = new ArrayList<>();
    if (document == null || document.file == null) {
      return all;
    }
    for (Scope scope : document.scopes) {
      if (scope.moduleName != null) {
        all.add(module(scope, List.of()));
      }
      for (Symbol symbol : scope.symbols) {
        if (!symbol.isDeclaration()) {
          all.add(info(symbol));
        }
      }
    }
    return all;
  }

  private static SymbolInfo module(Scope scope, List<SymbolInfo> children) {
    Operation op = scope.moduleOp;
    return new SymbolInfo(
        scope.moduleName,
        scope.moduleName,
        SymbolKind.MODULE,
        op.visibility().keyword(),
        false,
        "",
        scope.document.location(op.range()),
        scope.document.range(op.symbolSpan().orElseThrow()),
        children);
  }

  static SymbolInfo info(Symbol symbol) {
    Operation op = symbol.op();
    Document document = symbol.document();
    return new SymbolInfo(
        symbol.name(),
        symbol.qualifiedName(),
        kindOf(op),
        op.visibility().keyword(),
        symbol.isDeclaration(),
        Workspace.typeOf(symbol),
        document.location(op.range()),
        document.range(symbol.nameSpan()),
        List.of());
  }

  static SymbolKind kindOf(Operation op) {
    return switch (op.kind()) {
      case MODULE -> SymbolKind.MODULE;
      case FUNCTION -> SymbolKind.FUNCTION;
      case EXECUTABLE -> SymbolKind.EXECUTABLE;
      case GLOBAL, MEMREF_GLOBAL -> SymbolKind.GLOBAL;
      default -> SymbolKind.OTHER;
    };
  }
}
