package org.mlirlink.read;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mlirlink.diagnostic.DiagnosticException;
import org.mlirlink.diagnostic.SourceLocation;
import org.mlirlink.model.AliasDefinition;
import org.mlirlink.model.AliasUse;
import org.mlirlink.model.AttributeEntry;
import org.mlirlink.model.Diagnostics;
import org.mlirlink.model.MlirSyntax;
import org.mlirlink.model.OpKind;
import org.mlirlink.model.OpTable;
import org.mlirlink.model.Operation;
import org.mlirlink.model.ResourceSection;
import org.mlirlink.model.ResourceUse;
import org.mlirlink.model.SourceText;
import org.mlirlink.model.Span;
import org.mlirlink.model.SymbolUse;
import org.mlirlink.model.TopLevelItem;
import org.mlirlink.model.TypeText;
import org.mlirlink.model.Visibility;

/**
 * Finds the structure of a file in one pass over its characters: the top-level items, where each
 * operation starts and ends, module bodies, function bodies, and every symbol, alias and resource
 * use. Bodies are never tokenized in full: a balanced scan over brackets, strings and comments is
 * all the linker needs there, and it is several times faster than a lexer (see
 * docs/performance.md). Function headers, which are short, go to the ANTLR grammar instead ({@link
 * HeaderParser}).
 *
 * <p>An operation in custom form ends where the next one starts: at the same bracket depth, a
 * dotted op name ({@code util.func}), {@code module}, a quoted generic op name followed by {@code
 * (}, or a result list ({@code %x = ...}) at the start of a line.
 */
final class StructureScanner {
  /**
   * How many bare words may come between an op's name and the symbol it defines: LLVM's globals
   * take up to five ({@code llvm.mlir.global external hidden thread_local unnamed_addr constant
   * @x}).
   */
  private static final int MAX_KEYWORDS_BEFORE_SYMBOL = 6;

  /** U+FEFF's UTF-8 bytes, which MLIR skips at the start of a file. */
  private static final String BYTE_ORDER_MARK = "\u00EF\u00BB\u00BF";

  // What skimNested does with each byte value; SKIM_STOP leaves it to scanBalanced.
  private static final byte SKIM_STOP = 0;
  private static final byte SKIM_BLANK = 1;
  private static final byte SKIM_COMMENT_OR_STOP = 2;
  private static final byte SKIM_WORD = 3;
  private static final byte SKIM_NUMBER = 4;
  private static final byte SKIM_VALUE_OR_LABEL = 5;
  private static final byte SKIM_OPEN = 6;
  private static final byte SKIM_CLOSE = 7;
  private static final byte SKIM_DASH = 8;
  private static final byte SKIM_PUNCTUATION = 9;

  private static final byte[] SKIM_KINDS = new byte[256];

  static {
    for (char c = 0; c < 256; c++) {
      byte kind;
      if (MlirSyntax.isWhitespace(c)) {
        kind = SKIM_BLANK;
      } else if (MlirSyntax.isLetter(c) || c == '_') {
        kind = SKIM_WORD;
      } else if (MlirSyntax.isDigit(c)) {
        kind = SKIM_NUMBER;
      } else if (c < 0x20 || c > 0x7e || "\"@#!".indexOf(c) >= 0) {
        kind = SKIM_STOP; // an error, or a token that records something
      } else {
        kind =
            switch (c) {
              case '/' -> SKIM_COMMENT_OR_STOP;
              case '%', '^' -> SKIM_VALUE_OR_LABEL;
              case '(', '[', '{' -> SKIM_OPEN;
              case ')', ']', '}' -> SKIM_CLOSE;
              case '-' -> SKIM_DASH;
              default -> SKIM_PUNCTUATION; // '<' and '>' too: inside brackets they nest nothing
            };
      }
      SKIM_KINDS[c] = kind;
    }
  }

  /**
   * How many bytes skimNested wants in the window after a token's start: a token starting closer to
   * the window's end is first brought into a window moved to it, so that few tokens run past a
   * window's end (those that do go to the general loop).
   */
  private static final int SKIM_LOOK_AHEAD = 16;

  private final SourceText source;
  private final SourceText.Cursor s;
  private final long n;
  private final HeaderParser headers;

  private long pos;

  // The bracket stacks of scanBalanced, one pair for each level of scans in progress (an op's
  // scan scans the items of a module body it holds with a nested one), kept from op to op: a pair
  // made for each op was a sixth of what reading a library of small functions allocated.
  private char[][] bracketStacks = new char[4][];
  private long[][] bracketOpeners = new long[4][];
  private int scanLevel;

  /**
   * The type of a custom-form function of this file, from its header: the text in front of its
   * body, or the whole op for a declaration without one.
   */
  private final Operation.SignatureParser customSignatures;

  /** Whether scanBalanced takes its fast path inside brackets; off only to test that path. */
  private final boolean skim;

  StructureScanner(SourceText source, HeaderParser headers) {
    this(source, headers, true);
  }

  StructureScanner(SourceText source, HeaderParser headers, boolean skim) {
    this.skim = skim;
    this.source = source;
    this.s = source.cursor();
    this.n = source.length();
    this.headers = headers;
    this.customSignatures = customSignatures(source, headers);
  }

  /** {@link #customSignatures}: a closure over the file and its parser only, not this scanner. */
  private static Operation.SignatureParser customSignatures(
      SourceText source, HeaderParser headers) {
    return function -> {
      Span range = function.range();
      long headerEnd = function.body().map(Span::start).orElse(range.end());
      return headers.functionSignature(source, new Span(range.start(), headerEnd));
    };
  }

