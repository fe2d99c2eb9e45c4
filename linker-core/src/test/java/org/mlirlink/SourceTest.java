package org.mlirlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Sources given as bytes (standard input) are decoded and checked exactly like files. */
class SourceTest {
  @Test
  void bytesAreReadAsUtf8() {
    byte[] text = "func.func @f() {\n  return\n}\n".getBytes(StandardCharsets.UTF_8);
    LinkResult result = Linker.builder().main(Source.of("<stdin>", text)).build().link();
    assertTrue(result.succeeded(), result.formattedDiagnostics());
    assertEquals(new String(text, StandardCharsets.UTF_8), result.text());
  }

  @Test
  void invalidUtf8InBytesIsAnErrorAtTheBadByteLikeInAFile() {
    byte[] text = {'/', '/', ' ', (byte) 0xff, '\n', 'm', 'o', 'd', 'u', 'l', 'e', ' ', '{', '}'};
    LinkResult result = Linker.builder().main(Source.of("<stdin>", text)).build().link();
    assertFalse(result.succeeded());
    Diagnostic error = result.diagnostics().get(0);
    assertEquals("<stdin>:1:4", error.location().toString());
    assertTrue(error.message().startsWith("invalid UTF-8"), error.message());
  }
}
