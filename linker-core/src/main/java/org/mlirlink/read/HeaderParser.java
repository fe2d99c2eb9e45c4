package org.mlirlink.read;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.mlirlink.diagnostic.DiagnosticException;
import org.mlirlink.grammar.MlirLexer;
import org.mlirlink.grammar.MlirParser;
import org.mlirlink.model.AliasExpansions;
import org.mlirlink.model.AttributeEntry;
import org.mlirlink.model.Diagnostics;
import org.mlirlink.model.FunctionSignature;
import org.mlirlink.model.MlirSyntax;
import org.mlirlink.model.Operation;
import org.mlirlink.model.SourceText;
import org.mlirlink.model.Span;
import org.mlirlink.model.Visibility;

/**
 * Reads the short pieces of text whose syntax the linker must understand: function headers (custom
 * form), attribute dictionaries and function types (generic form). Each is walked by {@link
 * HeaderWalk} as the ANTLR grammar in {@code grammar/} reads it, and read with the grammar itself
 * where the walk is unsure or refuses (so that an error is the grammar's); the tests hold the two
 * to the same result. Parsing with the grammar uses SLL prediction first and falls back to full LL
 * only when SLL fails. No ANTLR type leaves this class.
 */
final class HeaderParser {
  /** What a piece is, for syntax errors. */
  private static final String WHAT = "function header or attribute dictionary";

  private final AliasExpansions aliases;

  /**
   * @param aliases the file's aliases; expanded only when a signature is first asked for
   */
  HeaderParser(AliasExpansions aliases) {
    this.aliases = aliases;
  }

  /**
   * The signature of a custom-form function whose header (text before the body) is {@code header},
   * which {@link HeaderWalk} accepted as the file was read. Its types are found by that same walk
   * over the header's bytes: a fraction of what lexing and parsing it with the grammar costs (a
   * thousand declarations checked against their definitions took 60 ms of a cold link that way).
   * {@link #functionSignatureByGrammar} reads the same header with the grammar, and the tests
   * require the two to agree.
   */
  FunctionSignature functionSignature(SourceText source, Span header) {
    return expanded(
        deep(
            source,
            header.start(),
            () ->
                HeaderWalk.types(
                    source,
                    source.bytes(header.start(), header.end()),
                    header.start(),
                    "function")));
  }

  /**
   * Runs a walk of {@link HeaderWalk}, which recurses into nested function types, so that the input
   * decides what can be read, not the caller's stack ({@link DeepStack}): a type nested too deeply
   * for even the deep stack is an error at {@code at}.
   */
  private static <T> T deep(SourceText source, long at, Supplier<T> walk) {
    return DeepStack.call(
        () -> {
          try {
            return walk.get();
          } catch (StackOverflowError e) {
            throw new DeepStack.TooDeep(
                new DiagnosticException(
                    Diagnostics.error(
                        source, at, "types or attributes nested too deeply to read")));
          }
        });
  }

  /**
   * The signature of the function whose header is {@code header}, read with the grammar's {@code
   * functionHeader} rule: the definition {@link #functionSignature} is checked against.
   */
  FunctionSignature functionSignatureByGrammar(SourceText source, Span header) {
    Piece piece = new Piece(source, header);
    MlirParser.FunctionHeaderContext ctx = piece.parse(MlirParser::functionHeader);
    List<String> arguments = new ArrayList<>();
    Map<String, String> argumentByName = new HashMap<>();
    if (ctx.argumentList() != null) {
      for (MlirParser.ArgumentContext argument : ctx.argumentList().argument()) {
        if (argument instanceof MlirParser.NamedArgumentContext named) {
          String type = piece.type(named.type());
          argumentByName.put(named.VALUE_ID().getText(), type);
          arguments.add(type);
        } else {
          String type = piece.type(((MlirParser.BareArgumentContext) argument).type());
          argumentByName.put("%arg" + arguments.size(), type);
          arguments.add(type);
        }
      }
    }
    List<String> results = new ArrayList<>();
    MlirParser.FunctionResultsContext resultsCtx = ctx.functionResults();
    List<MlirParser.FunctionResultContext> resultCtxs = new ArrayList<>();
    if (resultsCtx instanceof MlirParser.ResultListContext list) {
      resultCtxs.addAll(list.functionResult());
    } else if (resultsCtx instanceof MlirParser.BareResultListContext bare) {
      resultCtxs.addAll(bare.functionResult());
    }
    for (MlirParser.FunctionResultContext result : resultCtxs) {
      if (result instanceof MlirParser.TiedResultContext tied) {
        if (tied.type() != null) {
          results.add(piece.type(tied.type()));
        } else {
          String name = tied.tied.getText();
          String type = argumentByName.get(name);
          if (type == null) {
            throw piece.error(tied.tied, "result tied to unknown argument '" + name + "'");
          }
          results.add(type);
        }
      } else {
        results.add(piece.type(((MlirParser.TypedResultContext) result).type()));
      }
    }
    return new FunctionSignature(arguments, results);
  }

