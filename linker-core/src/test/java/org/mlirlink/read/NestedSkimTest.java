package org.mlirlink.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlirlink.diagnostic.DiagnosticException;
import org.mlirlink.model.AliasExpansions;
import org.mlirlink.model.Operation;
import org.mlirlink.model.SourceText;
import org.mlirlink.model.TopLevelItem;

/**
 * The scanner's fast path inside brackets against its general loop: every text, read with the fast
 * path and without it, gives the same items (each op's spans, symbol, alias and resource uses,
 * children) or the same error at the same place. The texts are the test data, the test data with
 * bytes changed, generated bodies of every kind of token, and files larger than the scanner's 1 MB
 * window with long tokens across its end.
 */
class NestedSkimTest {
  private static final int WINDOW = 1 << 20;

  static Stream<Path> testdataFiles() {
    return ReaderFixtures.mlirFiles(ReaderFixtures.root().resolve("testdata")).stream();
  }

  @ParameterizedTest
  @MethodSource("testdataFiles")
  void testdataReadsTheSameEitherWay(Path file) {
    byte[] bytes = ReaderFixtures.bytes(file);
    assertSame(file.getFileName().toString(), bytes);
  }

  @ParameterizedTest
  @MethodSource("testdataFiles")
  void testdataWithBytesChangedReadsTheSameEitherWay(Path file) {
    byte[] original = ReaderFixtures.bytes(file);
    Random random = new Random(file.getFileName().toString().hashCode());
    for (int round = 0; round < 40 && original.length > 0; round++) {
      assertSame(file.getFileName() + " mutation " + round, mutated(original, random));
    }
  }

  @Test
  void generatedBodiesReadTheSameEitherWay() {
    int errors = 0;
    for (int seed = 0; seed < 3000; seed++) {
      Random random = new Random(seed);
      StringBuilder text = new StringBuilder();
      generateModule(text, random, 1 + random.nextInt(4));
      byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
      if (seed % 3 == 0) {
        bytes = mutated(bytes, random);
      }
      if (assertSame("seed " + seed, bytes).startsWith("error")) {
        errors++;
      }
    }
    // Both outcomes are exercised: texts that read, and texts with an error somewhere.
    assertTrue(errors > 300 && errors < 2700, errors + " of 3000 were errors");
  }

  /**
   * Long tokens of each kind start just before the end of the first window, where the fast path
   * must hand them to the general loop (or read past the window's end correctly); a file, so the
   * text is read a window at a time. A token cut at the window's end reads as two.
   */
  @Test
  void longTokensAcrossTheWindowsEndReadTheSameEitherWay(@TempDir Path dir) throws IOException {
    String[] tokens = {
      "a_long_word.with$dots_" + "w".repeat(40),
      "1234567890.5e-3x16x16xf32" + "7".repeat(40),
      "%a_long_value-name.$" + "v".repeat(40),
      "%value#" + "9".repeat(50),
      "^bb_" + "b".repeat(50),
      "// a comment é " + "c".repeat(60),
      "\"a string " + "s".repeat(50) + "\"",
      "dense_resource<blob_key_" + "k".repeat(40) + ">",
      "@a_symbol_" + "y".repeat(50),
      "#an_alias_" + "z".repeat(50),
      // Cut 40 bytes in (40 is among the offsets tried), what follows would read differently.
      "w".repeat(40) + "dense_resource<blob_key>",
      "%" + "v".repeat(39) + "#77",
      "1".repeat(39) + "e+5",
    };
    String head = "module {\n  func.func @f() {\n    \"t.op\"() ({\n      %0 = t.x [(";
    String tail = "\n      )]\n    }) : () -> ()\n    return\n  }\n}\n";
    Path file = dir.resolve("long.mlir");
    for (String token : tokens) {
      for (int before = 1; before <= 70; before += 3) {
        StringBuilder text = new StringBuilder(WINDOW + 4096).append(head);
        while (text.length() < WINDOW - before - 200) {
          text.append(" // filler\n      t.y (%a, [1, 2]) ->");
        }
        text.append("\n").append(" ".repeat(WINDOW - before - text.length())).append(token);
        text.append(" x\n").append(tail);
        Files.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
        String label = token.substring(0, 12) + " at the window's end less " + before;
        String withSkim = outcome(SourceText.open("long.mlir", file), true);
        String without = outcome(SourceText.open("long.mlir", file), false);
        assertEquals(without, withSkim, label);
        assertTrue(withSkim.startsWith("module"), label + ": " + withSkim);
      }
    }
  }

  /** Scans {@code bytes} both ways; returns the outcome they agree on. */
  private static String assertSame(String label, byte[] bytes) {
    String withSkim = outcome(SourceText.ofBytes("t.mlir", bytes), true);
    String without = outcome(SourceText.ofBytes("t.mlir", bytes), false);
    assertEquals(without, withSkim, label);
    return withSkim;
  }

  private static String outcome(SourceText source, boolean skim) {
    try {
      HeaderParser headers = new HeaderParser(new AliasExpansions(new HashMap<>()));
      StringBuilder out = new StringBuilder();
      dump(new StructureScanner(source, headers, skim).scan(), "", out);
      return out.toString();
    } catch (DiagnosticException e) {
      return "error: " + e.getMessage();
    } finally {
      source.release();
    }
  }

