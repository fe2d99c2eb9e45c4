package org.mlirlink.read;

import java.util.Arrays;
import org.mlirlink.diagnostic.Diagnostic;
import org.mlirlink.diagnostic.DiagnosticException;
import org.mlirlink.diagnostic.SourceLocation;
import org.mlirlink.model.ByteView;
import org.mlirlink.model.MlirSyntax;
import org.mlirlink.model.SourceText;

/**
 * Checks, as a file is read, that the header of a custom-form function (the text in front of its
 * body) has the shape the grammar's {@code functionHeader} rule reads, and reports the first token
 * that does not fit at its place:
 *
 * <pre>{@code
 * OP [public|private|nested] @name ( ARGUMENTS ) [-> RESULTS] [attributes {...}] [loc(...)]
 * ARGUMENTS: named (%a: TYPE) or bare (TYPE), each with an optional {...} and loc(...)
 * RESULTS:   ( RESULT, ... ) or RESULT, ...; a RESULT is TYPE {...}? or %a [as TYPE] {...}?
 * TYPE:      word or !word, each with an optional <...>; or (TYPE, ...) -> TYPE or (TYPE, ...)
 * }</pre>
 *
 * <p>The signature itself is still extracted by {@link HeaderParser}, lazily: parsing every header
 * with ANTLR as the file is read tripled the time to read a library of 20 000 functions, while this
 * walk over a header's bytes costs a small fraction of the scan. Anything it accepts the grammar
 * reads; it is stricter only where MLIR is too (one visibility keyword, no {@code ...}, a tied
 * result naming an argument). The insides of {@code <...>}, {@code (...)} of a location and
 * attribute values are only checked to balance, as the grammar does.
 */
final class FunctionHeaderCheck {
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
  private final ByteView s;
  private final long end; // the header's end: its body's '{', or the end of a declaration
  private final String opName;

  private Kind kind;
  private long start; // the current token
  private long tokenEnd;
  private long lastEnd; // the end of the token before it
  private char punct; // the current PUNCT's character

  // Each argument's name as offsets [start, end), or -1 for a bare one: a tied result must name
  // one of them.
  private long[] names;
  private int argumentCount;

  private FunctionHeaderCheck(SourceText source, ByteView s, long end, String opName) {
    this.source = source;
    this.s = s;
    this.end = end;
    this.opName = opName;
  }

  /**
   * Checks the header {@code [start, end)} of a function named {@code opName}, read through {@code
   * bytes} (the scanner's cursor, where the header is still in its window, else the source).
   *
   * @throws DiagnosticException at the first token out of place
   */
  static void check(SourceText source, ByteView bytes, long start, long end, String opName) {
    FunctionHeaderCheck check = new FunctionHeaderCheck(source, bytes, end, opName);
    check.tokenEnd = start;
    check.header();
  }

