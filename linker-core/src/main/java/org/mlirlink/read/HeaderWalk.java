package org.mlirlink.read;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mlirlink.diagnostic.DiagnosticException;
import org.mlirlink.diagnostic.SourceLocation;
import org.mlirlink.model.Diagnostics;
import org.mlirlink.model.MlirSyntax;
import org.mlirlink.model.SourceText;
import org.mlirlink.model.Span;
import org.mlirlink.read.HeaderParser.DictionaryEntry;

/**
 * Walks the short texts whose syntax the linker must know, over their bytes, as the ANTLR grammar
 * reads them. First the header of a custom-form function (the text in front of its body): checked
 * as a file is read, to have the shape the grammar's {@code functionHeader} rule reads, with the
 * first token that does not fit reported at its place:
 *
 * <pre>{@code
 * OP [public|private|nested] @name ( ARGUMENTS ) [-> RESULTS] [attributes {...}] [loc(...)]
 * ARGUMENTS: named (%a: TYPE) or bare (TYPE), each with an optional {...} and loc(...)
 * RESULTS:   ( RESULT, ... ) or RESULT, ...; a RESULT is TYPE {...}? or %a [as TYPE] {...}?
 * TYPE:      word or !word, each with an optional <...>; or (TYPE, ...) -> TYPE or (TYPE, ...)
 * }</pre>
 *
 * <p>The signature is found by the same walk when {@link HeaderParser} first asks for it ({@link
 * #types}): parsing every header with ANTLR as the file is read tripled the time to read a library
 * of 20 000 functions, while this walk over a header's bytes costs a small fraction of the scan.
 * Anything it accepts the grammar reads; it is stricter only where MLIR is too (one visibility
 * keyword, no {@code ...}, a tied result naming an argument). The insides of {@code <...>}, {@code
 * (...)} of a location and attribute values are only checked to balance, as the grammar does.
 *
 * <p>The same walk reads what a generic op writes in place of a header: its attribute dictionary
 * ({@link #dictionary(SourceText, byte[], long)}) and its {@code function_type} ({@link
 * #functionType}).
 */
final class HeaderWalk {
  private enum Kind {
    WORD, // a bare identifier, keywords included
    VALUE, // %name
    SYMBOL, // @name or @"name"
    BANG, // !name
    HASH, // #name
    CARET, // ^name
    STRING,
    NUMBER,
    ARROW, // ->
    PUNCT, // one character: ( ) { } [ ] < > = : , and any other
    END // the end of the header
  }

  private final SourceText source;
  private final byte[] b; // the header's bytes, b[0] at offset base of the source
  private final long base;
  private final int end;
  private final String opName;

  private Kind kind;
  private int start; // the current token, as indices into b
  private int tokenEnd;
  private int lastEnd; // the end of the token before it
  private char punct; // the current PUNCT's character
  private int arguments = -1; // the first token of the argument list

  // The brackets open in a group below its first, and where: made when one nests.
  private char[] open;
  private int[] openAt;

  /**
   * Where the types are, when the walk is asked for them ({@link #types}); null when it only
   * checks, as it does for every function read.
   */
  private Types types;

  /** The entries of the dictionary walked by {@link #dictionary(SourceText, byte[], long)}. */
  private List<DictionaryEntry> entries;

  private HeaderWalk(SourceText source, byte[] bytes, long base, String opName) {
    this.source = source;
    this.b = bytes;
    this.base = base;
    this.end = bytes.length;
    this.opName = opName;
  }

  /**
   * Checks the header of a function named {@code opName}: {@code bytes}, which start at offset
   * {@code start} of {@code source}. The header is walked as a copy of its bytes (a few dozen, from
   * the scanner's window) because this runs on every function of every file read: indexing an array
   * costs a fraction of a read through the cursor, and the walk stays a small part of the scan.
   *
   * @throws DiagnosticException at the first token out of place
   */
  static void check(SourceText source, byte[] bytes, long start, String opName) {
    new HeaderWalk(source, bytes, start, opName).header();
  }