  private static void dump(List<? extends TopLevelItem> items, String indent, StringBuilder out) {
    for (TopLevelItem item : items) {
      if (!(item instanceof Operation op)) {
        out.append(indent).append(item).append('\n');
        continue;
      }
      out.append(indent)
          .append(op.opName())
          .append(op.isGenericForm() ? " generic" : "")
          .append(' ')
          .append(op.range())
          .append(" symbol=")
          .append(op.symbolNameOrNull())
          .append(op.symbolSpan())
          .append(" visibility=")
          .append(op.visibility())
          .append(op.visibilitySpan())
          .append(" body=")
          .append(op.body())
          .append(" declaration=")
          .append(op.isDeclaration())
          .append(" attributes=")
          .append(op.attributeDictionary())
          .append(op.discardableDictionary())
          .append(" uses=")
          .append(op.symbolUses())
          .append(op.aliasUses())
          .append(op.resourceUses())
          .append('\n');
      dump(op.children(), indent + "  ", out);
    }
  }

  /** {@code bytes} with one to three bytes inserted, deleted or replaced. */
  private static byte[] mutated(byte[] bytes, Random random) {
    byte[] out = bytes;
    for (int k = 1 + random.nextInt(3); k > 0; k--) {
      int at = random.nextInt(out.length + 1);
      int action = random.nextInt(3);
      byte b = INTERESTING[random.nextInt(INTERESTING.length)];
      if (action == 0 || at == out.length) {
        byte[] grown = new byte[out.length + 1];
        System.arraycopy(out, 0, grown, 0, at);
        grown[at] = b;
        System.arraycopy(out, at, grown, at + 1, out.length - at);
        out = grown;
      } else if (action == 1) {
        byte[] shrunk = new byte[out.length - 1];
        System.arraycopy(out, 0, shrunk, 0, at);
        System.arraycopy(out, at + 1, shrunk, at, out.length - at - 1);
        out = shrunk;
      } else {
        out = out.clone();
        out[at] = b;
      }
    }
    return out;
  }

  private static final byte[] INTERESTING =
      "(){}[]<>\"@#!%^/-=:,.$_aZ09 \t\n\r\u000B\u0001\u007f".getBytes(StandardCharsets.UTF_8);

  private static void generateModule(StringBuilder out, Random random, int functions) {
    out.append("#map = affine_map<(d0) -> (d0)>\nmodule @m {\n");
    for (int f = 0; f < functions; f++) {
      out.append("  func.func @f").append(f).append("(%arg0: tensor<4xf32>) -> i32 {\n");
      generateTokens(out, random, 1, 10 + random.nextInt(60));
      out.append("\n  }\n");
    }
    if (random.nextBoolean()) {
      out.append("  \"t.generic\"() ({\n");
      generateTokens(out, random, 2, 5 + random.nextInt(20));
      out.append("\n  }) {a = 1 : i32} : () -> ()\n");
    }
    out.append("}\n");
  }

  private static final String[] WORDS = {
    "arith.addf", "tensor", "f32", "x", "dense_resource", "dense_resourcex", "affine_map",
    "loc", "attributes", "iterator_types", "_under", "a$b.c", "e", "E",
  };

  private static final String[] PIECES = {
    "%0",
    "%arg0",
    "%x#1",
    "%",
    "%a-b.c$",
    "^bb0",
    "^",
    "1.5e-3",
    "16x16xf32",
    "0x1F",
    "2E+7",
    "1e",
    "7",
    "\"str\"",
    "\"es\\\"c\"",
    "@sym",
    "@\"quo ted\"",
    "@a::@b",
    "#map",
    "#a.b<1>",
    "!t.ty",
    "!alias",
    "->",
    "-",
    "<",
    ">",
    ":",
    ",",
    "=",
    "*",
    "?",
    "$",
    ".",
    "\\",
    "'",
    "`",
    "~",
    "+",
    "// comment é\n",
    "//\n",
    "\t",
    "\r\n",
    "\f",
    "\u000B",
    "\0",
    "  ",
    "\n",
    "#-}",
    "{-#",
    "é",
    "\u0001",
  };

  /** Random tokens at bracket depth {@code depth} and deeper, brackets balanced. */
  private static void generateTokens(StringBuilder out, Random random, int depth, int count) {
    for (int k = 0; k < count; k++) {
      int pick = random.nextInt(10);
      if (pick == 0 && depth < 12) {
        char open = "([{<".charAt(random.nextInt(4));
        out.append(open);
        generateTokens(out, random, depth + 1, random.nextInt(8));
        out.append(open == '(' ? ')' : open == '[' ? ']' : open == '{' ? '}' : '>');
      } else if (pick < 4) {
        out.append(WORDS[random.nextInt(WORDS.length)]);
      } else {
        String piece = PIECES[random.nextInt(PIECES.length)];
        // The last few pieces are errors outside strings: kept rare.
        if (piece.equals("é")
            || piece.equals("\u0001")
            || piece.contains("-#")
            || piece.startsWith("#-")) {
          if (random.nextInt(20) != 0) {
            piece = "%1";
          }
        }
        out.append(piece);
      }
      out.append(random.nextInt(3) == 0 ? "\n      " : " ");
    }
  }
}
