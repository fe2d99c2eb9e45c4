package org.mlirlink.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mlirlink.diagnostic.DiagnosticException;
import org.mlirlink.model.AliasExpansions;
import org.mlirlink.model.FunctionSignature;
import org.mlirlink.model.MlirFile;
import org.mlirlink.model.Operation;
import org.mlirlink.model.SourceText;
import org.mlirlink.model.Span;
import org.mlirlink.testing.MlirTools;

/**
 * The walk that reads generic ops' attribute dictionaries and function types without the parser,
 * against the grammar: on every dictionary and {@code function_type} of the test data and the
 * components, on mutants of each, and on generated dictionaries full of the tokens the two lexers
 * could cut differently. Whatever the walk reads, the grammar reads to the same entries (names,
 * spans, values, whether a value is one string) or the same types; what the walk is unsure of or
 * refuses is left to the grammar.
 */
class DictionaryWalkTest {
  private final HeaderParser parser = new HeaderParser(new AliasExpansions(Map.of()));

  @Test
  void theWalkAndTheGrammarAgreeOnEveryDictionaryOfTheCorpusAndItsMutants() {
    List<String> dictionaries = new ArrayList<>();
    List<String> functionTypes = new ArrayList<>();
    collectCorpus(dictionaries, functionTypes);
    assertTrue(dictionaries.size() >= 100, "dictionaries: " + dictionaries.size());
    assertTrue(functionTypes.size() >= 15, "function types: " + functionTypes.size());

    int walked = 0;
    for (String dictionary : dictionaries) {
      if (agreeOnDictionary(dictionary)) {
        walked++;
      }
    }
    // The walk is the reader's path: nearly every dictionary as written takes it.
    assertTrue(walked >= 0.95 * dictionaries.size(), walked + " of " + dictionaries.size());
    int mutantsWalked = 0;
    int mutants = 0;
    for (String dictionary : dictionaries) {
      for (String variant : variants(dictionary)) {
        mutants++;
        if (agreeOnDictionary(variant)) {
          mutantsWalked++;
        }
      }
    }
    assertTrue(mutantsWalked > 0 && mutantsWalked < mutants, mutantsWalked + " of " + mutants);

    int typesWalked = 0;
    for (String type : functionTypes) {
      if (agreeOnFunctionType(type)) {
        typesWalked++;
      }
      for (String variant : variants(type)) {
        agreeOnFunctionType(variant);
      }
    }
    assertTrue(typesWalked == functionTypes.size(), typesWalked + " of " + functionTypes.size());
  }

  /**
   * The dictionaries mlir-opt-22 prints: every upstream file of the test data in generic form, so
   * every op there writes its attributes as a dictionary, in MLIR's own spelling.
   */
  @Test
  void theWalkAndTheGrammarAgreeOnEveryDictionaryMlirOptPrintsInGenericForm() throws IOException {
    Path opt = MlirTools.require(MlirTools.OPT);
    StringBuilder files = new StringBuilder();
    for (Path file : ReaderDifferentialTest.upstreamFiles()) {
      files.append(Files.readString(file)).append("\n// -----\n");
    }
    MlirTools.Run run =
        MlirTools.run(
            List.of(opt.toString(), "--split-input-file", "--mlir-print-op-generic", "-"),
            files.toString());
    String generic = run.stdout();
    List<String> dictionaries = new ArrayList<>();
    for (String opening : List.of("<{", ") {")) {
      for (int at = generic.indexOf(opening); at >= 0; at = generic.indexOf(opening, at + 1)) {
        int open = at + opening.length() - 1;
        int end = braceGroupEnd(generic, open);
        if (end > 0) {
          dictionaries.add(generic.substring(open, end));
        }
      }
    }
    assertTrue(dictionaries.size() >= 400, "dictionaries: " + dictionaries.size());
    int walked = 0;
    int types = 0;
    for (String dictionary : dictionaries) {
      if (agreeOnDictionary(dictionary)) {
        walked++;
      }
      for (HeaderParser.DictionaryEntry entry : grammar(dictionary)) {
        if (entry.name().equals("function_type") && entry.value() != null) {
          SourceText source = new SourceText("t.mlir", dictionary);
          assertTrue(agreeOnFunctionType(source.string(entry.value())), dictionary);
          types++;
        }
      }
    }
    assertTrue(walked >= 0.95 * dictionaries.size(), walked + " of " + dictionaries.size());
    assertTrue(types >= 20, "function types: " + types);
  }