  /**
   * Reads a generic op's attribute dictionary ({@code <{...}>} or trailing {@code {...}}) for its
   * {@code sym_name}, {@code sym_visibility} and (for functions) {@code function_type}.
   */
  void describeGeneric(SourceText source, Span dictionary, Operation.Builder op, boolean function) {
    for (DictionaryEntry entry : dictionaryEntries(source, dictionary)) {
      Span value = entry.value();
      if (value == null) {
        continue;
      }
      String name = entry.name();
      if (name.equals("sym_name") && entry.oneString()) {
        op.symbol(unquoted(source, value), value);
      } else if (name.equals("sym_visibility") && entry.oneString()) {
        Visibility visibility = Visibility.fromKeyword(unquoted(source, value));
        if (visibility != null) {
          op.visibility(visibility, value);
        }
      } else if (name.equals("function_type") && function) {
        op.signature(generic -> functionType(source, value));
      }
    }
  }

  /** The entries of an attribute dictionary, braces included in {@code dictionary}. */
  List<AttributeEntry> attributeEntries(SourceText source, Span dictionary) {
    List<DictionaryEntry> read = dictionaryEntries(source, dictionary);
    List<AttributeEntry> entries = new ArrayList<>(read.size());
    for (DictionaryEntry entry : read) {
      String name = entry.name();
      String text = name.startsWith("\"") ? MlirSyntax.unquote(name, 1, name.length() - 1) : name;
      entries.add(new AttributeEntry(text, entry.span()));
    }
    return entries;
  }

  /**
   * One entry of an attribute dictionary as the reader needs it.
   *
   * @param name its name as written (a string's quotes kept)
   * @param span the whole entry
   * @param value its value, from its first token to the end of its last; null for a bare name
   * @param oneString whether the value is one string literal and nothing else
   */
  record DictionaryEntry(String name, Span span, Span value, boolean oneString) {}

  /**
   * The entries of an attribute dictionary: walked by {@link HeaderWalk} as the grammar reads it
   * (lexing and parsing the dictionaries of a file made from bytecode was most of reading it, and
   * loading the parser a good part of a cold start), and read with the grammar when the walk is
   * unsure or refuses it, so that an error is the grammar's.
   */
  List<DictionaryEntry> dictionaryEntries(SourceText source, Span dictionary) {
    List<DictionaryEntry> walked = dictionaryEntriesByWalk(source, dictionary);
    return walked != null ? walked : dictionaryEntriesByGrammar(source, dictionary);
  }

  /** The walk of {@link #dictionaryEntries}, or null when it is unsure or refuses. */
  List<DictionaryEntry> dictionaryEntriesByWalk(SourceText source, Span dictionary) {
    try {
      return HeaderWalk.dictionary(
          source, source.bytes(dictionary.start(), dictionary.end()), dictionary.start());
    } catch (DiagnosticException refused) {
      return null; // the grammar gives its own message
    }
  }

  /** The entries of an attribute dictionary read with the grammar's {@code attributeDictOnly}. */
  List<DictionaryEntry> dictionaryEntriesByGrammar(SourceText source, Span dictionary) {
    Piece piece = new Piece(source, dictionary);
    MlirParser.AttributeDictOnlyContext ctx = piece.parse(MlirParser::attributeDictOnly);
    List<DictionaryEntry> entries = new ArrayList<>();
    for (MlirParser.AttributeEntryContext entry : ctx.attributeDict().attributeEntry()) {
      MlirParser.AttributeValueContext value = entry.attributeValue();
      Token first = value == null ? null : value.getStart();
      entries.add(
          new DictionaryEntry(
              entry.name.getText(),
              piece.span(entry),
              value == null ? null : piece.span(value),
              first != null && first == value.getStop() && first.getType() == MlirLexer.STRING));
    }
    return entries;
  }

  /**
   * The signature a generic function's {@code function_type} holds: walked by {@link HeaderWalk},
   * or read with the grammar when the walk is unsure or refuses it.
   */
  FunctionSignature functionType(SourceText source, Span span) {
    FunctionSignature walked = functionTypeByWalk(source, span);
    return walked != null ? walked : functionTypeByGrammar(source, span);
  }

  /** The walk of {@link #functionType}, or null when it is unsure or refuses. */
  FunctionSignature functionTypeByWalk(SourceText source, Span span) {
    HeaderWalk.Types types;
    try {
      types =
          deep(
              source,
              span.start(),
              () ->
                  HeaderWalk.functionType(
                      source, source.bytes(span.start(), span.end()), span.start()));
    } catch (DiagnosticException refused) {
      return null; // the grammar gives its own message, or reads a result that is a function type
    }
    return types == null ? null : expanded(types);
  }

  /** The signature of {@code types}, each type's aliases expanded. */
  private FunctionSignature expanded(HeaderWalk.Types types) {
    List<String> arguments = new ArrayList<>(types.argumentCount());
    for (int i = 0; i < types.argumentCount(); i++) {
      arguments.add(aliases.expand(types.argument(i)));
    }
    List<String> results = new ArrayList<>(types.resultCount());
    for (int i = 0; i < types.resultCount(); i++) {
      results.add(aliases.expand(types.result(i)));
    }
    return new FunctionSignature(arguments, results);
  }

