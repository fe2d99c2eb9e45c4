package org.mlirlink.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mlirlink.diagnostic.SourceLocation;

/** Lines and columns are right whatever order places are asked for in. */
class SourceTextTest {
  private static SourceLocation counted(String text, int offset) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new SourceLocation("t.mlir", line, offset - lineStart + 1, offset);
  }

  @Test
  void locationsAskedForInAnyOrderMatchCountingFromTheStart() {
    Random random = new Random(7);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 2_000; i++) {
      text.append("x".repeat(random.nextInt(5))).append(random.nextBoolean() ? "\n" : "\r\n");
    }
    text.append("last line, no line break");
    String s = text.toString();
    SourceText source = new SourceText("t.mlir", s);
    for (int i = 0; i < 5_000; i++) {
      int offset = random.nextInt(s.length() + 1); // the end of the text is a place too
      assertEquals(counted(s, offset), source.locationOf(offset), "offset " + offset);
    }
    assertEquals(counted(s, 0), source.locationOf(0));
    assertEquals(counted(s, s.length()), source.locationOf(s.length()));
  }

  @Test
  void lineTextIsTheLineWithoutItsEndingEvenBeforeItsPlaceWasAskedFor() {
    SourceText source = new SourceText("t.mlir", "one\r\ntwo\n\nfour");
    assertEquals("four", source.lineText(4));
    assertEquals("one", source.lineText(1));
    assertEquals("two", source.lineText(2));
    assertEquals("", source.lineText(3));
  }
}
