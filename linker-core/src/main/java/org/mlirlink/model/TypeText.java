package org.mlirlink.model;

import java.util.Map;

/**
 * Writes types and attribute values in a canonical form for comparison: whitespace and comments
 * outside strings removed, and (when an alias table is given) every alias use replaced by its
 * definition, recursively.
 *
 * <pre>{@code
 * TypeText.expand("tensor< ? x !elt >", file.aliases());   // "tensor<?xf32>" when !elt = f32
 * }</pre>
 */
public final class TypeText {
  private TypeText() {}

  /** The text without whitespace and comments (outside strings). */
  public static String strip(CharSequence text) {
    return normalize(text, null, 0);
  }

  /** The text stripped and with aliases from {@code aliases} expanded. */
  public static String expand(CharSequence text, Map<String, AliasDefinition> aliases) {
    return normalize(text, aliases, 0);
  }

  private static String normalize(CharSequence text, Map<String, AliasDefinition> aliases, int depth) {
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
        while (i < n && text.charAt(i) != '\n') {
          i++;
        }
      } else if (Character.isWhitespace(c)) {
        i++;
      } else if ((c == '#' || c == '!') && aliases != null) {
        int end = MlirSyntax.suffixIdEnd(text, i + 1);
        String name = text.subSequence(i, end).toString();
        AliasDefinition alias = name.indexOf('.') < 0 ? aliases.get(name) : null;
        // A depth limit guards against alias cycles, which MLIR rejects anyway.
        if (alias != null && depth < 32) {
          out.append(normalize(alias.normalizedValue(), aliases, depth + 1));
        } else {
          out.append(name);
        }
        i = end;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }
}