  /**
   * Generated dictionaries whose values mix the tokens where a hand-made lexer could part from the
   * grammar's: names ending in '-' before '>', `>=` inside and outside brackets, arrows, `{-#`,
   * strings with escapes, numbers with exponents, symbol strings.
   */
  @Test
  void theWalkAndTheGrammarAgreeOnGeneratedDictionaries() {
    String[] pieces = {
      "(",
      ")",
      "[",
      "]",
      "{",
      "}",
      "<",
      ">",
      ">=",
      "->",
      "-",
      "=",
      ",",
      ":",
      "i32",
      "#a-",
      "!t-",
      "%x-",
      "@s-",
      "^b-",
      "#map",
      "%x#1",
      "@\"q{\"",
      "\"s\"",
      "\"e\\\"\"",
      "\"a\\62\"",
      "1e-",
      "1.5e-3",
      "0x1F",
      "{-#",
      "#-}",
      "...",
      "// c\n",
      "\n",
      "unit",
      "dense<1>",
      "é",
      "\t",
    };
    Random random = new Random(7);
    int walked = 0;
    for (int round = 0; round < 20000; round++) {
      StringBuilder text = new StringBuilder("{");
      int entries = random.nextInt(4);
      for (int e = 0; e < entries; e++) {
        text.append(e > 0 ? ", " : "").append(random.nextBoolean() ? "a" + e : "\"n" + e + "\"");
        if (random.nextInt(4) > 0) {
          text.append(" = ");
          for (int k = 1 + random.nextInt(6); k > 0; k--) {
            text.append(pieces[random.nextInt(pieces.length)])
                .append(random.nextBoolean() ? " " : "");
          }
        }
      }
      text.append(random.nextInt(10) == 0 ? "" : "}");
      if (agreeOnDictionary(text.toString())) {
        walked++;
      }
    }
    assertTrue(walked > 1000, walked + " walked");
  }

  @Test
  void aNameEndingInADashBeforeAGreaterThanIsLeftToTheGrammar() {
    // The lexer reads `#a-` then `>`, which inside parentheses must be followed by '='.
    assertNull(walk("{a = (#a->)}"));
    assertTrue(refusedByGrammar("{a = (#a->)}"));
    // `->` after a word is an arrow to both.
    assertNotNull(walk("{a = (b->c)}"));
  }

  @Test
  void theEntriesOfAGenericFunctionAreItsNameVisibilityAndType() {
    String text =
        "{function_type = (i32, !t<\"x\">) -> (index), sym_name = \"f\", sym_visibility ="
            + " \"private\", \"quoted\" = 1 : i64, unit}";
    List<HeaderParser.DictionaryEntry> entries = walk(text);
    assertEquals(grammar(text), entries);
    assertEquals(5, entries.size());
    assertEquals("sym_name", entries.get(1).name());
    assertTrue(entries.get(1).oneString());
    assertEquals("\"quoted\"", entries.get(3).name());
    assertNull(entries.get(4).value());
    SourceText source = new SourceText("t.mlir", text);
    Span type = entries.get(0).value();
    FunctionSignature signature = parser.functionTypeByWalk(source, type);
    assertEquals(List.of("i32", "!t<\"x\">"), signature.argumentTypes());
    assertEquals(List.of("index"), signature.resultTypes());
  }

  /**
   * A function type nested deeper than the calling thread's stack allows is read all the same, on a
   * deep stack: as a generic function's {@code function_type} and inside a custom-form header,
   * whose walks recurse into nested function types.
   */
  @Test
  void typesNestedDeeperThanTheCallersStackAreRead() throws InterruptedException {
    int depth = 20_000;
    String type = "(".repeat(depth) + "i32" + ") -> i32".repeat(depth);
    SourceText generic = new SourceText("t.mlir", "(" + type + ") -> i32");
    SourceText header = new SourceText("h.mlir", "func.func private @f(" + type + ") -> i32");
    List<Object> read = new ArrayList<>();
    Thread small =
        new Thread(
            null,
            () -> {
              try {
                read.add(parser.functionType(generic, new Span(0, generic.length())));
                read.add(parser.functionSignature(header, new Span(0, header.length())));
              } catch (Throwable e) {
                read.add(e);
              }
            },
            "small-stack",
            256 * 1024);
    small.start();
    small.join();
    // Types are compared without blanks; a failure shows what was read, not 200 KB of type.
    FunctionSignature expected =
        new FunctionSignature(List.of(type.replace(" ", "")), List.of("i32"));
    assertEquals(2, read.size(), () -> "read: " + read.get(read.size() - 1).getClass());
    assertTrue(expected.equals(read.get(0)), "the generic function_type");
    assertTrue(expected.equals(read.get(1)), "the custom-form header");
  }

