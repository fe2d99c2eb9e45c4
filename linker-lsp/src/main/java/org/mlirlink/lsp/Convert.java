package org.mlirlink.lsp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.mlirlink.diagnostic.SourceLocation;
import org.mlirlink.workspace.Completion;
import org.mlirlink.workspace.Replacement;
import org.mlirlink.workspace.SymbolInfo;
import org.mlirlink.workspace.TextLocation;
import org.mlirlink.workspace.TextPosition;
import org.mlirlink.workspace.TextRange;

/**
 * The workspace's answers in the protocol's terms. Both count columns in UTF-16 characters (the
 * protocol's default position encoding), so a position converts by one: the protocol counts lines
 * and characters from 0, the workspace from 1.
 */
final class Convert {
  /** What the server calls itself in diagnostics, so that editors can tell who reported them. */
  static final String SOURCE = "mlir-link";

  private final Documents documents;

  Convert(Documents documents) {
    this.documents = documents;
  }

  /** The workspace's 1-based line of a protocol position. */
  static int line(Position at) {
    return at.getLine() + 1;
  }

  /** The workspace's 1-based column of a protocol position. */
  static int column(Position at) {
    return at.getCharacter() + 1;
  }

  static Position position(TextPosition at) {
    return new Position(Math.max(0, at.line() - 1), Math.max(0, at.column() - 1));
  }

  /**
   * Where a diagnostic points: from its place to the end of the name it is about, or one character
   * when it points at one place; the start of the file when it has no place.
   */
  static Range range(org.mlirlink.diagnostic.Diagnostic problem) {
    SourceLocation at = problem.location();
    if (at == null) {
      return new Range(new Position(0, 0), new Position(0, 0));
    }
    Position start = new Position(at.line() - 1, at.column() - 1);
    SourceLocation end = problem.end();
    return new Range(
        start,
        end == null
            ? new Position(at.line() - 1, at.column())
            : new Position(end.line() - 1, end.column() - 1));
  }

  static Range range(TextRange range) {
    return new Range(position(range.start()), position(range.end()));
  }

  Location location(TextLocation at) {
    return new Location(documents.uri(at.path()), range(at.range()));
  }

  List<Location> locations(List<TextLocation> at) {
    List<Location> out = new ArrayList<>(at.size());
    for (TextLocation one : at) {
      out.add(location(one));
    }
    return out;
  }

  /**
   * A link diagnostic as the editor shows it: an error with the code tools filter by, the places it
   * involves as related information, and notes without a place added to the message (related
   * information needs a place).
   */
  Diagnostic diagnostic(org.mlirlink.diagnostic.Diagnostic problem) {
    StringBuilder message = new StringBuilder(problem.message());
    List<DiagnosticRelatedInformation> related = new ArrayList<>();
    for (org.mlirlink.diagnostic.Diagnostic note : problem.related()) {
      if (note.location() != null) {
        related.add(
            new DiagnosticRelatedInformation(
                new Location(documents.uri(Path.of(note.location().file())), range(note)),
                note.message()));
      } else {
        message.append("\nnote: ").append(note.message());
      }
    }
    Diagnostic out =
        new Diagnostic(
            range(problem),
            message.toString(),
            DiagnosticSeverity.Error,
            SOURCE,
            problem.code().id());
    if (!related.isEmpty()) {
      out.setRelatedInformation(related);
    }
    return out;
  }

  /** An outline entry and its children. */
  static DocumentSymbol documentSymbol(SymbolInfo symbol) {
    Range whole = range(symbol.location().range());
    // The protocol requires the name's range inside the whole one; clients reject an outline
    // that breaks it, so a name outside (which would be a workspace bug) falls back to the whole.
    Range name =
        contains(symbol.location().range(), symbol.selection()) ? range(symbol.selection()) : whole;
    List<DocumentSymbol> children = new ArrayList<>();
    for (SymbolInfo child : symbol.children()) {
      children.add(documentSymbol(child));
    }
    DocumentSymbol out = new DocumentSymbol(symbol.name(), kind(symbol.kind()), whole, name);
    out.setDetail(detail(symbol));
    if (!children.isEmpty()) {
      out.setChildren(children);
    }
    return out;
  }