  /** {@link #functionType} read with the grammar's {@code functionTypeOnly} rule. */
  FunctionSignature functionTypeByGrammar(SourceText source, Span span) {
    Piece piece = new Piece(source, span);
    MlirParser.FunctionTypeOnlyContext ctx = piece.parse(MlirParser::functionTypeOnly);
    List<String> arguments = new ArrayList<>();
    List<String> results = new ArrayList<>();
    boolean inResults = false;
    for (int i = 0; i < ctx.getChildCount(); i++) {
      if (ctx.getChild(i) instanceof MlirParser.TypeContext type) {
        (inResults ? results : arguments).add(piece.type(type));
      } else if (ctx.getChild(i).getText().equals("->")) {
        inResults = true;
      }
    }
    return new FunctionSignature(arguments, results);
  }

  /** A span of a source, lexed and parsed on its own, with offsets mapped back to the file. */
  private final class Piece {
    private final SourceText source;
    private final Span span;
    private final String text;
    private final int[] byteOffsets; // code point index -> byte offset, when they differ

    Piece(SourceText source, Span span) {
      this.source = source;
      this.span = span;
      this.text = source.string(span);
      // As many characters as bytes: all ASCII, where code points and bytes count alike.
      this.byteOffsets = text.length() == span.length() ? null : codePointByteOffsets(text);
    }

    <T extends ParserRuleContext> T parse(Function<MlirParser, T> rule) {
      return DeepStack.call(
          () -> {
            try {
              return parseOnce(rule);
            } catch (StackOverflowError e) {
              // Types or attributes nested deeper than this thread's stack allows; see DeepStack.
              throw new DeepStack.TooDeep(
                  new DiagnosticException(
                      Diagnostics.error(
                          source, span.start(), "types or attributes nested too deeply to read")));
            }
          });
    }

    private <T extends ParserRuleContext> T parseOnce(Function<MlirParser, T> rule) {
      MlirLexer lexer = new MlirLexer(CharStreams.fromString(text));
      lexer.removeErrorListeners();
      CommonTokenStream tokens = new CommonTokenStream(lexer);
      MlirParser parser = new MlirParser(tokens);
      parser.removeErrorListeners();
      parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
      parser.setErrorHandler(new BailErrorStrategy());
      try {
        return rule.apply(parser);
      } catch (ParseCancellationException sllFailed) {
        tokens.seek(0);
        parser.reset();
        parser.getInterpreter().setPredictionMode(PredictionMode.LL);
        parser.setErrorHandler(new DefaultErrorStrategy());
        parser.addErrorListener(
            new BaseErrorListener() {
              @Override
              public void syntaxError(
                  Recognizer<?, ?> recognizer,
                  Object offendingSymbol,
                  int line,
                  int column,
                  String msg,
                  RecognitionException e) {
                Token token = (Token) offendingSymbol;
                throw error(
                    token,
                    token.getType() == Token.EOF
                        ? "unexpected end of " + WHAT
                        : "unexpected '" + token.getText() + "' in " + WHAT);
              }
            });
        return rule.apply(parser);
      }
    }

    String type(MlirParser.TypeContext type) {
      Span typeSpan = span(type);
      return aliases.expand(text.substring(charIndex(typeSpan.start()), charIndex(typeSpan.end())));
    }

    Span span(ParserRuleContext ctx) {
      return new Span(
          offset(ctx.getStart().getStartIndex()), offset(ctx.getStop().getStopIndex() + 1));
    }

    Span span(Token token) {
      return new Span(offset(token.getStartIndex()), offset(token.getStopIndex() + 1));
    }

    DiagnosticException error(Token token, String message) {
      int index =
          token.getType() == Token.EOF
              ? text.codePointCount(0, text.length())
              : token.getStartIndex();
      return new DiagnosticException(Diagnostics.error(source, offset(index), message));
    }

    private long offset(int codePointIndex) {
      int local = byteOffsets == null ? codePointIndex : byteOffsets[codePointIndex];
      return span.start() + local;
    }

    /** The index in {@link #text} of the character at a source offset inside the piece. */
    private int charIndex(long offset) {
      int local = (int) (offset - span.start());
      if (byteOffsets == null) {
        return local;
      }
      int codePoint = Arrays.binarySearch(byteOffsets, local);
      return text.offsetByCodePoints(0, codePoint);
    }
  }

  /** For each code point of {@code text} (and its end), its offset in the UTF-8 bytes. */
  private static int[] codePointByteOffsets(String text) {
    int count = text.codePointCount(0, text.length());
    int[] offsets = new int[count + 1];
    int bytes = 0;
    int i = 0;
    for (int k = 0; k < count; k++) {
      offsets[k] = bytes;
      int c = text.codePointAt(i);
      bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
      i += Character.charCount(c);
    }
    offsets[count] = bytes;
    return offsets;
  }

  /** The unquoted value of the string literal {@code span} covers. */
  private static String unquoted(SourceText source, Span span) {
    String literal = source.string(span);
    return MlirSyntax.unquote(literal, 1, literal.length() - 1);
  }
}