  /** The file's top-level items, in file order. */
  List<TopLevelItem> scan() {
    pos = s.startsWith(BYTE_ORDER_MARK, 0) ? BYTE_ORDER_MARK.length() : 0;
    List<TopLevelItem> items;
    try {
      items = scanItems(true);
    } catch (StackOverflowError e) {
      // Modules nested deeper than this thread's stack allows; see DeepStack.
      throw new DeepStack.TooDeep(error(pos, "modules nested too deeply to read"));
    }
    if (items.isEmpty()) {
      throw error(0, "file is empty: expected a module, operations or alias definitions");
    }
    return items;
  }

  // ---------------------------------------------------------------- items

  /** Items up to the end of the file, or (in a module body) up to the closing '}'. */
  private List<TopLevelItem> scanItems(boolean fileLevel) {
    List<TopLevelItem> items = new ArrayList<>();
    while (true) {
      skipTrivia();
      if (pos >= n) {
        return items;
      }
      char c = s.charAt(pos);
      if (!fileLevel && c == '}') {
        return items;
      }
      if (fileLevel && s.startsWith("{-#", pos)) {
        items.add(scanResourceSection());
      } else if (fileLevel && isAliasDefinitionStart(pos)) {
        items.add(scanAliasDefinition());
      } else if (isOperationStart(pos, true)) {
        items.add(scanOperation(fileLevel));
      } else {
        throw expectedItem(fileLevel);
      }
    }
  }

  /** The error for a token where an item must start. */
  private DiagnosticException expectedItem(boolean fileLevel) {
    return error(
        pos,
        "expected "
            + (fileLevel ? "an operation, an alias definition or '{-#'" : "an operation")
            + ", found "
            + describeTokenAt(pos));
  }

  private boolean isAliasDefinitionStart(long p) {
    char c = s.charAt(p);
    if ((c != '#' && c != '!') || s.startsWith("#-}", p)) {
      return false;
    }
    long end = MlirSyntax.bareIdEnd(s, p + 1);
    if (end == p + 1 || s.substring(p + 1, end).indexOf('.') >= 0) {
      return false;
    }
    long q = skipTrivia(end);
    return q < n && s.charAt(q) == '=';
  }

  /**
   * Whether an operation starts at {@code p}: a dotted op name or {@code module}, a quoted op name
   * followed by '(', or (when {@code atLineStart}) a result list {@code %x = ...}.
   */
  private boolean isOperationStart(long p, boolean atLineStart) {
    char c = s.charAt(p);
    if (MlirSyntax.isLetter(c) || c == '_') {
      long end = MlirSyntax.bareIdEnd(s, p);
      for (long i = p; i < end; i++) {
        if (s.charAt(i) == '.') {
          return true;
        }
      }
      return end - p == 6 && s.startsWith("module", p);
    }
    if (c == '"') {
      long end = stringEnd(p);
      return end > 0 && end < n && s.charAt(end) == '(' && containsDot(p, end);
    }
    return c == '%' && atLineStart;
  }

  /** Whether {@code [from, to)} holds a '.' (a quoted generic op name is dotted). */
  private boolean containsDot(long from, long to) {
    long dot = s.indexOf('.', from);
    return dot >= 0 && dot < to;
  }

  // ---------------------------------------------------------------- aliases

  private AliasDefinition scanAliasDefinition() {
    long start = pos;
    long nameEnd = MlirSyntax.bareIdEnd(s, pos + 1);
    String name = s.substring(start, nameEnd);
    pos = skipTrivia(nameEnd) + 1; // past '='
    skipTrivia();
    long valueStart = pos;
    if (pos >= n) {
      throw error(start, "expected a value after '=' in the definition of alias '" + name + "'");
    }
    OpScan scan = new OpScan(null, true);
    scan.inHeader = false;
    scanBalanced(scan, true);
    if (scan.lastTokenEnd <= valueStart) {
      // The next item starts right after '=' (`#map = module {`).
      throw error(
          valueStart, "expected a value after '=' in the definition of alias '" + name + "'");
    }
    Span value = new Span(valueStart, scan.lastTokenEnd);
    return new AliasDefinition(
        name,
        new Span(start, scan.lastTokenEnd),
        value,
        TypeText.strip(s.substring(value.start(), value.end())),
        orEmpty(scan.aliasUses),
        orEmpty(scan.symbolUses),
        orEmpty(scan.resourceUses));
  }

  // ---------------------------------------------------------------- operations

  /** What a scan of one operation collects. */
  private static final class OpScan {
    final String opName;
    final boolean fileLevel;
    boolean generic;
    // Created on first use: most ops of a large file use no alias or resource.
    List<SymbolUse> symbolUses;
    List<AliasUse> aliasUses;
    List<ResourceUse> resourceUses;
    List<Operation> children = List.of();
    long lastTokenEnd;
    // The op's own name and visibility: the first tokens after the op name.
    boolean inHeader = true;
    int keywordsSeen;
    SymbolUse symbol;
    Visibility visibility;
    Span visibilitySpan;
    // Brace groups at the op's own level.
    Span body;
    Span attributeDictionary;
    Span properties;
    Span region;
    long regionOpen = -1;
    GroupKind openGroup = GroupKind.OTHER;
    // Where the brace group open at the op's own level starts (-1: none, or a '{' inside `<...>`).
    long groupOpen = -1;
    // After the body of a custom-form function or module only `loc(...)` may follow.
    Tail tail = Tail.OPEN;
    // Tokens read so far, and how many had been when the open group's '{' was read: a body with
    // no token between its braces is blank (a declaration's empty body).
    int tokens;
    int tokensAtGroupOpen;
    boolean bodyBlank;

    OpScan(String opName, boolean fileLevel) {
      this.opName = opName;
      this.fileLevel = fileLevel;
    }
  }

  /** What may still follow at an op's own level. */
  private enum Tail {
    /** Anything: the op's syntax is not known to be complete. */
    OPEN,
    /** The body of a function or module has closed: only {@code loc(...)}. */
    AFTER_BODY,
    /** {@code loc} has been seen: only its {@code (}. */
    AFTER_LOC,
    /** The trailing location has been read: nothing. */
    DONE
  }

