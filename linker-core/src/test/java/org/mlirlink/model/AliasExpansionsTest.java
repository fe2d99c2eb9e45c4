package org.mlirlink.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.mlirlink.read.MlirReader;

/** Types written canonically for comparison: blanks and comments gone, aliases replaced. */
class AliasExpansionsTest {
  private static final AliasExpansions ALIASES =
      MlirReader.read(
              new SourceText(
                  "a.mlir",
                  "!t = tensor<4xf32>\n#enc = #x.enc<1>\nfunc.func private @f(!t) -> !t\n"))
          .aliasExpansions();

  /** A type with nothing to strip and no alias is its own expansion, the very string given. */
  @Test
  void aPlainTypeIsReturnedAsItIs() {
    String plain = "tensor<?x?xf32>";
    assertSame(plain, ALIASES.expand(plain));
    assertEquals("(index,i32)->vector<4xi8>", ALIASES.expand("(index,i32)->vector<4xi8>"));
  }

  /** Anything that could change it goes the long way: blanks, comments, strings, aliases. */
  @Test
  void blanksCommentsAndAliasesAreStillHandled() {
    assertEquals("tensor<?xf32>", ALIASES.expand("tensor< ? x f32 >"));
    assertEquals("tensor<?xf32>", ALIASES.expand("tensor<?x // a comment\nf32>"));
    assertEquals("tuple<tensor<4xf32>>", ALIASES.expand("tuple<!t>"));
    assertEquals("tensor<4xf32,#x.enc<1>>", ALIASES.expand("tensor<4xf32, #enc>"));
    assertEquals("!x.t<\"a b\">", ALIASES.expand("!x.t<\"a b\">"));
    assertEquals("tensor<4xf32>", ALIASES.expand("tensor<4xf32>\t"));
    assertEquals("!u", ALIASES.expand("!u")); // no such alias: kept
  }
}