  /** A flat entry, for clients without hierarchical outlines and for workspace symbol search. */
  SymbolInformation symbolInformation(SymbolInfo symbol, String container) {
    SymbolInformation out =
        new SymbolInformation(
            symbol.qualifiedName(), kind(symbol.kind()), location(symbol.location()));
    if (container != null && !container.isEmpty()) {
      out.setContainerName(container);
    }
    return out;
  }

  /** The outline as a flat list, each symbol with its module as container. */
  List<Either<SymbolInformation, DocumentSymbol>> flatSymbols(List<SymbolInfo> symbols) {
    List<Either<SymbolInformation, DocumentSymbol>> out = new ArrayList<>();
    flatten(symbols, null, out);
    return out;
  }

  private void flatten(
      List<SymbolInfo> symbols,
      String container,
      List<Either<SymbolInformation, DocumentSymbol>> out) {
    for (SymbolInfo symbol : symbols) {
      out.add(Either.forLeft(symbolInformation(symbol, container)));
      flatten(symbol.children(), symbol.qualifiedName(), out);
    }
  }

  private static String detail(SymbolInfo symbol) {
    String detail = symbol.detail();
    if (symbol.declaration()) {
      detail = detail.isEmpty() ? "declaration" : "declaration " + detail;
    }
    return symbol.visibility().isEmpty() ? detail : (symbol.visibility() + " " + detail).strip();
  }

  private static boolean contains(TextRange outer, TextRange inner) {
    return outer.start().offset() <= inner.start().offset()
        && inner.end().offset() <= outer.end().offset();
  }

  static CompletionItem completion(Completion completion) {
    CompletionItem out = new CompletionItem(completion.label());
    out.setKind(completionKind(completion.kind()));
    if (!completion.detail().isEmpty()) {
      out.setDetail(completion.detail());
    }
    // An edit of the part already typed, not bare insert text: a client would otherwise guess
    // the word to replace from its own word characters, which do not include '@' or '.'.
    out.setTextEdit(
        Either.forLeft(new TextEdit(range(completion.replace()), completion.insertText())));
    out.setFilterText(completion.insertText());
    return out;
  }

  static TextEdit edit(Replacement replacement) {
    return new TextEdit(range(replacement.range()), replacement.newText());
  }

  static SymbolKind kind(org.mlirlink.workspace.SymbolKind kind) {
    switch (kind) {
      case MODULE:
        return SymbolKind.Module;
      case FUNCTION:
        return SymbolKind.Function;
      case GLOBAL:
        return SymbolKind.Variable;
      case EXECUTABLE:
        return SymbolKind.Class;
      case ALIAS:
        return SymbolKind.TypeParameter;
      case OTHER:
      default:
        return SymbolKind.Object;
    }
  }

  static CompletionItemKind completionKind(org.mlirlink.workspace.SymbolKind kind) {
    switch (kind) {
      case MODULE:
        return CompletionItemKind.Module;
      case FUNCTION:
        return CompletionItemKind.Function;
      case GLOBAL:
        return CompletionItemKind.Variable;
      case EXECUTABLE:
        return CompletionItemKind.Class;
      case ALIAS:
        return CompletionItemKind.TypeParameter;
      case OTHER:
      default:
        return CompletionItemKind.Reference;
    }
  }

  /** A path as a hover names it: relative to the library root it is under, if any. */
  static String shortName(Path path, List<Path> roots) {
    for (Path root : roots) {
      if (path.startsWith(root) && !path.equals(root)) {
        return root.relativize(path).toString();
      }
    }
    return path.toString();
  }
}