  /** What a '{' at an op's own level opens. */
  private enum GroupKind {
    ATTRIBUTES,
    PROPERTIES,
    OTHER
  }

  private Operation scanOperation(boolean fileLevel) {
    long start = pos;
    boolean generic;
    String opName;
    if (s.charAt(pos) == '%') {
      // `%r = op ...`: skip the result list to the op name.
      long eq = s.indexOf('=', pos);
      if (eq < 0) {
        throw error(pos, "expected '=' after the results of an operation");
      }
      pos = skipTrivia(eq + 1);
      if (pos >= n || !isOperationStart(pos, false)) {
        throw error(pos, "expected an operation name, found " + describeTokenAt(pos));
      }
    }
    if (s.charAt(pos) == '"') {
      long end = stringEndOrError(pos);
      opName = unquote(pos + 1, end - 1);
      generic = true;
      pos = end;
    } else {
      long end = MlirSyntax.bareIdEnd(s, pos);
      opName = s.name(pos, end); // a bare id: ASCII
      generic = false;
      pos = end;
    }
    long opNameEnd = pos;
    OpScan scan = new OpScan(opName, fileLevel);
    scan.generic = generic;
    scan.lastTokenEnd = pos;
    scan.inHeader = !generic;
    scanBalanced(scan, false);
    Span range = new Span(start, scan.lastTokenEnd);

    Operation.Builder op =
        Operation.builder(source, opName)
            .genericForm(generic)
            .range(range)
            .symbolUses(orEmpty(scan.symbolUses))
            .aliasUses(orEmpty(scan.aliasUses))
            .resourceUses(orEmpty(scan.resourceUses))
            .children(scan.children);
    OpKind kind = OpKind.ofOpName(opName);
    if (kind == OpKind.MODULE && !generic) {
      checkModuleHeader(scan, opNameEnd);
    }
    if (generic) {
      // A generic op's attributes: its properties `<{...}>`, else its trailing `{...}`.
      Span dictionary = scan.properties != null ? scan.properties : scan.body;
      Span discardable = scan.properties != null ? scan.body : null;
      op.body(scan.region).attributeDictionary(dictionary).discardableDictionary(discardable);
      if (dictionary != null) {
        headers.describeGeneric(source, dictionary, op, kind == OpKind.FUNCTION);
        op.attributes(() -> genericAttributes(dictionary, discardable));
      }
    } else {
      op.body(scan.body).attributeDictionary(scan.attributeDictionary);
      if (scan.body != null) {
        op.blankBody(scan.bodyBlank);
      }
      Span dictionary = scan.attributeDictionary;
      if (dictionary != null) {
        op.attributes(() -> headers.attributeEntries(source, dictionary));
      }
      if (scan.symbol != null) {
        if (OpTable.definesSymbol(opName) == OpTable.Answer.NO) {
          // `op @name` where the op only names a symbol (`iree_codegen.dispatch_config @f`
          // configures the function @f): a use like any other, and the first one in the text.
          List<SymbolUse> uses = new ArrayList<>(orEmpty(scan.symbolUses).size() + 1);
          uses.add(scan.symbol);
          uses.addAll(orEmpty(scan.symbolUses));
          op.symbolUses(uses);
        } else {
          // A symbol op; or one neither OpKind nor OpTable knows, whose first @name is taken for
          // its symbol (see Operation.isSymbolGuessed).
          op.symbol(scan.symbol.root(), scan.symbol.rootSpan());
        }
      }
      if (scan.visibility != null) {
        op.visibility(scan.visibility, scan.visibilitySpan);
      }
      if (kind == OpKind.FUNCTION && scan.symbol != null) {
        long headerEnd = scan.body != null ? scan.body.start() : range.end();
        // Checked now, not when a signature is first asked for, so that a malformed header is an
        // error wherever it is, whether or not anything declares the function.
        HeaderWalk.check(source, s.bytes(start, headerEnd), start, opName);
        op.signature(customSignatures);
      }
    }
    Operation built = op.build();
    if (kind == OpKind.FUNCTION && built.symbolNameOrNull() == null) {
      // A function is a symbol: without a name nothing could declare, call or link it.
      throw error(
          start,
          generic
              ? "expected a string 'sym_name' in the attributes of '" + opName + "'"
              : "expected a symbol name (@name) after '" + opName + "'");
    }
    if (kind == OpKind.FUNCTION && !built.hasSignature()) {
      // Generic form without a type: a declaration of it could not be checked, nor a call typed.
      throw error(start, "expected a 'function_type' in the attributes of '" + opName + "'");
    }
    return built;
  }

  /** The entries of a generic op's dictionaries: its properties, then the one after its regions. */
  private List<AttributeEntry> genericAttributes(Span dictionary, Span discardable) {
    List<AttributeEntry> entries = new ArrayList<>(headers.attributeEntries(source, dictionary));
    if (discardable != null) {
      entries.addAll(headers.attributeEntries(source, discardable));
    }
    return entries;
  }

  /**
   * A custom-form module is {@code module @name attributes {...} {body}}, the name and the
   * attributes optional: anything else between the op name and the body, or no body, is an error
   * (it would otherwise be copied into the output as it is).
   */
  private void checkModuleHeader(OpScan scan, long opNameEnd) {
    long p = skipTrivia(opNameEnd);
    if (scan.symbol != null && p == scan.symbol.rootSpan().start()) {
      p = skipTrivia(scan.symbol.rootSpan().end());
    }
    Span dictionary = scan.attributeDictionary;
    if (dictionary != null
        && s.startsWith("attributes", p)
        && skipTrivia(p + "attributes".length()) == dictionary.start()) {
      p = skipTrivia(dictionary.end());
    }
    if (scan.body == null || p != scan.body.start()) {
      String found = describeTokenAt(p);
      if (p >= n) {
        p = scan.lastTokenEnd; // the file ends: point just after the module's header, as MLIR does
      }
      throw error(p, "expected '{' to start the module's body, found " + found);
    }
  }