  /**
   * The argument and result types of a header that {@link #check} accepted, as the text the
   * grammar's {@code type} rule covers for each: from its first token to the end of its last,
   * comments and blanks inside kept. A result tied to an argument ({@code -> %a}) is that
   * argument's type; one with {@code as TYPE} is TYPE. {@code HeaderParser} expands the aliases in
   * them.
   *
   * <pre>{@code
   * // util.func private @f(%a: tensor<?xf32>, index) -> %a
   * Types t = HeaderWalk.types(source, bytes, start, "util.func");
   * t.argument(1);  // "index"
   * t.result(0);    // "tensor<?xf32>"
   * }</pre>
   *
   * @throws DiagnosticException as {@link #check} does, for a header it would not accept
   */
  static Types types(SourceText source, byte[] bytes, long start, String opName) {
    HeaderWalk walk = new HeaderWalk(source, bytes, start, opName);
    walk.types = new Types(source, start);
    walk.header();
    return walk.types;
  }

  /**
   * The entries of an attribute dictionary as a generic op writes it ({@code <{...}>} or a trailing
   * {@code {...}}): {@code bytes} are the dictionary, braces included, from offset {@code start} of
   * {@code source}. It is walked as the grammar's {@code attributeDictOnly} rule reads it, so that
   * reading a generic op (all of them, in a file made from bytecode) needs no lexer and parser.
   *
   * <pre>{@code
   * // <{function_type = (i32) -> i32, sym_name = "f"}>
   * List<DictionaryEntry> e = HeaderWalk.dictionary(source, bytes, start);
   * e.get(1).name();       // "sym_name"
   * e.get(1).oneString();  // true: its value is one string literal
   * }</pre>
   *
   * @return the entries, or null when the walk is not sure to read the dictionary as the grammar's
   *     lexer does: a byte outside strings that is not ASCII or is a control character, a string
   *     holding a backslash or a line break or never closed, or {@code {-#} or {@code #-}} (one
   *     token each to the lexer, not brackets)
   * @throws DiagnosticException for a dictionary the grammar does not read either (the caller asks
   *     the grammar for its own message)
   */
  static List<DictionaryEntry> dictionary(SourceText source, byte[] bytes, long start) {
    if (!lexedAlike(bytes)) {
      return null;
    }
    HeaderWalk walk = new HeaderWalk(source, bytes, start, "dictionary");
    walk.entries = new ArrayList<>();
    walk.advance();
    if (!walk.isPunct('{')) {
      throw walk.expected("'{' to start the attribute dictionary");
    }
    walk.dictionary();
    if (walk.kind != Kind.END) {
      throw walk.expected("the end of the attribute dictionary");
    }
    return walk.entries;
  }

  /**
   * The argument and result types of a function type written alone, {@code (TYPE, ...) -> TYPE} or
   * {@code -> (TYPE, ...)}, as a generic function's {@code function_type} holds it; read as the
   * grammar's {@code functionTypeOnly} rule reads it. Each type is the text from its first token to
   * the end of its last, as {@link #types} gives them.
   *
   * @return the types, or null when the walk is not sure to lex the text as the grammar does (see
   *     {@link #dictionary(SourceText, byte[], long)})
   * @throws DiagnosticException for a text the grammar does not read either, or reads as a result
   *     that is itself a function type ({@code () -> (i32) -> i32}): the caller asks the grammar
   */
  static Types functionType(SourceText source, byte[] bytes, long start) {
    if (!lexedAlike(bytes)) {
      return null;
    }
    HeaderWalk walk = new HeaderWalk(source, bytes, start, "function_type");
    Types types = new Types(source, start);
    walk.advance();
    if (!walk.isPunct('(')) {
      throw walk.expected("'(' to start a function type");
    }
    walk.advance();
    walk.list(')', () -> types.addArgument(-1, -1, walk.start, walk.typeEnd("a type")), "types");
    if (walk.kind != Kind.ARROW) {
      throw walk.expected("'->' after the argument types of a function type");
    }
    walk.advance();
    if (walk.isPunct('(')) {
      walk.advance();
      walk.list(')', () -> types.addResult(walk.start, walk.typeEnd("a type")), "types");
    } else {
      types.addResult(walk.start, walk.typeEnd("a result type after '->'"));
    }
    if (walk.kind != Kind.END) {
      throw walk.expected("the end of the function type");
    }
    return types;
  }

  /** Reads a type from the current token; returns where it ends. */
  private int typeEnd(String what) {
    type(what);
    return lastEnd;
  }

