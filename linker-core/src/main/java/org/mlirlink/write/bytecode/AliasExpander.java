package org.mlirlink.write.bytecode;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.mlirlink.diagnostic.DiagnosticException;
import org.mlirlink.model.Diagnostics;
import org.mlirlink.model.MlirSyntax;
import org.mlirlink.model.SourceText;

/**
 * Replaces every alias use in an attribute's or a type's text by the alias's value, itself
 * expanded: bytecode has no aliases, and MLIR parses each stored text on its own. Whitespace and
 * everything else are kept as written ({@code d0 floordiv 4} must not lose its blanks).
 *
 * <p>A location alias ({@code #loc3 = loc("f.mlir":3:5)}) is used two ways: where a location is
 * expected inside {@code loc(...)} ({@code loc(#loc3)}, {@code fused[#loc1, #loc2]}, {@code
 * callsite(#loc1 at #loc2)}) its value stands without its {@code loc( )} wrapper, as MLIR's
 * location syntax wants; anywhere else (an attribute such as {@code {at = #loc3}}) whole.
 *
 * <p>Each alias is expanded once. An alias whose value uses itself, directly or through others, is
 * an error, and so is an expansion past {@value #LIMIT} characters (aliases that double at each
 * step).
 *
 * <pre>{@code
 * AliasExpander aliases = new AliasExpander(source, parsed.aliases);
 * aliases.expand("loc(#loc3)", offset);     // loc("f.mlir":3:5)
 * aliases.expand("tensor<4x!elt>", offset); // tensor<4xf32>
 * }</pre>
 */
final class AliasExpander {
  static final int LIMIT = 1 << 26;

  private final SourceText source;
  private final Map<String, GenericTextParser.Alias> aliases;
  private final Map<String, String> expanded = new HashMap<>();
  private final Set<String> expanding = new HashSet<>();

  AliasExpander(SourceText source, Map<String, GenericTextParser.Alias> aliases) {
    this.source = source;
    this.aliases = aliases;
  }

  /**
   * {@code text} with every alias use replaced. {@code at} is where the text is in the source, for
   * an error about an alias it uses.
   */
  String expand(String text, long at) {
    if (text.indexOf('#') < 0 && text.indexOf('!') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 64);
    int n = text.length();
    int locDepth = 0; // how many of the open parentheses are loc( ... ), as a bit stack
    long locParens = 0;
    int parens = 0;
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c == '"') {
        int end = MlirSyntax.stringEnd(text, i);
        out.append(text, i, end);
        i = end;
        continue;
      }
      if (c == '(') {
        boolean isLoc = endsWithWord(text, i, "loc");
        if (parens < 64 && isLoc) {
          locParens |= 1L << parens;
          locDepth++;
        }
        parens++;
        out.append(c);
        i++;
        continue;
      }
      if (c == ')') {
        if (parens > 0) {
          parens--;
          if (parens < 64 && (locParens & (1L << parens)) != 0) {
            locParens &= ~(1L << parens);
            locDepth--;
          }
        }
        out.append(c);
        i++;
        continue;
      }
      if ((c == '#' || c == '!') && i + 1 < n) {
        int end = MlirSyntax.suffixIdEnd(text, i + 1);
        String name = text.substring(i, end);
        boolean aliasUse =
            end > i + 1 && name.indexOf('.') < 0 && (end >= n || text.charAt(end) != '<');
        if (aliasUse) {
          String value = valueOf(name, at);
          checkSize((long) out.length() + value.length(), at); // before the copy, not after it
          if (locDepth > 0 && value.startsWith("loc(") && value.endsWith(")")) {
            out.append(value, 4, value.length() - 1);
          } else {
            out.append(value);
          }
          i = end;
          continue;
        }
        out.append(name);
        i = end;
        continue;
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }

  /** The expanded value of the alias {@code name}. */
  private String valueOf(String name, long usedAt) {
    String known = expanded.get(name);
    if (known != null) {
      return known;
    }
    GenericTextParser.Alias alias = aliases.get(name);
    if (alias == null) {
      throw new DiagnosticException(
          Diagnostics.error(source, usedAt, "undefined alias " + name + " in the text here"));
    }
    if (!expanding.add(name)) {
      throw new DiagnosticException(
          Diagnostics.error(
              source, alias.at(), "alias " + name + " is defined in terms of itself"));
    }
    String value = expand(alias.value(), alias.at());
    expanding.remove(name);
    expanded.put(name, value);
    return value;
  }

  private void checkSize(long length, long at) {
    if (length > LIMIT) {
      throw new DiagnosticException(
          Diagnostics.error(
              source,
              at,
              "the text here is over " + LIMIT + " characters with its aliases expanded"));
    }
  }

  /** Whether {@code word} ends just before {@code i} of {@code text}, as a whole word. */
  private static boolean endsWithWord(String text, int i, String word) {
    int start = i - word.length();
    return start >= 0
        && text.startsWith(word, start)
        && (start == 0 || !MlirSyntax.isBareIdChar(text.charAt(start - 1)));
  }
}