  /**
   * Scans balanced tokens from {@code pos}, collecting uses into {@code scan}, until (at the
   * starting bracket depth) the next item starts, a module body closes, or the file ends.
   */
  private void scanBalanced(OpScan scan, boolean aliasValue) {
    int level = scanLevel++;
    if (level == bracketStacks.length) {
      bracketStacks = Arrays.copyOf(bracketStacks, 2 * level);
      bracketOpeners = Arrays.copyOf(bracketOpeners, 2 * level);
    }
    if (bracketStacks[level] == null) {
      bracketStacks[level] = new char[16];
      bracketOpeners[level] = new long[16];
    }
    try {
      scanBalanced(scan, aliasValue, level);
    } finally {
      scanLevel--;
    }
  }

  /** {@link #scanBalanced(OpScan, boolean)} with the bracket stack of nesting {@code level}. */
  private void scanBalanced(OpScan scan, boolean aliasValue, int level) {
    char[] stack = bracketStacks[level];
    long[] openers = bracketOpeners[level];
    int depth = 0;
    int angle = 0;
    boolean afterAttributesKeyword = false;
    boolean afterLess = false;
    // An alias value at its own level is one attribute or type: a word can start it or follow
    // ':' (`5 : i32`), '->' (`(i32) -> i32`) or ','; a word after a complete value is not part of
    // it (it would swallow whatever text follows the definition).
    boolean valueTakesWord = true;
    while (true) {
      if (depth > 0 && skim) {
        depth = skimNested(scan, level, depth);
        stack = bracketStacks[level];
        openers = bracketOpeners[level];
      }
      boolean newline = skipTrivia();
      if (pos >= n) {
        if (depth > 0) {
          throw error(
              openers[depth - 1],
              "unbalanced '"
                  + stack[depth - 1]
                  + "': no matching '"
                  + closerOf(stack[depth - 1])
                  + "' before the end of the file");
        }
        return;
      }
      char c = s.charAt(pos);
      if (depth == 0) {
        if (c == '}' && !scan.fileLevel) {
          return; // the enclosing module body closes
        }
        if ((angle == 0 || newline) && startsNextItem(scan, newline)) {
          return;
        }
        if (c == ')' || c == ']' || c == '}') {
          throw error(pos, "unexpected '" + c + "' with no matching '" + openerOf(c) + "'");
        }
        if (scan.tail != Tail.OPEN) {
          checkTail(scan, c);
        }
      }
      long tokenStart = pos;
      boolean isAttributesKeyword = false;
      boolean isLess = false;
      switch (c) {
        case '"' -> {
          long end = stringEndOrError(pos);
          if (!(scan.inHeader && depth == 0 && noteQuotedVisibility(scan, tokenStart, end))) {
            scan.inHeader = false;
          }
          pos = end;
        }
        case '@' -> {
          SymbolUse use = scanSymbolUse();
          if (scan.inHeader && depth == 0 && scan.symbol == null) {
            scan.symbol = use;
          } else {
            scan.symbolUses = added(scan.symbolUses, use);
          }
          scan.inHeader = false;
        }
        case '#', '!' -> {
          if (s.startsWith("#-}", pos)) {
            throw error(pos, "unexpected '#-}' with no matching '{-#'");
          }
          long end = MlirSyntax.suffixIdEnd(s, pos + 1);
          if (end == pos + 1) {
            throw error(pos, "expected an identifier after '" + c + "'");
          }
          String name = s.name(pos, end); // suffix-id characters: ASCII
          if (name.indexOf('.') < 0) {
            scan.aliasUses = added(scan.aliasUses, new AliasUse(name, new Span(pos, end)));
          }
          pos = end;
          scan.inHeader = false;
        }
        case '%', '^' -> {
          pos = MlirSyntax.suffixIdEnd(s, pos + 1);
          if (c == '%' && pos < n && s.charAt(pos) == '#') {
            pos++;
            while (pos < n && MlirSyntax.isDigit(s.charAt(pos))) {
              pos++;
            }
          }
          scan.inHeader = false;
        }
        case '(', '[', '{' -> {
          if (depth == stack.length) {
            stack = bracketStacks[level] = Arrays.copyOf(stack, depth * 2);
            openers = bracketOpeners[level] = Arrays.copyOf(openers, depth * 2);
          }
          // A '{' inside `<...>` at the op's own level (`-> tensor<4xf32, #a.b<c = {d}>>`) is part
          // of a type or attribute, not a group of the op; `<{` opens properties.
          if (c == '{' && depth == 0 && !aliasValue && (angle == 0 || (afterLess && angle == 1))) {
            scan.groupOpen = pos;
            scan.tokensAtGroupOpen = scan.tokens;
            scan.openGroup =
                afterAttributesKeyword
                    ? GroupKind.ATTRIBUTES
                    : afterLess ? GroupKind.PROPERTIES : GroupKind.OTHER;
            if (openGroupAtOpLevel(scan)) {
              scan.tail = Tail.AFTER_BODY;
              break; // a module body, scanned item by item (pos is past its '}')
            }
          } else if (c == '{' && depth == 1 && stack[0] == '(' && scan.regionOpen < 0) {
            scan.regionOpen = pos;
            if (openGenericModuleRegion(scan)) {
              break; // a generic module's region, scanned item by item (pos is past its '}')
            }
          }
          stack[depth] = c;
          openers[depth] = pos;
          depth++;
          pos++;
          scan.inHeader = false;
        }
        case ')', ']', '}' -> {
          char open = stack[depth - 1];
          if (open != openerOf(c)) {
            SourceLocation opened = source.locationOf(openers[depth - 1]);
            throw error(
                pos,
                "expected '"
                    + closerOf(open)
                    + "' to close the '"
                    + open
                    + "' at "
                    + opened.line()
                    + ":"
                    + opened.column()
                    + ", found '"
                    + c
                    + "'");
          }
          depth--;
          pos++;
          if (c == '}') {
            closeBraceGroup(scan, depth, stack, openers[depth]);
          }
        }
        case '<' -> {
          if (depth == 0) {
            angle++;
            isLess = true;
          }
          pos++;
        }
        case '>' -> {
          if (depth == 0 && angle > 0) {
            angle--;
          }
          pos++;
        }
        case '-' -> pos += pos + 1 < n && s.charAt(pos + 1) == '>' ? 2 : 1;
        default -> {
          if (MlirSyntax.isLetter(c) || c == '_') {
            if (aliasValue && depth == 0 && angle == 0 && !valueTakesWord) {
              throw expectedItem(true);
            }
            long end = MlirSyntax.bareIdEnd(s, pos);
            noteWord(scan, depth, pos, end);
            isAttributesKeyword = depth == 0 && end - pos == 10 && s.startsWith("attributes", pos);
            if (end - pos == 14 && s.startsWith("dense_resource", pos)) {
              end = scanResourceUse(scan, end);
            }
            pos = end;
          } else if (MlirSyntax.isDigit(c)) {
            pos = numberEnd(pos);
            scan.inHeader = false;
          } else if (c == '/' || c > 0x7e || (c < 0x20 && c != '\t')) {
            throw error(pos, "unexpected character " + describeCharAt(pos));
          } else {
            pos++;
            scan.inHeader = false;
          }
        }
      }
      if (depth == 0) {
        afterAttributesKeyword = isAttributesKeyword;
        afterLess = isLess;
        if (angle == 0) {
          valueTakesWord = c == ':' || c == ',' || (c == '-' && pos - tokenStart == 2);
        }
      }
      scan.lastTokenEnd = pos;
      scan.tokens++;
      if (depth == 0 && tokenStart == pos) {
        pos++; // defensive: never loop in place
      }
    }
  }