  private void header() {
    advance();
    if (kind == Kind.VALUE) {
      throw error(start, "'" + opName + "' has no results, so '" + text() + "' names none");
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
    if (isPunct(')')) {
      advance();
    } else {
      arguments();
    }
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

  private void arguments() {
    while (true) {
      if (kind == Kind.VALUE) {
        String name = text();
        noteName(start, tokenEnd);
        advance();
        if (!isPunct(':')) {
          throw expected("':' after '" + name + "'");
        }
        advance();
        type("the type of '" + name + "'");
      } else {
        noteName(-1, -1);
        type("an argument type");
      }
      argumentCount++;
      if (isPunct('{')) {
        dictionary();
      }
      if (isWord("loc")) {
        location();
      }
      if (isPunct(',')) {
        advance();
      } else if (isPunct(')')) {
        advance();
        return;
      } else {
        throw expected("',' or ')' in the argument list");
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
    if (isPunct(')')) {
      advance();
      return;
    }
    while (true) {
      result("a result type");
      if (isPunct(',')) {
        advance();
      } else if (isPunct(')')) {
        advance();
        return;
      } else {
        throw expected("',' or ')' in the result list");
      }
    }
  }

  private void result(String what) {
    if (kind == Kind.VALUE) {
      if (!namesAnArgument()) {
        throw error(start, "result tied to unknown argument '" + text() + "'");
      }
      advance();
      if (isWord("as")) {
        advance();
        type("a type after 'as'");
      }
    } else {
      type(what);
    }
    if (isPunct('{')) {
      dictionary();
    }
  }

  /** A type; {@code what} names it for the error when there is none. */
  private void type(String what) {
    if ((kind == Kind.WORD && !isKeyword()) || kind == Kind.BANG) {
      advance();
      if (isPunct('<')) {
        skipGroup();
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
    if (isPunct(')')) {
      advance();
      return;
    }
    while (true) {
      type("a type");
      if (isPunct(',')) {
        advance();
      } else if (isPunct(')')) {
        advance();
        return;
      } else {
        throw expected("',' or ')' in the type list");
      }
    }
  }

  /** {@code {name = value, name, ...}}, from its '{' to past its '}'. */
  private void dictionary() {
    advance();
    if (isPunct('}')) {
      advance();
      return;
    }
    while (true) {
      if (kind != Kind.WORD && kind != Kind.STRING) {
        throw expected("an attribute name");
      }
      advance();
      if (isPunct('=')) {
        advance();
        int parts = 0;
        while (!isPunct(',') && !isPunct('}')) {
          valuePart();
          parts++;
        }
        if (parts == 0) {
          throw expected("an attribute value after '='");
        }
      }
      if (isPunct(',')) {
        advance();
      } else if (isPunct('}')) {
        advance();
        return;
      } else {
        throw expected("',' or '}' in the attribute dictionary");
      }
    }
  }

  /** One token of an attribute value, or one bracketed group. */
  private void valuePart() {
    if (kind == Kind.END) {
      throw expected("',' or '}' in the attribute dictionary");
    }
    if (isPunct('(') || isPunct('[') || isPunct('{') || isPunct('<')) {
      skipGroup();
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
    skipGroup();
  }

  /**
   * Skips the group the current token opens ({@code (}, {@code [}, {@code {} or {@code <}) to past
   * the bracket that closes it. Inside, only brackets are matched, as the grammar's {@code
   * balanced} and {@code inAngles} rules do: strings and comments are skipped, {@code ->} closes
   * nothing, nor does {@code >=} inside {@code ()}, {@code []} or {@code {}}, and a {@code >}
   * closes only a {@code <}.
   */
  private void skipGroup() {
    char[] open = new char[8];
    long[] at = new long[8];
    int depth = 0;
    long p = start;
    while (true) {
      p = skipTrivia(p);
      if (p >= end) {
        throw error(at[depth - 1], "unbalanced '" + open[depth - 1] + "' in the function's header");
      }
      char c = s.charAt(p);
      if (c == '"') {
        long close = MlirSyntax.stringEndOrMinusOne(s, p);
        p = close < 0 || close > end ? end : close;
        continue;
      }
      if (c == '(' || c == '[' || c == '{' || c == '<') {
        if (depth == open.length) {
          open = Arrays.copyOf(open, depth * 2);
          at = Arrays.copyOf(at, depth * 2);
        }
        open[depth] = c;
        at[depth] = p;
        depth++;
      } else if (c == '-' && p + 1 < end && s.charAt(p + 1) == '>') {
        p++; // an arrow
      } else if (c == '>' && open[depth - 1] != '<' && nextIsEqual(p + 1)) {
        p = skipTrivia(p + 1); // '>=' inside (), [] or {}: at its '='
      } else if (c == ')' || c == ']' || c == '}' || c == '>') {
        char opener = c == ')' ? '(' : c == ']' ? '[' : c == '}' ? '{' : '<';
        if (open[depth - 1] != opener) {
          SourceLocation opened = source.locationOf(at[depth - 1]);
          throw error(
              p,
              "expected '"
                  + closerOf(open[depth - 1])
                  + "' to close the '"
                  + open[depth - 1]
                  + "' at "
                  + opened.line()
                  + ":"
                  + opened.column()
                  + ", found '"
                  + c
                  + "'");
        }
        if (--depth == 0) {
          tokenEnd = p + 1;
          advance();
          return;
        }
      }
      p++;
    }
  }

  private boolean nextIsEqual(long p) {
    long q = skipTrivia(p);
    return q < end && s.charAt(q) == '=';
  }

  private static char closerOf(char open) {
    return open == '(' ? ')' : open == '[' ? ']' : open == '{' ? '}' : '>';
  }

  // ---------------------------------------------------------------- argument names

  private void noteName(long from, long to) {
    int i = 2 * argumentCount;
    if (names == null) {
      names = new long[8];
    } else if (i + 2 > names.length) {
      names = Arrays.copyOf(names, names.length * 2);
    }
    names[i] = from;
    names[i + 1] = to;
  }

  /**
   * Whether the current {@code %name} is an argument's: a named one's, or {@code %argK} when the
   * K-th is bare, as {@link HeaderParser} names them.
   */
  private boolean namesAnArgument() {
    long length = tokenEnd - start;
    for (int k = 0; k < argumentCount; k++) {
      long from = names[2 * k];
      if (from >= 0
          ? names[2 * k + 1] - from == length && sameBytes(from, start, length)
          : isArgK(k)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the current token is {@code %argK} for this {@code k}. */
  private boolean isArgK(int k) {
    String digits = Integer.toString(k);
    return tokenEnd - start == 4 + digits.length()
        && s.startsWith("%arg", start)
        && s.startsWith(digits, start + 4);
  }

  private boolean sameBytes(long a, long b, long length) {
    for (long i = 0; i < length; i++) {
      if (s.charAt(a + i) != s.charAt(b + i)) {
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
  private long tokenEnd(long p, long limit) {
    char c = s.charAt(p);
    if (MlirSyntax.isLetter(c) || c == '_') {
      kind = Kind.WORD;
      return whileIn(p + 1, limit, true);
    }
    if (MlirSyntax.isDigit(c)) {
      kind = Kind.NUMBER;
      long q = p + 1;
      while (q < limit) {
        char d = s.charAt(q);
        if (MlirSyntax.isBareIdChar(d)
            || ((d == '+' || d == '-') && (s.charAt(q - 1) == 'e' || s.charAt(q - 1) == 'E'))) {
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
        long close = MlirSyntax.stringEndOrMinusOne(s, p);
        return close < 0 || close > limit ? limit : close;
      }
      case '%', '@', '!', '#', '^' -> {
        kind =
            c == '%'
                ? Kind.VALUE
                : c == '@' ? Kind.SYMBOL : c == '!' ? Kind.BANG : c == '#' ? Kind.HASH : Kind.CARET;
        if (c == '@' && p + 1 < limit && s.charAt(p + 1) == '"') {
          long close = MlirSyntax.stringEndOrMinusOne(s, p + 1);
          return close < 0 || close > limit ? limit : close;
        }
        long q = suffixIdEnd(p + 1, limit);
        if (q == p + 1) {
          kind = Kind.PUNCT; // a lone sigil
          punct = c;
          return q;
        }
        if (c == '%' && q < limit && s.charAt(q) == '#') {
          q = whileDigit(q + 1, limit);
        }
        return q;
      }
      case '-' -> {
        if (p + 1 < limit && s.charAt(p + 1) == '>') {
          kind = Kind.ARROW;
          return p + 2;
        }
      }
      default -> {}
    }
    kind = Kind.PUNCT;
    punct = c;
    // `...` is one token to the grammar; it is named whole in a message.
    return c == '.' && s.startsWith("...", p) && p + 3 <= limit ? p + 3 : p + 1;
  }

  /** {@code DIGIT+ | [letter$._-][letter digit$._-]*} from {@code p}; p itself when neither. */
  private long suffixIdEnd(long p, long limit) {
    if (p >= limit) {
      return p;
    }
    char c = s.charAt(p);
    if (MlirSyntax.isDigit(c)) {
      return whileDigit(p, limit);
    }
    if (MlirSyntax.isSuffixIdChar(c)) {
      return whileIn(p + 1, limit, false);
    }
    return p;
  }

  private long whileIn(long p, long limit, boolean bare) {
    while (p < limit
        && (bare ? MlirSyntax.isBareIdChar(s.charAt(p)) : MlirSyntax.isSuffixIdChar(s.charAt(p)))) {
      p++;
    }
    return p;
  }

  private long whileDigit(long p, long limit) {
    while (p < limit && MlirSyntax.isDigit(s.charAt(p))) {
      p++;
    }
    return p;
  }

  private long skipTrivia(long p) {
    long n = s.length();
    while (p < n) {
      char c = s.charAt(p);
      if (MlirSyntax.isWhitespace(c)) {
        p++;
      } else if (c == '/' && p + 1 < n && s.charAt(p + 1) == '/') {
        while (p < n && !MlirSyntax.isLineEnd(s.charAt(p))) {
          p++;
        }
      } else {
        break;
      }
    }
    return p;
  }

  private boolean isPunct(char c) {
    return kind == Kind.PUNCT && punct == c;
  }

  private boolean isWord(String word) {
    return kind == Kind.WORD && tokenEnd - start == word.length() && s.startsWith(word, start);
  }

  private boolean isKeyword() {
    return isWord("attributes") || isWord("loc") || isWord("as");
  }

  private boolean isVisibility() {
    return isWord("public") || isWord("private") || isWord("nested");
  }

  // ---------------------------------------------------------------- errors

  private String text() {
    return source.string(start, tokenEnd);
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
    if (start >= s.length()) {
      return error(lastEnd, "expected " + what + ", found the end of the file");
    }
    Kind headerKind = kind;
    long after = tokenEnd(start, s.length());
    kind = headerKind;
    return error(start, "expected " + what + ", found " + describe(start, after));
  }

  private String describe(long from, long to) {
    if (s.charAt(from) == '"') {
      return "a string";
    }
    return "'" + source.string(from, Math.min(to, from + 64)) + "'";
  }

  private DiagnosticException error(long offset, String message) {
    return new DiagnosticException(Diagnostic.error(source, offset, message));
  }
}