  /**
   * Whether this walk's tokens are the grammar lexer's, as far as brackets, strings, commas and
   * equal signs go, for every byte of {@code b}: see {@link #dictionary(SourceText, byte[], long)}
   * for what is not.
   */
  private static boolean lexedAlike(byte[] b) {
    int n = b.length;
    for (int p = 0; p < n; p++) {
      int c = b[p] & 0xFF;
      if (c == '"') {
        p++;
        while (p < n && b[p] != '"') {
          if (b[p] == '\\' || MlirSyntax.isLineEnd((char) b[p])) {
            return false;
          }
          p++;
        }
        if (p >= n) {
          return false;
        }
      } else if (c == '/' && p + 1 < n && b[p + 1] == '/') {
        while (p + 1 < n && !MlirSyntax.isLineEnd((char) b[p + 1])) {
          p++;
        }
      } else if (c >= 0x7f || (c < 0x20 && !MlirSyntax.isWhitespaceByte(b[p]))) {
        return false;
      } else if ((c == '{' && p + 2 < n && b[p + 1] == '-' && b[p + 2] == '#')
          || (c == '#' && p + 2 < n && b[p + 1] == '-' && b[p + 2] == '}')) {
        return false;
      } else if (c == '#' || c == '!' || c == '%' || c == '^' || c == '@') {
        // A name after a sigil may end in '-': before '>' the lexer reads `#a-` and `>`, where
        // this walk's search for brackets reads `->`.
        int q = MlirSyntax.suffixIdEnd(b, p + 1, n);
        if (q > p + 1 && b[q - 1] == '-' && q < n && b[q] == '>') {
          return false;
        }
      }
    }
    return true;
  }

  /** The types {@link #types} found: each as a pair of offsets into the header's bytes. */
  static final class Types {
    private final SourceText source;
    private final long base;
    // Per argument: its name's bounds (-1 for a bare one) and its type's.
    private int[] arguments = new int[16];
    private int argumentCount;
    // Per result: its type's bounds.
    private int[] results = new int[4];
    private int resultCount;

    private Types(SourceText source, long base) {
      this.source = source;
      this.base = base;
    }

    int argumentCount() {
      return argumentCount;
    }

    int resultCount() {
      return resultCount;
    }

    String argument(int i) {
      return source.string(base + arguments[4 * i + 2], base + arguments[4 * i + 3]);
    }

    String result(int i) {
      return source.string(base + results[2 * i], base + results[2 * i + 1]);
    }

    private void addArgument(int nameStart, int nameEnd, int typeStart, int typeEnd) {
      if (4 * argumentCount + 4 > arguments.length) {
        arguments = Arrays.copyOf(arguments, arguments.length * 2);
      }
      int at = 4 * argumentCount++;
      arguments[at] = nameStart;
      arguments[at + 1] = nameEnd;
      arguments[at + 2] = typeStart;
      arguments[at + 3] = typeEnd;
    }

    private void addResult(int typeStart, int typeEnd) {
      if (2 * resultCount + 2 > results.length) {
        results = Arrays.copyOf(results, results.length * 2);
      }
      int at = 2 * resultCount++;
      results[at] = typeStart;
      results[at + 1] = typeEnd;
    }
  }

  private void header() {
    advance();
    if (kind == Kind.VALUE) {
      throw error(
          start, "'" + opName + "' has no results, so '" + text(start, tokenEnd) + "' names none");
    }
    advance(); // the op name, found by the scanner
    if (kind == Kind.WORD && isVisibility()) {
      advance();
    }
    if (kind != Kind.SYMBOL) {
      throw expected(
          "'public', 'private', 'nested' or the function's name (@name) after '" + opName + "'");
    }
    advance();
    if (!isPunct('(')) {
      throw expected("'(' to start the argument list");
    }
    advance();
    arguments = start;
    list(')', this::argument, "the argument list");
    // What may still come, for the error when something else does.
    String next = "'->', 'attributes' or the body after the argument list";
    if (kind == Kind.ARROW) {
      advance();
      results();
      next = "'attributes' or the body after the results";
    }
    if (isWord("attributes")) {
      advance();
      if (!isPunct('{')) {
        throw expected("'{' after 'attributes'");
      }
      dictionary();
      next = "the body after the attributes";
    }
    if (isWord("loc")) {
      location();
      next = "the body after the location";
    }
    if (kind != Kind.END) {
      throw expected(next);
    }
  }