  /**
   * The loop of {@link #scanBalanced} inside brackets (depth 1 or more), where most bytes of a
   * large file are, reading the cursor's window directly: the same tokens, counted the same way,
   * with the same bracket stack, in a fifth of the time. It leaves to that loop, with pos at the
   * token, every token that records something or may be an error (a string, a symbol, alias or
   * resource use, a stray or non-ASCII byte, a bracket that does not match), a bracket that opens
   * or closes a group the op keeps (back to depth 0, or a generic op's region), and a token the
   * window cannot hold whole; returns the depth it leaves at.
   *
   * <p>At depth 1 or more the op's own name and visibility are behind ({@code inHeader} is false
   * since the bracket that opened the depth), so only the token count and the last token's end are
   * noted.
   */
  private int skimNested(OpScan scan, int level, int depth) {
    char[] stack = bracketStacks[level];
    long[] openers = bracketOpeners[level];
    int tokens = 0;
    long lastEnd = 0;
    scanning:
    while (pos < n) {
      int i = s.windowAt(pos, SKIM_LOOK_AHEAD);
      byte[] w = s.window();
      long base = s.windowStart();
      int size = s.windowSize();
      boolean textEnds = base + size == n;
      int safe = textEnds ? size : size - SKIM_LOOK_AHEAD;
      if (i >= safe) {
        break; // the window ends close by, where a hex blob's digits start or end
      }
      while (i < safe) {
        int c = w[i] & 0xFF;
        int start = i;
        switch (SKIM_KINDS[c]) {
          case SKIM_BLANK -> {
            i++;
            continue;
          }
          case SKIM_COMMENT_OR_STOP -> {
            if (i + 1 < size && w[i + 1] == '/') {
              i += 2;
              while (i < size && !MlirSyntax.isLineEnd((char) (w[i] & 0xFF))) {
                i++;
              }
              if (i == size && !textEnds) {
                pos = MlirSyntax.commentEnd(s, base + start); // it goes on past the window
                continue scanning;
              }
              continue;
            }
            pos = base + start; // a lone '/': an error there
            break scanning;
          }
          case SKIM_WORD -> {
            i = MlirSyntax.bareIdEnd(w, i + 1, size);
            if (i - start == 14 && isDenseResource(w, start)) {
              pos = base + start; // a resource use
              break scanning;
            }
          }
          case SKIM_NUMBER -> i = MlirSyntax.numberEnd(w, i + 1, size);
          case SKIM_VALUE_OR_LABEL -> {
            i = MlirSyntax.suffixIdEnd(w, i + 1, size);
            if (c == '%' && i < size && w[i] == '#') {
              i = MlirSyntax.digitsEnd(w, i + 1, size);
            }
          }
          case SKIM_OPEN -> {
            if (c == '{' && depth == 1 && stack[0] == '(' && scan.regionOpen < 0) {
              pos = base + start; // may open a generic op's region
              break scanning;
            }
            if (depth == stack.length) {
              stack = bracketStacks[level] = Arrays.copyOf(stack, depth * 2);
              openers = bracketOpeners[level] = Arrays.copyOf(openers, depth * 2);
            }
            stack[depth] = (char) c;
            openers[depth] = base + i;
            depth++;
            i++;
          }
          case SKIM_CLOSE -> {
            if (depth == 1
                || stack[depth - 1] != openerOf((char) c)
                || (c == '}' && depth == 2 && stack[0] == '(')) {
              pos = base + start; // closes a group the op keeps, or does not match
              break scanning;
            }
            depth--;
            i++;
          }
          case SKIM_DASH -> i += i + 1 < size && w[i + 1] == '>' ? 2 : 1;
          case SKIM_PUNCTUATION -> i++;
          default -> {
            pos = base + start;
            break scanning;
          }
        }
        if (i == size && !textEnds) {
          pos = base + start; // the token may go on past the window: the general loop reads it
          break scanning;
        }
        tokens++;
        lastEnd = base + i;
      }
      pos = base + i;
    }
    if (tokens > 0) {
      scan.tokens += tokens;
      scan.lastTokenEnd = lastEnd;
    }
    return depth;
  }

