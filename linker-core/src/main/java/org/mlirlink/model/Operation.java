package org.mlirlink.model;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A top-level operation of a file or of a module body, as the linker needs to know it: where it is,
 * what symbol it defines, with which visibility, where its body is, and every symbol, alias and
 * resource it uses. Op bodies are not modelled op by op; their text is copied as it is.
 *
 * <pre>{@code
 * for (Operation op : file.operations()) {
 *   if (op.kind() == OpKind.FUNCTION && op.isDeclaration()) {
 *     System.out.println(op.symbolName().orElseThrow() + " : " + op.signature().display());
 *   }
 * }
 * }</pre>
 */
public final class Operation implements TopLevelItem {
  private final SourceText source;
  private final String opName;
  private final OpKind kind;
  private final boolean genericForm;
  // The spans every op or every function has, as offsets rather than Span objects: a library
  // of hundreds of thousands of functions would keep three objects more for each. A Span is made
  // when one is asked for. (-1: no symbol, no body.)
  private final long start;
  private final long end;
  private final String symbolName;
  private final long symbolStart;
  private final long symbolEnd;
  private final Visibility visibility;
  private final Span visibilitySpan;
  private final long bodyStart;
  private final long bodyEnd;
  private final Span attributeDictionary;
  private final Span discardableDictionary;
  private final List<SymbolUse> symbolUses;
  private final List<AliasUse> aliasUses;
  private final List<ResourceUse> resourceUses;
  private final List<Operation> children;
  // What parses the signature and the attributes on first use, and what they parsed: kept in
  // fields, not memoizing wrappers, as a large library has hundreds of thousands of ops. A race
  // parses twice and keeps equal values.
  private final SignatureParser signatureParser;
  private final Supplier<List<AttributeEntry>> attributesParser;
  private volatile FunctionSignature signature;
  private volatile List<AttributeEntry> attributes;
  private final boolean declaration;

  private Operation(Builder b) {
    this.source = checkNotNull(b.source);
    this.opName = checkNotNull(b.opName);
    this.kind = OpKind.ofOpName(b.opName);
    this.genericForm = b.genericForm;
    Span range = checkNotNull(b.range);
    this.start = range.start();
    this.end = range.end();
    this.symbolName = b.symbolName;
    this.symbolStart = b.symbolSpan == null ? -1 : b.symbolSpan.start();
    this.symbolEnd = b.symbolSpan == null ? -1 : b.symbolSpan.end();
    this.visibility = b.visibility == null ? Visibility.PUBLIC : b.visibility;
    this.visibilitySpan = b.visibilitySpan;
    this.bodyStart = b.body == null ? -1 : b.body.start();
    this.bodyEnd = b.body == null ? -1 : b.body.end();
    this.attributeDictionary = b.attributeDictionary;
    this.discardableDictionary = b.discardableDictionary;
    this.symbolUses = List.copyOf(b.symbolUses);
    this.aliasUses = List.copyOf(b.aliasUses);
    this.resourceUses = List.copyOf(b.resourceUses);
    this.children = List.copyOf(b.children);
    this.signatureParser = b.signature;
    this.attributesParser = b.attributes;
    this.declaration =
        kind == OpKind.FUNCTION
            && (b.body == null || (b.blankBody != null ? b.blankBody : isBlank(source, b.body)));
  }

  public static Builder builder(SourceText source, String opName) {
    return new Builder(source, opName);
  }

  /** The file the op was read from. */
  public SourceText source() {
    return source;
  }

  /** The op name as written, e.g. {@code util.func} (without quotes in generic form). */
  public String opName() {
    return opName;
  }

  public OpKind kind() {
    return kind;
  }

  /** True for the generic form {@code "func.func"() ({...}) {sym_name = "f", ...}}. */
  public boolean isGenericForm() {
    return genericForm;
  }

  @Override
  public Span range() {
    return new Span(start, end);
  }

  /** The text of the whole op. */
  public String text() {
    return source.string(start, end);
  }

  /** The symbol this op defines, unquoted, if any. */
  public Optional<String> symbolName() {
    return Optional.ofNullable(symbolName);
  }

  /**
   * {@link #symbolName()}, or null: for the loops that look at every op of a library, which would
   * otherwise make an {@code Optional} for each.
   */
  public String symbolNameOrNull() {
    return symbolName;
  }