  /**
   * One argument: {@code %name: TYPE} or a bare type, each with optional attributes and location.
   */
  private void argument() {
    int nameStart = -1;
    int nameEnd = -1;
    if (kind == Kind.VALUE) {
      nameStart = start;
      nameEnd = tokenEnd;
      advance();
      if (!isPunct(':')) {
        throw expected("':' after '" + text(nameStart, nameEnd) + "'");
      }
      advance();
      if (!startsType()) {
        throw expected("the type of '" + text(nameStart, nameEnd) + "'");
      }
    }
    int typeStart = start;
    type(nameStart < 0 ? "an argument type" : "a type");
    if (types != null) {
      types.addArgument(nameStart, nameEnd, typeStart, lastEnd);
    }
    if (isPunct('{')) {
      dictionary();
    }
    if (isWord("loc")) {
      location();
    }
  }

  /**
   * The items of a list whose opening bracket has been read, separated by commas, each read by
   * {@code item}, to past {@code closer}; {@code name} names the list in the error for anything
   * else after an item.
   */
  private void list(char closer, Runnable item, String name) {
    if (isPunct(closer)) {
      advance();
      return;
    }
    while (true) {
      item.run();
      if (isPunct(',')) {
        advance();
      } else if (isPunct(closer)) {
        advance();
        return;
      } else {
        throw expected("',' or '" + closer + "' in " + name);
      }
    }
  }

  private void results() {
    if (!isPunct('(')) {
      result("a result type after '->'");
      while (isPunct(',')) {
        advance();
        result("a result type");
      }
      return;
    }
    advance();
    list(')', () -> result("a result type"), "the result list");
  }

  private void result(String what) {
    if (kind == Kind.VALUE) {
      if (!namesAnArgument()) {
        throw error(start, "result tied to unknown argument '" + text(start, tokenEnd) + "'");
      }
      int tied = types == null ? -1 : tiedArgument(start, tokenEnd);
      advance();
      if (isWord("as")) {
        advance();
        int typeStart = start;
        type("a type after 'as'");
        if (types != null) {
          types.addResult(typeStart, lastEnd);
        }
      } else if (types != null) {
        types.addResult(types.arguments[4 * tied + 2], types.arguments[4 * tied + 3]);
      }
    } else {
      int typeStart = start;
      type(what);
      if (types != null) {
        types.addResult(typeStart, lastEnd);
      }
    }
    if (isPunct('{')) {
      dictionary();
    }
  }

  /** Whether a type starts at the current token. */
  private boolean startsType() {
    return (kind == Kind.WORD && !isKeyword()) || kind == Kind.BANG || isPunct('(');
  }

  /** A type; {@code what} names it for the error when there is none. */
  private void type(String what) {
    if ((kind == Kind.WORD && !isKeyword()) || kind == Kind.BANG) {
      advance();
      if (isPunct('<')) {
        skipGroup(start);
      }
    } else if (isPunct('(')) {
      // A function type: (TYPE, ...) -> TYPE or -> (TYPE, ...).
      typeList();
      if (kind != Kind.ARROW) {
        throw expected("'->' after the argument types of a function type");
      }
      advance();
      if (isPunct('(')) {
        typeList();
      } else {
        type("a result type after '->'");
      }
    } else {
      throw expected(what);
    }
  }

  /** {@code (TYPE, ...)}, from its '(' to past its ')'. */
  private void typeList() {
    advance();
    list(')', () -> type("a type"), "the type list");
  }

  /** {@code {name = value, name, ...}}, from its '{' to past its '}'. */
  private void dictionary() {
    advance();
    list('}', this::attributeEntry, "the attribute dictionary");
  }