  private static boolean isDenseResource(byte[] w, int start) {
    for (int k = 0; k < 14; k++) {
      if (w[start + k] != "dense_resource".charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Checks a token at the op's own level after the body of a custom-form function or module, where
   * only a trailing {@code loc(...)} may come before the next item: anything else is a stray token
   * where an operation must start.
   */
  private void checkTail(OpScan scan, char c) {
    if (scan.tail == Tail.AFTER_BODY
        && s.startsWith("loc", pos)
        && MlirSyntax.bareIdEnd(s, pos) == pos + 3) {
      scan.tail = Tail.AFTER_LOC;
    } else if (scan.tail == Tail.AFTER_LOC && c == '(') {
      scan.tail = Tail.DONE;
    } else {
      throw expectedItem(scan.fileLevel);
    }
  }

  private boolean startsNextItem(OpScan scan, boolean newline) {
    if (scan.fileLevel && (s.startsWith("{-#", pos) || isAliasDefinitionStart(pos))) {
      return true;
    }
    return isOperationStart(pos, newline);
  }

  private void noteWord(OpScan scan, int depth, long start, long end) {
    if (!scan.inHeader || depth != 0) {
      return;
    }
    Visibility visibility = Visibility.fromKeyword(s.substring(start, end));
    if (visibility != null && scan.visibility == null) {
      scan.visibility = visibility;
      scan.visibilitySpan = new Span(start, end);
    }
    if (++scan.keywordsSeen > MAX_KEYWORDS_BEFORE_SYMBOL) {
      scan.inHeader = false;
    }
  }

  /**
   * A visibility written as a string in front of the symbol, as {@code memref.global "private"
   * @x} prints it: noted like the bare keyword (the span keeps the quotes). Returns whether the
   * string was one.
   */
  private boolean noteQuotedVisibility(OpScan scan, long start, long end) {
    long length = end - start - 2;
    if (length < 6 || length > 7 || scan.symbol != null) {
      return false;
    }
    Visibility visibility = Visibility.fromKeyword(s.substring(start + 1, end - 1));
    if (visibility == null) {
      return false;
    }
    if (scan.visibility == null) {
      scan.visibility = visibility;
      scan.visibilitySpan = new Span(start, end);
    }
    return ++scan.keywordsSeen <= MAX_KEYWORDS_BEFORE_SYMBOL;
  }

  /**
   * Handles a '{' at the op's own level. Returns true when it opened a module body, which has then
   * been scanned item by item.
   */
  private boolean openGroupAtOpLevel(OpScan scan) {
    if (scan.openGroup != GroupKind.OTHER || scan.opName == null || scan.generic) {
      return false;
    }
    if (OpKind.ofOpName(scan.opName) == OpKind.MODULE && scan.body == null) {
      scan.body = scanModuleBody(scan, false);
      scan.inHeader = false;
      return true;
    }
    return false;
  }

  /**
   * Handles the first region of a generic-form module ({@code "builtin.module"() ({ ... })}): scans
   * its body item by item like a custom-form module body. Returns true when it did.
   */
  private boolean openGenericModuleRegion(OpScan scan) {
    if (!scan.generic || OpKind.ofOpName(scan.opName) != OpKind.MODULE) {
      return false;
    }
    scan.region = scanModuleBody(scan, true);
    return true;
  }

  /**
   * Scans a module body from its '{' at pos item by item, up to and past its '}'; returns its span.
   * A generic module's region may start with a block label.
   */
  private Span scanModuleBody(OpScan scan, boolean generic) {
    long open = pos;
    pos++;
    if (generic) {
      skipBlockLabel();
    }
    scan.children = operationsOf(scanItems(false));
    if (pos >= n) {
      throw error(open, "unbalanced '{': no matching '}' before the end of the file");
    }
    pos++; // the body's '}'
    return new Span(open, pos);
  }

  /**
   * Skips a block label ({@code ^bb0:} or {@code ^bb0(%a: t):}) at the start of a generic module's
   * region: mlir-opt prints one for an empty body ({@code ({\n^bb0:\n})}).
   */
  private void skipBlockLabel() {
    long p = skipTrivia(pos);
    if (p >= n || s.charAt(p) != '^') {
      return;
    }
    p = skipTrivia(MlirSyntax.suffixIdEnd(s, p + 1));
    if (p < n && s.charAt(p) == '(') {
      int depth = 0;
      while (p < n) {
        char c = s.charAt(p);
        if (c == '"') {
          p = stringEndOrError(p);
          continue;
        }
        if (c == '(') {
          depth++;
        } else if (c == ')' && --depth == 0) {
          p++;
          break;
        }
        p++;
      }
      p = skipTrivia(p);
    }
    if (p >= n || s.charAt(p) != ':') {
      throw error(p, "expected ':' after the block label, found " + describeTokenAt(p));
    }
    pos = p + 1;
  }

  private void closeBraceGroup(OpScan scan, int depth, char[] stack, long open) {
    if (depth == 0 && open == scan.groupOpen) {
      Span group = new Span(open, pos);
      switch (scan.openGroup) {
        case ATTRIBUTES -> scan.attributeDictionary = group;
        case PROPERTIES -> scan.properties = group;
        case OTHER -> {
          scan.body = group;
          scan.bodyBlank = scan.tokens == scan.tokensAtGroupOpen + 1; // only its own braces
          if (!scan.generic
              && scan.opName != null
              && OpKind.ofOpName(scan.opName) == OpKind.FUNCTION) {
            scan.tail = Tail.AFTER_BODY;
          }
        }
      }
    } else if (depth == 1 && stack[0] == '(' && open == scan.regionOpen) {
      scan.region = new Span(open, pos);
    }
  }

  /** {@code list} with {@code item} added, the list created on first use. */
  private static <T> List<T> added(List<T> list, T item) {
    List<T> out = list == null ? new ArrayList<>(4) : list;
    out.add(item);
    return out;
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private List<Operation> operationsOf(List<TopLevelItem> items) {
    List<Operation> ops = new ArrayList<>(items.size());
    for (TopLevelItem item : items) {
      ops.add((Operation) item);
    }
    return ops;
  }

  private SymbolUse scanSymbolUse() {
    long start = pos;
    String root = scanSymbolName();
    long rootEnd = pos;
    List<String> nested = null;
    while (s.startsWith("::@", pos)) {
      pos += 2;
      nested = added(nested, scanSymbolName());
    }
    return new SymbolUse(root, new Span(start, rootEnd), orEmpty(nested));
  }

  private String scanSymbolName() {
    long at = pos;
    pos++;
    if (pos < n && s.charAt(pos) == '"') {
      long end = stringEndOrError(pos);
      String name = unquote(pos + 1, end - 1);
      pos = end;
      return name;
    }
    long end = MlirSyntax.suffixIdEnd(s, pos);
    if (end == pos) {
      throw error(at, "expected a symbol name after '@'");
    }
    String name = s.symbolName(pos, end);
    pos = end;
    return name;
  }

  private long scanResourceUse(OpScan scan, long afterKeyword) {
    long p = skipTrivia(afterKeyword);
    if (p >= n || s.charAt(p) != '<') {
      return afterKeyword;
    }
    long keyStart = skipTrivia(p + 1);
    if (keyStart < n && s.charAt(keyStart) == '"') {
      // A quoted key, `dense_resource<"blob f32">`: the span keeps the quotes, like the key of
      // the section entry it names.
      long keyEnd = stringEnd(keyStart);
      if (keyEnd > 0) {
        scan.resourceUses =
            added(
                scan.resourceUses,
                new ResourceUse(unquote(keyStart + 1, keyEnd - 1), new Span(keyStart, keyEnd)));
      }
      return afterKeyword;
    }
    long keyEnd = MlirSyntax.suffixIdEnd(s, keyStart);
    if (keyEnd > keyStart) {
      scan.resourceUses =
          added(
              scan.resourceUses,
              new ResourceUse(s.substring(keyStart, keyEnd), new Span(keyStart, keyEnd)));
    }
    return afterKeyword;
  }

  private long numberEnd(long p) {
    while (p < n) {
      char c = s.charAt(p);
      if (MlirSyntax.isNumberChar(c)) {
        p++;
      } else if ((c == '+' || c == '-') && (s.charAt(p - 1) == 'e' || s.charAt(p - 1) == 'E')) {
        p++;
      } else {
        break;
      }
    }
    return p;
  }

  // ---------------------------------------------------------------- resources

  private ResourceSection scanResourceSection() {
    long start = pos;
    List<ResourceSection.Entry> entries = new ArrayList<>();
    pos += 3;
    while (true) {
      skipTrivia();
      if (pos >= n) {
        throw error(start, "unterminated '{-#' section: no '#-}' before the end of the file");
      }
      if (s.startsWith("#-}", pos)) {
        pos += 3;
        return new ResourceSection(new Span(start, pos), entries);
      }
      String group = scanMetadataKey(start).name();
      if (pos < n && s.charAt(pos) == '{') {
        scanResourceDialects(group, entries, start);
      } else {
        skipMetadataValue(start);
      }
      skipMetadataComma();
    }
  }

  private void scanResourceDialects(String group, List<ResourceSection.Entry> out, long section) {
    pos++;
    while (true) {
      skipTrivia();
      if (pos < n && s.charAt(pos) == '}') {
        pos++;
        return;
      }
      String dialect = scanMetadataKey(section).name();
      if (pos < n && s.charAt(pos) == '{') {
        pos++;
        while (true) {
          skipTrivia();
          if (pos < n && s.charAt(pos) == '}') {
            pos++;
            break;
          }
          MetadataKey key = scanMetadataKey(section);
          long valueStart = pos;
          long valueEnd = skipMetadataValue(section);
          out.add(
              new ResourceSection.Entry(
                  group, dialect, key.name(), key.span(), new Span(valueStart, valueEnd)));
          skipMetadataComma();
        }
      } else {
        skipMetadataValue(section);
      }
      skipMetadataComma();
    }
  }

  /** A key of the {@code {-#} section and where it is written (quotes included). */
  private record MetadataKey(String name, Span span) {}

  /** Reads {@code key:} (a bare id or a string) and leaves pos at the value. */
  private MetadataKey scanMetadataKey(long section) {
    skipTrivia();
    if (pos >= n) {
      throw error(section, "unterminated '{-#' section: no '#-}' before the end of the file");
    }
    long keyStart = pos;
    String key;
    if (s.charAt(pos) == '"') {
      long end = stringEndOrError(pos);
      key = unquote(pos + 1, end - 1);
      pos = end;
    } else {
      long end = MlirSyntax.suffixIdEnd(s, pos);
      if (end == pos) {
        throw error(pos, "expected a key in the '{-#' section, found " + describeTokenAt(pos));
      }
      key = s.substring(pos, end);
      pos = end;
    }
    Span keySpan = new Span(keyStart, pos);
    skipTrivia();
    if (pos >= n || s.charAt(pos) != ':') {
      throw error(pos, "expected ':' after '" + key + "' in the '{-#' section");
    }
    pos++;
    skipTrivia();
    return new MetadataKey(key, keySpan);
  }

  /**
   * Skips a metadata value; returns the end of its last token (pos is then past the trivia after
   * it, at the ',' or '}' that follows).
   */
  private long skipMetadataValue(long section) {
    int depth = 0;
    long end = pos;
    while (true) {
      skipTrivia();
      if (pos >= n) {
        throw error(section, "unterminated '{-#' section: no '#-}' before the end of the file");
      }
      char c = s.charAt(pos);
      if (depth == 0 && (c == ',' || c == '}' || s.startsWith("#-}", pos))) {
        return end;
      }
      if (c == '"') {
        pos = s.startsWith("\"0x", pos) ? hexBlobEnd(pos) : stringEndOrError(pos);
      } else {
        if (c == '{' || c == '[' || c == '(') {
          depth++;
        } else if (c == '}' || c == ']' || c == ')') {
          depth--;
        }
        pos++;
      }
      end = pos;
    }
  }

  /**
   * The end of a hex blob value {@code "0x..."}, found in one pass: its body is not checked for
   * line breaks or escapes, which MLIR rejects anyway as not hex. Blobs are often hundreds of MB.
   */
  private long hexBlobEnd(long p) {
    long close = s.indexOf('"', p + 1);
    if (close < 0) {
      throw unterminatedString(p);
    }
    return close + 1;
  }

  private void skipMetadataComma() {
    skipTrivia();
    if (pos < n && s.charAt(pos) == ',') {
      pos++;
    }
  }

  // ---------------------------------------------------------------- strings

  /**
   * The end (after the closing quote) of the string literal at {@code p}, or -1 when its line or
   * the file ends first. The body is searched eight bytes at a time for a quote, a backslash or a
   * line end, so a string of hundreds of MB (a resource blob) costs one pass.
   */
  private long stringEnd(long p) {
    long j = p + 1;
    firstEscape = -1;
    while (true) {
      long k = s.indexOfStringBreak(j);
      if (k < 0) {
        return -1;
      }
      char c = s.charAt(k);
      if (c == '"') {
        return k + 1;
      }
      if (MlirSyntax.isLineEnd(c) || (c == '\\' && k + 1 >= n)) {
        return -1;
      }
      if (c == '\\' && firstEscape < 0) {
        firstEscape = k;
      }
      j = c == '\\' ? k + 2 : k + 1; // an escape, or a blank or control byte inside the string
    }
  }

  /** Where the last string {@link #stringEnd} read has its first backslash, or -1. */
  private long firstEscape;

  /**
   * Like {@link #stringEnd}, reporting a string that does not end or that holds an escape MLIR does
   * not know: {@code \"}, {@code \\}, {@code \n}, {@code \t} and two hex digits are the escapes.
   */
  private long stringEndOrError(long p) {
    long end = stringEnd(p);
    if (end < 0) {
      throw unterminatedString(p);
    }
    for (long k = firstEscape; k >= 0 && k < end - 1; k = s.indexOf('\\', k + 2, end - 1)) {
      char e = s.charAt(k + 1);
      boolean known =
          e == '"'
              || e == '\\'
              || e == 'n'
              || e == 't'
              || (MlirSyntax.isHexDigit(e) && MlirSyntax.isHexDigit(s.charAt(k + 2)));
      if (!known) {
        throw error(k, "unknown escape in string literal");
      }
    }
    return end;
  }

  /** The value of the string body {@code [start, end)}, escapes decoded. */
  private String unquote(long start, long end) {
    String body = s.substring(start, end);
    return MlirSyntax.unquote(body, 0, body.length());
  }

  private DiagnosticException unterminatedString(long p) {
    return error(p, "unterminated string: missing '\"' before the end of the line");
  }

  // ---------------------------------------------------------------- trivia and errors

  /**
   * Skips whitespace and comments at pos; returns whether a line ended in them. Blanks are looked
   * at one by one (between two tokens there is mostly one); a comment is skipped by a table loop.
   */
  private boolean skipTrivia() {
    boolean newline = false;
    while (pos < n) {
      char c = s.charAt(pos);
      if (MlirSyntax.isLineEnd(c)) {
        newline = true; // a lone CR ends a line too, as in MLIR's lexer
        pos++;
      } else if (MlirSyntax.isWhitespace(c)) {
        pos++;
      } else if (c == '/' && pos + 1 < n && s.charAt(pos + 1) == '/') {
        pos = MlirSyntax.commentEnd(s, pos);
      } else {
        break;
      }
    }
    return newline;
  }

  private long skipTrivia(long p) {
    while (p < n) {
      char c = s.charAt(p);
      if (MlirSyntax.isWhitespace(c)) {
        p++;
      } else if (c == '/' && p + 1 < n && s.charAt(p + 1) == '/') {
        p = MlirSyntax.commentEnd(s, p);
      } else {
        return p;
      }
    }
    return p;
  }

  private static char closerOf(char open) {
    return open == '(' ? ')' : open == '[' ? ']' : '}';
  }

  private static char openerOf(char close) {
    return close == ')' ? '(' : close == ']' ? '[' : '{';
  }

  private String describeTokenAt(long p) {
    if (p >= n) {
      return "the end of the file";
    }
    char c = s.charAt(p);
    if (MlirSyntax.isLetter(c) || c == '_') {
      return "'" + s.substring(p, MlirSyntax.bareIdEnd(s, p)) + "'";
    }
    if (MlirSyntax.isDigit(c)) {
      return "'" + s.substring(p, numberEnd(p)) + "'";
    }
    return describeCharAt(p);
  }

  /** The character at {@code p}, decoded from its UTF-8 bytes, for a message. */
  private String describeCharAt(long p) {
    char c = s.charAt(p);
    if (c < 0x80) {
      return describeChar(c);
    }
    int length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    return String.format("U+%04X", s.substring(p, Math.min(n, p + length)).codePointAt(0));
  }

  private static String describeChar(char c) {
    if (c >= 0x20 && c <= 0x7e) {
      return "'" + c + "'";
    }
    return String.format("U+%04X", (int) c);
  }

  private DiagnosticException error(long offset, String message) {
    return new DiagnosticException(Diagnostics.error(source, Math.min(offset, n), message));
  }
}