  /**
   * Whether {@link #symbolName()} is a guess: the op is in custom form and of a kind neither {@link
   * OpKind} nor {@link OpTable} knows (a user's own dialect), so its first {@code @name} was taken
   * for the symbol it defines, as {@code op @name} usually is. It may as well only name a symbol
   * defined elsewhere.
   */
  public boolean isSymbolGuessed() {
    return symbolName != null
        && !genericForm
        && OpTable.definesSymbol(opName) == OpTable.Answer.UNKNOWN;
  }

  /**
   * Of two ops that define one name in one symbol table, the one the name belongs to: the one whose
   * symbol is not {@linkplain #isSymbolGuessed guessed}, else the first; null when both are known
   * to define it, which is an error.
   *
   * <p>Two definitions where one is a guess are never an error: the guessed op may well only refer
   * to the name (as {@code iree_codegen.dispatch_config @f} refers to the function {@code @f}
   * beside it), and a file MLIR accepts must not be refused for a guess of ours.
   */
  public static Operation symbolOwner(Operation first, Operation second) {
    boolean firstGuessed = first.isSymbolGuessed();
    boolean secondGuessed = second.isSymbolGuessed();
    if (!firstGuessed && !secondGuessed) {
      return null;
    }
    return firstGuessed && !secondGuessed ? second : first;
  }

  /**
   * Where the symbol name is written: the {@code @name} token in custom form, the string literal
   * (quotes included) of {@code sym_name} in generic form.
   */
  public Optional<Span> symbolSpan() {
    return symbolStart < 0 ? Optional.empty() : Optional.of(new Span(symbolStart, symbolEnd));
  }

  /** Where diagnostics point at this op: its symbol name, or its start when it has none. */
  public long nameOffset() {
    return symbolStart >= 0 ? symbolStart : start;
  }

  public Visibility visibility() {
    return visibility;
  }

  /**
   * Where the visibility is written: the keyword in custom form, the string literal of {@code
   * sym_visibility} in generic form; empty when the op relies on the default (public).
   */
  public Optional<Span> visibilitySpan() {
    return Optional.ofNullable(visibilitySpan);
  }

  /** The body region, braces included; empty for a declaration without one. */
  public Optional<Span> body() {
    return bodyStart < 0 ? Optional.empty() : Optional.of(new Span(bodyStart, bodyEnd));
  }

  /**
   * The op's attribute dictionary, braces included: {@code attributes {...}} in custom form, the
   * properties {@code <{...}>} (or the trailing dictionary) in generic form.
   */
  public Optional<Span> attributeDictionary() {
    return Optional.ofNullable(attributeDictionary);
  }

  /**
   * In generic form with properties, the attribute dictionary after them, braces included: {@code
   * {iree.abi.stub}} in {@code "util.func"() <{...}> ({...}) {iree.abi.stub} : () -> ()}. Empty
   * otherwise (custom form, or a generic op whose only dictionary is {@link
   * #attributeDictionary()}).
   */
  public Optional<Span> discardableDictionary() {
    return Optional.ofNullable(discardableDictionary);
  }

  /** A function without a body (or with an empty region in generic form). */
  public boolean isDeclaration() {
    return declaration;
  }

  /** Every symbol reference in the op, in text order, the op's own name excluded. */
  public List<SymbolUse> symbolUses() {
    return symbolUses;
  }

  /** Every alias use in the op, in text order. */
  public List<AliasUse> aliasUses() {
    return aliasUses;
  }

  /** Every {@code dense_resource<key>} use in the op, in text order. */
  public List<ResourceUse> resourceUses() {
    return resourceUses;
  }

  /**
   * The symbol uses that make this op depend on other symbols: all of them, except inside the body
   * of an op linked whole (an executable), whose names are its own internals.
   */
  public List<SymbolUse> dependencyUses() {
    if (kind.isScannedInside() || bodyStart < 0) {
      return symbolUses;
    }
    List<SymbolUse> outside = new ArrayList<>();
    for (SymbolUse use : symbolUses) {
      Span root = use.rootSpan();
      if (root.start() < bodyStart || root.end() > bodyEnd) {
        outside.add(use);
      }
    }
    return outside;
  }

  /**
   * The op's text in front of one of its uses, at most {@value #TEXT_BEFORE_USE} characters: enough
   * to see which op inside a body a use belongs to ({@code util.global.store %v, @g}), since bodies
   * are not read op by op.
   */
  public String textBefore(SymbolUse use) {
    long at = use.rootSpan().start();
    return source.string(Math.max(start, at - TEXT_BEFORE_USE), at);
  }

  /** How much text {@link #textBefore} gives. */
  static final int TEXT_BEFORE_USE = 160;