  /** {@code name} or {@code name = value} of a dictionary. */
  private void attributeEntry() {
    if (kind != Kind.WORD && kind != Kind.STRING) {
      throw expected("an attribute name");
    }
    int nameStart = start;
    int nameEnd = tokenEnd;
    advance();
    int valueStart = -1;
    boolean oneString = false;
    if (isPunct('=')) {
      advance();
      valueStart = start;
      oneString = kind == Kind.STRING;
      int parts = 0;
      while (!isPunct(',') && !isPunct('}')) {
        valuePart();
        parts++;
      }
      if (parts == 0) {
        throw expected("an attribute value after '='");
      }
      oneString &= parts == 1;
    }
    if (entries != null) {
      Span value = valueStart < 0 ? null : new Span(base + valueStart, base + lastEnd);
      entries.add(
          new DictionaryEntry(
              text(nameStart, nameEnd),
              new Span(base + nameStart, value == null ? base + nameEnd : value.end()),
              value,
              oneString));
    }
  }

  /** One token of an attribute value, or one bracketed group. */
  private void valuePart() {
    if (kind == Kind.END) {
      throw expected("',' or '}' in the attribute dictionary");
    }
    if (isPunct('(') || isPunct('[') || isPunct('{') || isPunct('<')) {
      skipGroup(start);
    } else if (isPunct(')') || isPunct(']') || isPunct('>')) {
      throw error(start, "unexpected '" + punct + "' in an attribute value");
    } else {
      advance();
    }
  }

  /** {@code loc(...)}, from its keyword to past its ')'. */
  private void location() {
    advance();
    if (!isPunct('(')) {
      throw expected("'(' after 'loc'");
    }
    skipGroup(start);
  }

  /**
   * Skips the group whose opening bracket ({@code (}, {@code [}, {@code {} or {@code <}) is at
   * {@code from} and moves to the token after its closing one. Inside, only brackets are matched,
   * as the grammar's {@code balanced} and {@code inAngles} rules do: strings and comments are
   * skipped, {@code ->} closes nothing, nor does {@code >=} inside {@code ()}, {@code []} or
   * {@code {}}, and a {@code >} closes only a {@code <}.
   */
  private void skipGroup(int from) {
    tokenEnd = groupEnd(from);
    advance();
  }

  /** The index past the bracket that closes the one at {@code from}. */
  private int groupEnd(int from) {
    // The innermost open bracket and where it is; those around it, in open/openAt.
    char top = (char) b[from];
    int topAt = from;
    int depth = 1;
    int p = from + 1;
    while (true) {
      if (p >= end) {
        throw error(topAt, "unbalanced '" + top + "' in the function's header");
      }
      char c = (char) (b[p] & 0xFF);
      switch (c) {
        case '"' -> {
          p = stringEnd(p);
          continue;
        }
        case '/' -> {
          if (p + 1 < end && b[p + 1] == '/') {
            p = lineEnd(p);
            continue;
          }
        }
        case '(', '[', '{', '<' -> {
          if (open == null) {
            open = new char[8];
            openAt = new int[8];
          } else if (depth > open.length) {
            open = Arrays.copyOf(open, depth * 2);
            openAt = Arrays.copyOf(openAt, depth * 2);
          }
          open[depth - 1] = top;
          openAt[depth - 1] = topAt;
          top = c;
          topAt = p;
          depth++;
        }
        case '-' -> {
          if (p + 1 < end && b[p + 1] == '>') {
            p++; // an arrow
          }
        }
        case ')', ']', '}', '>' -> {
          if (c == '>' && top != '<' && nextIsEqual(p + 1)) {
            p = skipTrivia(p + 1); // '>=' inside (), [] or {}: at its '='
          } else {
            if (top != (c == ')' ? '(' : c == ']' ? '[' : c == '}' ? '{' : '<')) {
              throw unclosed(top, topAt, p, c);
            }
            if (--depth == 0) {
              return p + 1;
            }
            top = open[depth - 1];
            topAt = openAt[depth - 1];
          }
        }
        default -> {}
      }
      p++;
    }
  }

  private DiagnosticException unclosed(char top, int topAt, int p, char found) {
    SourceLocation opened = source.locationOf(base + topAt);
    return error(
        p,
        "expected '"
            + closerOf(top)
            + "' to close the '"
            + top
            + "' at "
            + opened.line()
            + ":"
            + opened.column()
            + ", found '"
            + found
            + "'");
  }

  private boolean nextIsEqual(int p) {
    int q = skipTrivia(p);
    return q < end && b[q] == '=';
  }

  private static char closerOf(char open) {
    return open == '(' ? ')' : open == '[' ? ']' : open == '{' ? '}' : '>';
  }

