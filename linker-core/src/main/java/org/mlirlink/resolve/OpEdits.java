package org.mlirlink.resolve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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

  /** Each keyword after a space, as inserted after an op name: made once, not for each op. */
  private static final String[] SPACED_KEYWORDS =
      Arrays.stream(KEYWORDS).map(" "::concat).toArray(String[]::new);

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
      case AFTER_OP_NAME ->
          edits.add(new TextEdit(new Span(at, at), SPACED_KEYWORDS[wanted.ordinal()]));
      case QUOTED_AFTER_OP_NAME ->
          edits.add(new TextEdit(new Span(at, at), " " + MlirSyntax.stringLiteral(keyword)));
      case UNKNOWN -> {
        // Where the op's syntax puts a visibility is not known, and a public symbol links as
        // well as a private one: it keeps the one it has.
      }
    }
  }

  /**
   * Names of a function's attributes that say what its signature and symbol are. They are not
   * merged: the definition's own say what it is.
   */
  private static final Set<String> SIGNATURE_ATTRIBUTES =
      Set.of(
          "sym_name", "sym_visibility", "function_type", "arg_attrs", "res_attrs", "tied_operands");

  /**
   * Adds the edits that give {@code op} the attributes of the {@code declaration} it replaces, with
   * those of its own that the declaration lacks: what the input says about a function wins. Either
   * may be in custom form ({@code attributes {...}}) or generic form (properties {@code <{...}>}
   * and the dictionary after the regions); the signature's own attributes are never merged.
   */
  static void mergeAttributes(Operation op, Operation declaration, List<TextEdit> edits) {
    List<AttributeEntry> declared = mergeable(declaration);
    if (declared.isEmpty()) {
      return;
    }
    if (op.isGenericForm()) {
      mergeIntoGeneric(op, declaration, declared, edits);
      return;
    }
    List<String> merged = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (AttributeEntry entry : declared) {
      names.add(entry.name());
      merged.add(entry.span().of(declaration.source()));
    }
    for (AttributeEntry entry : mergeable(op)) {
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

  /**
   * The merge into a generic-form definition, entry by entry (its name and visibility are edited in
   * the same dictionary): an attribute both have takes the declaration's value; one only the
   * declaration has is added, to the properties when its name has no dialect prefix (an inherent
   * attribute such as {@code inlining_policy}) and the op has properties, else to the dictionary
   * after the regions ({@code iree.abi.stub}).
   */
  private static void mergeIntoGeneric(
      Operation op, Operation declaration, List<AttributeEntry> declared, List<TextEdit> edits) {
    Map<String, AttributeEntry> own = new HashMap<>();
    for (AttributeEntry entry : mergeable(op)) {
      own.putIfAbsent(entry.name(), entry);
    }
    Span dictionary = op.attributeDictionary().orElseThrow();
    boolean hasProperties = op.source().charAt(dictionary.start()) == '<';
    List<String> inherent = new ArrayList<>();
    List<String> discardable = new ArrayList<>();
    for (AttributeEntry entry : declared) {
      String text = entry.span().of(declaration.source());
      AttributeEntry mine = own.get(entry.name());
      if (mine != null) {
        if (!mine.span().of(op.source()).equals(text)) {
          edits.add(new TextEdit(mine.span(), text));
        }
      } else if (hasProperties && entry.name().indexOf('.') >= 0) {
        discardable.add(text);
      } else {
        inherent.add(text);
      }
    }
    appendEntries(op, dictionary, hasProperties ? 2 : 1, inherent, edits);
    if (discardable.isEmpty()) {
      return;
    }
    Span after = op.discardableDictionary().orElse(null);
    if (after != null) {
      appendEntries(op, after, 1, discardable, edits);
    } else {
      // No dictionary after the regions yet: one goes right after the ')' that closes them.
      long at = op.source().indexOf(')', op.body().orElse(dictionary).end()) + 1;
      edits.add(new TextEdit(new Span(at, at), " {" + String.join(", ", discardable) + "}"));
    }
  }

  /**
   * Adds {@code entries} at the end of {@code dictionary}, whose closing bracket is {@code closer}
   * characters long ({@code }>} or {@code }}).
   */
  private static void appendEntries(
      Operation op, Span dictionary, int closer, List<String> entries, List<TextEdit> edits) {
    if (entries.isEmpty()) {
      return;
    }
    long at = dictionary.end() - closer;
    boolean empty = op.attributes().stream().noneMatch(e -> dictionary.contains(e.span()));
    String text = (empty ? "" : ", ") + String.join(", ", entries);
    edits.add(new TextEdit(new Span(at, at), text));
  }

  /** The op's attributes that a merge takes or gives: all but the signature's own. */
  private static List<AttributeEntry> mergeable(Operation op) {
    List<AttributeEntry> entries = new ArrayList<>();
    for (AttributeEntry entry : op.attributes()) {
      if (!SIGNATURE_ATTRIBUTES.contains(entry.name())) {
        entries.add(entry);
      }
    }
    return entries;
  }
}
