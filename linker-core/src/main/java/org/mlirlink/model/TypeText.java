package org.mlirlink.model;

/**
 * Writes types and attribute values in a canonical form for comparison: whitespace and comments
 * outside strings removed. {@link AliasExpansions} also replaces alias uses by their values.
 *
 * <pre>{@code
 * TypeText.strip("tensor< ? x f32 > // c");   // "tensor<?xf32>"
 * }</pre>
 */
public final class TypeText {
  private TypeText() {}

  /** The text without whitespace and comments (outside strings). */
  public static String strip(CharSequence text) {
    return withoutComments(text, true);
  }

  /** The text without comments (outside strings), its whitespace kept. */
  public static String withoutComments(CharSequence text) {
    return withoutComments(text, false);
  }

  private static String withoutComments(CharSequence text, boolean dropWhitespace) {
    StringBuilder out = new StringBuilder(text.length());
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c == '"') {
        int end = MlirSyntax.stringEnd(text, i);
        out.append(text, i, end);
        i = end;
      } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
        while (i < n && !MlirSyntax.isLineEnd(text.charAt(i))) {
          i++;
        }
      } else if (dropWhitespace && MlirSyntax.isWhitespace(c)) {
        i++;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }
}