  /**
   * Whether the current {@code %name} names an argument: a named one, or the K-th when it is bare
   * and the name {@code %argK}, as {@link HeaderParser} names them. The argument list is walked
   * again (a tied result is rare; noting every argument's name would cost every header).
   */
  private boolean namesAnArgument() {
    int name = start;
    int length = tokenEnd - start;
    Kind kindNow = kind;
    char punctNow = punct;
    int endNow = tokenEnd;
    int lastNow = lastEnd;
    try {
      int k = 0;
      boolean atArgument = true;
      for (int p = skipTrivia(arguments); p < end; p = skipTrivia(p)) {
        int q = tokenEnd(p, end);
        if (kind == Kind.PUNCT && (punct == ')' || punct == ',')) {
          if (punct == ')') {
            return false;
          }
          k++;
          atArgument = true;
          p = q;
          continue;
        }
        if (atArgument
            && (kind == Kind.VALUE
                ? q - p == length && sameBytes(p, name, length)
                : isArgK(name, length, k))) {
          return true;
        }
        atArgument = false;
        p =
            kind == Kind.PUNCT && (punct == '(' || punct == '[' || punct == '{' || punct == '<')
                ? groupEnd(p)
                : q;
      }
      return false;
    } finally {
      kind = kindNow;
      punct = punctNow;
      tokenEnd = endNow;
      lastEnd = lastNow;
    }
  }

  /**
   * The argument the result {@code b[name, nameEnd)} is tied to, which {@link #namesAnArgument}
   * found: the last one answering to that name, named so or bare and K-th for {@code %argK} (so
   * that {@code (%arg1: i32, f32) -> %arg1} is tied to the f32, as the grammar's reading gives).
   */
  private int tiedArgument(int name, int nameEnd) {
    int length = nameEnd - name;
    for (int k = types.argumentCount - 1; k >= 0; k--) {
      int at = types.arguments[4 * k];
      boolean named = at >= 0;
      if (named
          ? types.arguments[4 * k + 1] - at == length && sameBytes(at, name, length)
          : isArgK(name, length, k)) {
        return k;
      }
    }
    throw new IllegalStateException("a tied result names no argument"); // namesAnArgument said so
  }

  /** Whether {@code b[name, name + length)} is {@code %argK}. */
  private boolean isArgK(int name, int length, int k) {
    String digits = Integer.toString(k);
    return length == 4 + digits.length() && holds("%arg", name) && holds(digits, name + 4);
  }

