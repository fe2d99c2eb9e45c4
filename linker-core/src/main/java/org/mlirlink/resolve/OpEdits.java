package org.mlirlink.resolve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.mlirlink.model.AttributeEntry;
import org.mlirlink.model.MlirSyntax;
import org.mlirlink.model.OpKind;
import org.mlirlink.model.Operation;
import org.mlirlink.model.Span;
import org.mlirlink.model.SymbolUse;
import org.mlirlink.model.TextEdit;
import org.mlirlink.model.Visibility;

/**
 * The text edits that change one op as it goes into the output, each spelled the way the op's form
 * writes it: a new name for its symbol or for a symbol it uses, a new visibility, and the
 * attributes of the declaration it replaces. Both the link and the bundle planner use them.
 */
final class OpEdits {
  /** Each visibility's keyword, by ordinal: asked for once per linked op. */
  private static final String[] KEYWORDS =
      Arrays.stream(Visibility.values()).map(Visibility::keyword).toArray(String[]::new);

  private OpEdits() {}

  /** The edit that gives {@code op}'s own symbol a new name. */
  static TextEdit renameDefinition(Operation op, String name) {
    return new TextEdit(
        op.symbolSpan().orElseThrow(),
        op.isGenericForm() ? MlirSyntax.stringLiteral(name) : MlirSyntax.symbolReference(name));
  }

  /** The edit that makes {@code use} refer to {@code name}. */
  static TextEdit renameUse(SymbolUse use, String name) {
    return new TextEdit(use.rootSpan(), MlirSyntax.symbolReference(name));
  }

  /**
   * Adds the edit that gives {@code op} the visibility {@code wanted}: a keyword already written is
   * replaced in place, a generic op gets a {@code sym_visibility} attribute, and otherwise the
   * keyword goes where the op's kind writes it ({@link OpKind#visibilityPlace}).
   */
  static void setVisibility(Operation op, Visibility wanted, List<TextEdit> edits) {
    if (op.visibility() == wanted) {
      return;
    }
    String keyword = KEYWORDS[wanted.ordinal()];
    if (op.visibilitySpan().isPresent()) {
      Span span = op.visibilitySpan().get();
      boolean quoted = op.isGenericForm() || op.source().charAt(span.start()) == '"';
      edits.add(new TextEdit(span, quoted ? MlirSyntax.stringLiteral(keyword) : keyword));
      return;
    }
    if (op.isGenericForm()) {
      long at = op.attributeDictionary().orElseThrow().start() + 1;
      edits.add(
          new TextEdit(
              new Span(at, at), "sym_visibility = " + MlirSyntax.stringLiteral(keyword) + ", "));
      return;
    }
    long at = op.range().start() + op.opName().length();
    switch (op.kind().visibilityPlace()) {
      case AFTER_OP_NAME -> edits.add(new TextEdit(new Span(at, at), " " + keyword));
      case QUOTED_AFTER_OP_NAME ->
          edits.add(new TextEdit(new Span(at, at), " " + MlirSyntax.stringLiteral(keyword)));
      case UNKNOWN -> {
        // Where the op's syntax puts a visibility is not known, and a public symbol links as
        // well as a private one: it keeps the one it has.
      }
    }
  }

  /**
   * Adds the edit that gives {@code op} the attributes of the {@code declaration} it replaces, with
   * those of its own that the declaration lacks: what the input says about a function wins.
   */
  static void mergeAttributes(Operation op, Operation declaration, List<TextEdit> edits) {
    if (op.isGenericForm()
        || declaration.isGenericForm()
        || declaration.attributeDictionary().isEmpty()) {
      return;
    }
    List<String> merged = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (AttributeEntry entry : declaration.attributes()) {
      names.add(entry.name());
      merged.add(entry.span().of(declaration.source()));
    }
    for (AttributeEntry entry : op.attributes()) {
      if (names.add(entry.name())) {
        merged.add(entry.span().of(op.source()));
      }
    }
    String dictionary = "{" + String.join(", ", merged) + "}";
    if (op.attributeDictionary().isPresent()) {
      edits.add(new TextEdit(op.attributeDictionary().get(), dictionary));
    } else {
      long at = op.body().map(Span::start).orElse(op.range().end());
      edits.add(new TextEdit(new Span(at, at), "attributes " + dictionary + " "));
    }
  }
}
