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
        int end = stringEnd(text, i);
        out.append(text, i, end);
        i = end;
      } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
        while (i < n && text.charAt(i) != '\n') {
          i++;
        }
      } else if (Character.isWhitespace(c)) {
        i++;
      } else if ((c == '#' || c == '!') && aliases != null) {
        int end = suffixIdEnd(text, i + 1);
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

  private static int stringEnd(CharSequence s, int i) {
    int j = i + 1;
    while (j < s.length() && s.charAt(j) != '"' && s.charAt(j) != '\n') {
      j += s.charAt(j) == '\\' ? 2 : 1;
    }
    return Math.min(j + 1, s.length());
  }

  private static int suffixIdEnd(CharSequence s, int i) {
    while (i < s.length()) {
      char c = s.charAt(i);
      if (!(Character.isLetterOrDigit(c) && c < 128) && c != '_' && c != '$' && c != '.' && c != '-') {
        break;
      }
      i++;
    }
    return i;
  }

  /** A symbol name as MLIR writes a reference to it: {@code @name}, or {@code @"..."} when needed. */
  public static String symbolReference(String name) {
    return "@" + quoteIfNeeded(name);
  }

  /**
   * The name bare when it is a valid identifier, otherwise as a quoted string: how MLIR writes
   * symbol names after {@code @} and resource keys.
   */
  public static String quoteIfNeeded(String name) {
    return isBareId(name) ? name : stringLiteral(name);
  }

  /** MLIR's bare-id: a letter or {@code _}, then letters, digits and {@code _$.}. */
  private static boolean isBareId(String name) {
    if (name.isEmpty() || !(isAsciiLetter(name.charAt(0)) || name.charAt(0) == '_')) {
      return false;
    }
    for (int i = 1; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '_' && c != '$' && c != '.') {
        return false;
      }
    }
    return true;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }


  /** A string literal holding {@code value}, quotes included. */
  public static String stringLiteral(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c == '\n') {
        out.append("\\n");
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