  private boolean sameBytes(int x, int y, int length) {
    for (int i = 0; i < length; i++) {
      if (b[x + i] != b[y + i]) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- tokens

  /** Moves to the next token of the header (or to END). */
  private void advance() {
    lastEnd = tokenEnd;
    start = skipTrivia(tokenEnd);
    if (start >= end) {
      kind = Kind.END;
      tokenEnd = start;
      return;
    }
    tokenEnd = tokenEnd(start, end);
  }

  /**
   * The end of the token at {@code p} (which is before {@code limit}), its kind left in {@link
   * #kind} (and {@link #punct}).
   */
  private int tokenEnd(int p, int limit) {
    char c = (char) (b[p] & 0xFF);
    if (MlirSyntax.isLetter(c) || c == '_') {
      kind = Kind.WORD;
      return MlirSyntax.bareIdEnd(b, p + 1, limit);
    }
    if (MlirSyntax.isDigit(c)) {
      kind = Kind.NUMBER;
      int q = p + 1;
      while (q < limit) {
        int d = b[q] & 0xFF;
        if (MlirSyntax.isBareIdChar((char) d)
            || ((d == '+' || d == '-') && (b[q - 1] == 'e' || b[q - 1] == 'E'))) {
          q++;
        } else {
          break;
        }
      }
      return q;
    }
    switch (c) {
      case '"' -> {
        kind = Kind.STRING;
        return Math.min(stringEnd(p), limit);
      }
      case '%', '@', '!', '#', '^' -> {
        kind =
            c == '%'
                ? Kind.VALUE
                : c == '@' ? Kind.SYMBOL : c == '!' ? Kind.BANG : c == '#' ? Kind.HASH : Kind.CARET;
        if (c == '@' && p + 1 < limit && b[p + 1] == '"') {
          return Math.min(stringEnd(p + 1), limit);
        }
        int q = suffixIdEnd(p + 1, limit);
        if (q == p + 1) {
          kind = Kind.PUNCT; // a lone sigil
          punct = c;
          return q;
        }
        if (c == '%' && q < limit && b[q] == '#') {
          q = MlirSyntax.digitsEnd(b, q + 1, limit);
        }
        return q;
      }
      case '-' -> {
        if (p + 1 < limit && b[p + 1] == '>') {
          kind = Kind.ARROW;
          return p + 2;
        }
      }
      default -> {}
    }
    kind = Kind.PUNCT;
    punct = c;
    // `...` is one token to the grammar; it is named whole in a message.
    return c == '.' && p + 3 <= limit && b[p + 1] == '.' && b[p + 2] == '.' ? p + 3 : p + 1;
  }

  /** {@code DIGIT+ | [letter$._-][letter digit$._-]*} from {@code p}; p itself when neither. */
  private int suffixIdEnd(int p, int limit) {
    if (p >= limit) {
      return p;
    }
    char c = (char) (b[p] & 0xFF);
    if (MlirSyntax.isDigit(c)) {
      return MlirSyntax.digitsEnd(b, p, limit);
    }
    return MlirSyntax.suffixIdEnd(b, p, limit);
  }

  /** The end of the string literal at {@code p} (past its quote), or the header's end. */
  private int stringEnd(int p) {
    return MlirSyntax.stringEnd(b, p, end);
  }

  private int lineEnd(int p) {
    while (p < end && !MlirSyntax.isLineEnd((char) b[p])) {
      p++;
    }
    return p;
  }

  private int skipTrivia(int p) {
    while (true) {
      p = MlirSyntax.whitespaceEnd(b, p, end);
      if (p + 1 < end && b[p] == '/' && b[p + 1] == '/') {
        p = lineEnd(p);
      } else {
        return p;
      }
    }
  }

  private boolean isPunct(char c) {
    return kind == Kind.PUNCT && punct == c;
  }

  private boolean isWord(String word) {
    return kind == Kind.WORD && tokenEnd - start == word.length() && holds(word, start);
  }

  /** Whether the header holds the ASCII {@code text} at {@code p} (which leaves room for it). */
  private boolean holds(String text, int p) {
    for (int i = 0; i < text.length(); i++) {
      if (b[p + i] != text.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private boolean isKeyword() {
    return isWord("attributes") || isWord("loc") || isWord("as");
  }

  private boolean isVisibility() {
    return isWord("public") || isWord("private") || isWord("nested");
  }

  // ---------------------------------------------------------------- errors

  private String text(int from, int to) {
    return source.string(base + from, base + to);
  }

  /**
   * "expected WHAT, found TOKEN" at the current token. At the header's end the token is what
   * follows it (the body's '{', the next operation); at the end of the file the error points just
   * after the header's last token, as MLIR does.
   */
  private DiagnosticException expected(String what) {
    if (kind != Kind.END) {
      return error(start, "expected " + what + ", found " + describe(start, tokenEnd));
    }
    long next = base + end;
    long n = source.length();
    while (next < n) { // what follows the header, past blanks and comments
      char c = source.charAt(next);
      if (c == '/' && next + 1 < n && source.charAt(next + 1) == '/') {
        while (next < n && !MlirSyntax.isLineEnd(source.charAt(next))) {
          next++;
        }
      } else if (MlirSyntax.isWhitespace(c)) {
        next++;
      } else {
        break;
      }
    }
    if (next >= n) {
      return error(lastEnd, "expected " + what + ", found the end of the file");
    }
    byte[] following = source.bytes(next, Math.min(n, next + 256));
    HeaderWalk after = new HeaderWalk(source, following, next, opName);
    return new DiagnosticException(
        Diagnostics.error(
            source,
            next,
            "expected " + what + ", found " + after.describe(0, after.tokenEnd(0, after.end))));
  }

  private String describe(int from, int to) {
    if (b[from] == '"') {
      return "a string";
    }
    return "'" + text(from, Math.min(to, from + 64)) + "'";
  }

  private DiagnosticException error(int index, String message) {
    return new DiagnosticException(Diagnostics.error(source, base + index, message));
  }
}