  /** For a module, the top-level items of its body that are operations; otherwise empty. */
  public List<Operation> children() {
    return children;
  }

  /** Whether the op is a function whose type is known ({@link #signature()} can be asked). */
  public boolean hasSignature() {
    return signatureParser != null;
  }

  /**
   * The function's type, normalized for comparison. Parsed on first use, so functions that are
   * never linked are never parsed.
   *
   * @throws IllegalStateException if this op is not a function
   */
  public FunctionSignature signature() {
    if (signatureParser == null) {
      throw new IllegalStateException(opName + " is not a function");
    }
    FunctionSignature parsed = signature;
    if (parsed == null) {
      parsed = signatureParser.parse(this);
      signature = parsed;
    }
    return parsed;
  }

  /**
   * The entries of {@link #attributeDictionary()} and then of {@link #discardableDictionary()},
   * parsed on first use.
   */
  public List<AttributeEntry> attributes() {
    List<AttributeEntry> parsed = attributes;
    if (parsed == null) {
      parsed = attributesParser == null ? List.of() : List.copyOf(attributesParser.get());
      attributes = parsed;
    }
    return parsed;
  }

  /** Whether a region holds nothing but whitespace and comments between its braces. */
  private static boolean isBlank(ByteView text, Span region) {
    for (long i = region.start() + 1; i < region.end() - 1; i++) {
      char c = text.charAt(i);
      if (c == '/' && i + 1 < region.end() && text.charAt(i + 1) == '/') {
        while (i < region.end() && !MlirSyntax.isLineEnd(text.charAt(i))) {
          i++;
        }
      } else if (!MlirSyntax.isWhitespace(c)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return opName + (symbolName == null ? "" : " @" + symbolName) + " at " + range();
  }

  /**
   * What reads a function's type from its text, given the op, when it is first asked for: one
   * parser can serve every function of a file, where a closure over each one's header would be kept
   * for each of hundreds of thousands of functions.
   */
  @FunctionalInterface
  public interface SignatureParser {
    /** The type of {@code op}, a function of the file this parser reads. */
    FunctionSignature parse(Operation op);
  }

  /** Collects an op's parts while the reader scans it. */
  public static final class Builder {
    private final SourceText source;
    private final String opName;
    private boolean genericForm;
    private Span range;
    private String symbolName;
    private Span symbolSpan;
    private Visibility visibility;
    private Span visibilitySpan;
    private Span body;
    private Boolean blankBody;
    private Span attributeDictionary;
    private Span discardableDictionary;
    private List<SymbolUse> symbolUses = List.of();
    private List<AliasUse> aliasUses = List.of();
    private List<ResourceUse> resourceUses = List.of();
    private List<Operation> children = List.of();
    private SignatureParser signature;
    private Supplier<List<AttributeEntry>> attributes;

    private Builder(SourceText source, String opName) {
      this.source = source;
      this.opName = opName;
    }

    public Builder genericForm(boolean generic) {
      this.genericForm = generic;
      return this;
    }

    public Builder range(Span range) {
      this.range = range;
      return this;
    }

    public Builder symbol(String name, Span span) {
      this.symbolName = name;
      this.symbolSpan = span;
      return this;
    }

    public Builder visibility(Visibility visibility, Span span) {
      this.visibility = visibility;
      this.visibilitySpan = span;
      return this;
    }

    public Builder body(Span body) {
      this.body = body;
      return this;
    }

    /**
     * Says whether the body holds nothing but whitespace and comments, found by the reader as it
     * goes; when not said, the op looks at its source.
     */
    public Builder blankBody(boolean blank) {
      this.blankBody = blank;
      return this;
    }

    public Builder attributeDictionary(Span dictionary) {
      this.attributeDictionary = dictionary;
      return this;
    }

    public Builder discardableDictionary(Span dictionary) {
      this.discardableDictionary = dictionary;
      return this;
    }

    public Builder symbolUses(List<SymbolUse> uses) {
      this.symbolUses = uses;
      return this;
    }

    public Builder aliasUses(List<AliasUse> uses) {
      this.aliasUses = uses;
      return this;
    }

    public Builder resourceUses(List<ResourceUse> uses) {
      this.resourceUses = uses;
      return this;
    }

    public Builder children(List<Operation> children) {
      this.children = children;
      return this;
    }

    public Builder signature(SignatureParser signature) {
      this.signature = signature;
      return this;
    }

    public Builder attributes(Supplier<List<AttributeEntry>> attributes) {
      this.attributes = attributes;
      return this;
    }

    public Operation build() {
      return new Operation(this);
    }
  }
}
