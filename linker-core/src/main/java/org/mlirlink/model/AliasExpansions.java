package org.mlirlink.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of one file's aliases with every alias they use replaced by its value, for comparing
 * types and alias values across files: {@code tensor<4x!e>} with {@code !e = f32} compares equal to
 * {@code tensor<4xf32>} written out.
 *
 * <p>Each alias is expanded once, in definition order, reusing the expansions of the aliases it
 * uses, so the work is linear in the file's alias text at any nesting depth. Expansions can still
 * be exponentially long ({@code #a1 = [#a0, #a0]}, {@code #a2 = [#a1, #a1]}, ...), so each one is
 * kept as text only up to {@value #EXACT_LIMIT} characters; a longer one is compared by its length
 * and two 61-bit polynomial fingerprints of its text (chance of two different values agreeing:
 * about 2<sup>-120</sup>), built from its parts' fingerprints without writing the text out.
 *
 * <p>An alias can only use aliases defined before it (MLIR reads a value when it reads the
 * definition), so a use of itself or of a later alias, which only an opaque dialect body such as
 * {@code #a = #foo<[#a]>} can hold, is text like any other.
 *
 * <pre>{@code
 * AliasExpansions aliases = file.aliasExpansions();
 * aliases.expand("tensor< ? x !elt >");   // "tensor<?xf32>" when !elt = f32
 * aliases.valueOf("#map");               // the expanded value of #map
 * }</pre>
 */
public final class AliasExpansions {
  /** Expansions up to this many characters are kept and compared as text. */
  static final int EXACT_LIMIT = 1 << 20;

  private static final long MODULUS = (1L << 61) - 1;
  private static final long BASE_1 = 1_000_003L;
  private static final long BASE_2 = 1_469_598_103_934_665_603L % MODULUS;

  private final Map<String, AliasDefinition> table;
  private final Map<String, Expansion> expanded = new HashMap<>();
  private List<AliasDefinition> order;
  private int next;

  /**
   * @param table the file's aliases in definition order; read only when an expansion is first asked
   *     for, so a reader may fill it after handing it over
   */
  public AliasExpansions(Map<String, AliasDefinition> table) {
    this.table = table;
  }

  /**
   * {@code text} without whitespace and comments (outside strings), every alias of the file it uses
   * replaced by that alias's expanded value. Equal results mean equal values.
   */
  public String expand(CharSequence text) {
    if (isPlain(text)) {
      return text.toString(); // nothing to strip and no alias: the text is its own expansion
    }
    synchronized (this) {
      ensureAllExpanded();
      return expandWith(TypeText.strip(text), expanded).canonical();
    }
  }

  /**
   * Whether {@code text} is short enough to be kept whole and holds only printable ASCII other than
   * a quote, a slash, {@code #} and {@code !}: no blank or comment to strip, no string, and no
   * alias use, as most types are ({@code tensor<?x?xf32>}, {@code index}).
   */
  private static boolean isPlain(CharSequence text) {
    int n = text.length();
    if (n > EXACT_LIMIT) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c <= ' ' || c >= 0x7F || c == '"' || c == '/' || c == '#' || c == '!') {
        return false;
      }
    }
    return true;
  }

  /** The expanded value of the file's alias {@code name}, or null when the file has none. */
  public synchronized String valueOf(String name) {
    AliasDefinition definition = table.get(name);
    if (definition == null) {
      return null;
    }
    ensureExpandedThrough(definition);
    return expanded.get(name).canonical();
  }

  private void ensureAllExpanded() {
    ensureExpandedThrough(null);
  }

  /** Expands the aliases in definition order up to {@code last} (all of them for null). */
  private void ensureExpandedThrough(AliasDefinition last) {
    if (order == null) {
      order = new ArrayList<>(table.values());
    }
    if (last != null && expanded.containsKey(last.name())) {
      return;
    }
    while (next < order.size()) {
      AliasDefinition alias = order.get(next++);
      // Only the aliases before this one are visible in its value.
      expanded.put(alias.name(), expandWith(alias.normalizedValue(), expanded));
      if (alias == last) {
        return;
      }
    }
  }

  private static Expansion expandWith(String stripped, Map<String, Expansion> visible) {
    Builder out = new Builder();
    int n = stripped.length();
    int i = 0;
    while (i < n) {
      char c = stripped.charAt(i);
      if (c == '"') {
        int end = MlirSyntax.stringEnd(stripped, i);
        out.append(stripped, i, end);
        i = end;
      } else if (c == '#' || c == '!') {
        int end = MlirSyntax.suffixIdEnd(stripped, i + 1);
        String name = stripped.substring(i, end);
        // A dotted name is a dialect type or attribute; so is a name followed by '<' (MLIR's
        // opaque form, '#dialect<...>'): neither is an alias use.
        boolean dialectValue = name.indexOf('.') >= 0 || end < n && stripped.charAt(end) == '<';
        Expansion value = dialectValue ? null : visible.get(name);
        if (value != null) {
          out.append(value);
        } else {
          out.append(name, 0, name.length());
        }
        i = end;
      } else {
        out.append(stripped, i, i + 1);
        i++;
      }
    }
    return out.build();
  }

  /** An expanded value: its text while short enough, always its length and fingerprints. */
  private record Expansion(String text, long length, long hash1, long hash2) {
    /** The text, or for a value too long to keep, a string that names its fingerprints. */
    String canonical() {
      return text != null
          ? text
          : "<a value of "
              + length
              + " characters when its aliases are expanded, fingerprint "
              + Long.toHexString(hash1)
              + ":"
              + Long.toHexString(hash2)
              + ">";
    }
  }

  private static final class Builder {
    private StringBuilder text = new StringBuilder();
    private long length;
    private long hash1;
    private long hash2;

    void append(CharSequence s, int start, int end) {
      for (int i = start; i < end; i++) {
        char c = s.charAt(i);
        hash1 = add(multiply(hash1, BASE_1), c);
        hash2 = add(multiply(hash2, BASE_2), c);
      }
      length += end - start;
      if (text != null) {
        text.append(s, start, end);
        dropTextIfTooLong();
      }
    }

    void append(Expansion value) {
      hash1 = add(multiply(hash1, power(BASE_1, value.length())), value.hash1());
      hash2 = add(multiply(hash2, power(BASE_2, value.length())), value.hash2());
      length += value.length();
      if (text != null && value.text() != null) {
        text.append(value.text());
        dropTextIfTooLong();
      } else {
        text = null;
      }
    }

    private void dropTextIfTooLong() {
      if (text.length() > EXACT_LIMIT) {
        text = null;
      }
    }

    Expansion build() {
      return new Expansion(text == null ? null : text.toString(), length, hash1, hash2);
    }
  }

  private static long add(long a, long b) {
    long sum = a + b;
    return sum >= MODULUS ? sum - MODULUS : sum;
  }

  /** a * b mod 2^61 - 1, for a, b below the modulus. */
  private static long multiply(long a, long b) {
    long high = Math.multiplyHigh(a, b);
    long low = a * b;
    // The 122-bit product is high * 2^64 + low; 2^61 = 1 modulo the modulus.
    long result = (low & MODULUS) + (low >>> 61) + (high << 3);
    result = (result & MODULUS) + (result >>> 61);
    return result >= MODULUS ? result - MODULUS : result;
  }

  private static long power(long base, long exponent) {
    long result = 1;
    long b = base;
    long e = exponent;
    while (e > 0) {
      if ((e & 1) != 0) {
        result = multiply(result, b);
      }
      b = multiply(b, b);
      e >>>= 1;
    }
    return result;
  }
}