  /** Reads the dictionary both ways; returns whether the walk read it. */
  private boolean agreeOnDictionary(String text) {
    List<HeaderParser.DictionaryEntry> walked = walk(text);
    if (walked == null) {
      return false;
    }
    List<HeaderParser.DictionaryEntry> read = grammar(text);
    assertNotNull(read, "read by the walk, refused by the grammar: " + text);
    assertEquals(read, walked, text);
    return true;
  }

  private boolean agreeOnFunctionType(String text) {
    SourceText source = new SourceText("t.mlir", text);
    Span all = new Span(0, source.length());
    FunctionSignature walked = parser.functionTypeByWalk(source, all);
    if (walked == null) {
      return false;
    }
    FunctionSignature read;
    try {
      read = parser.functionTypeByGrammar(source, all);
    } catch (DiagnosticException e) {
      throw new AssertionError("read by the walk, refused by the grammar: " + text, e);
    }
    assertEquals(read, walked, text);
    return true;
  }

  private List<HeaderParser.DictionaryEntry> walk(String text) {
    SourceText source = new SourceText("t.mlir", text);
    return parser.dictionaryEntriesByWalk(source, new Span(0, source.length()));
  }

  private List<HeaderParser.DictionaryEntry> grammar(String text) {
    SourceText source = new SourceText("t.mlir", text);
    try {
      return parser.dictionaryEntriesByGrammar(source, new Span(0, source.length()));
    } catch (DiagnosticException e) {
      return null;
    }
  }

  private boolean refusedByGrammar(String text) {
    return grammar(text) == null;
  }

  /** Every attribute dictionary of the test data and components, and every function_type. */
  private void collectCorpus(List<String> dictionaries, List<String> functionTypes) {
    List<Path> files =
        new ArrayList<>(ReaderFixtures.mlirFiles(ReaderFixtures.root().resolve("testdata")));
    files.addAll(ReaderFixtures.mlirFiles(ReaderFixtures.root().resolve("components")));
    for (Path path : files) {
      if (ReaderFixtures.unreadable(path)) {
        continue;
      }
      MlirFile file = MlirReader.read(SourceText.ofBytes("f.mlir", ReaderFixtures.bytes(path)));
      collect(file, file.operations(), dictionaries, functionTypes);
      // The properties of generic ops inside bodies, which the reader does not model one by one.
      String text = file.source().string(0, file.source().length());
      for (int at = text.indexOf("<{"); at >= 0; at = text.indexOf("<{", at + 1)) {
        int end = braceGroupEnd(text, at + 1);
        if (end > 0) {
          dictionaries.add(text.substring(at + 1, end));
        }
      }
    }
  }

  /** The end of the brace group opening at {@code open}, strings skipped; -1 when it never ends. */
  private static int braceGroupEnd(String text, int open) {
    int depth = 0;
    for (int i = open; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        for (i++; i < text.length() && text.charAt(i) != '"'; i++) {
          if (text.charAt(i) == '\\') {
            i++;
          }
        }
      } else if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i + 1;
      }
    }
    return -1;
  }

  private void collect(
      MlirFile file, List<Operation> ops, List<String> dictionaries, List<String> types) {
    for (Operation op : ops) {
      List<Span> spans = new ArrayList<>();
      op.attributeDictionary().ifPresent(spans::add);
      op.discardableDictionary().ifPresent(spans::add);
      for (Span span : spans) {
        String text = file.source().string(span);
        dictionaries.add(text);
        List<HeaderParser.DictionaryEntry> entries = grammar(text);
        for (HeaderParser.DictionaryEntry entry :
            entries == null ? List.<HeaderParser.DictionaryEntry>of() : entries) {
          if (entry.name().equals("function_type") && entry.value() != null) {
            types.add(
                file.source()
                    .string(
                        entry.value().start() + span.start(), entry.value().end() + span.start()));
          }
        }
      }
      collect(file, op.children(), dictionaries, types);
    }
  }

  /** The text, and each made from it by one change to one of its first 40 tokens. */
  private static Set<String> variants(String text) {
    return ReaderFixtures.tokenVariants(text, 0, 40, List.of());
  }
}
