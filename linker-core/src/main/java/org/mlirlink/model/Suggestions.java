package org.mlirlink.model;

import java.util.List;

/**
 * "Did you mean": the known name closest to a mistyped one by edit distance, for unresolved
 * symbols, {@code --why} names and command-line options alike.
 *
 * <p>A dotted name names a module (the part before its last dot): a close name in that module comes
 * before any name of another module. A declaration of {@code lib.swiglu} left behind when the
 * function was renamed {@code swiglu_x} most likely wants the new name in its own module, even when
 * another module's {@code lib_1.swiglu} is as few edits away over the whole dotted name. Another
 * module's name is offered only when the named module has nothing close.
 *
 * <pre>{@code
 * Suggestions.closest("lib.helpr", List.of("lib.helper", "lib.other"));   // "lib.helper"
 * Suggestions.closest("lib.swiglu", List.of("lib_1.swiglu", "lib.swiglu_x"));   // "lib.swiglu_x"
 * }</pre>
 */
public final class Suggestions {
  /** The shortest name part that counts as found inside a longer one ({@link #isCloseLocal}). */
  private static final int MIN_CONTAINED = 3;

  private Suggestions() {}

  /**
   * The closest candidate: for a dotted name, the closest one in the {@link #namedModule named
   * module} by its part after the module, within a third of that part's length or holding it (or
   * held by it); failing that, the closest other candidate within a third of the name's length; or
   * null.
   */
  public static String closest(String name, List<String> candidates) {
    String module = namedModule(name);
    if (module != null) {
      String local = name.substring(module.length() + 1);
      String best = null;
      int bestDistance = Integer.MAX_VALUE;
      for (String candidate : candidates) {
        if (isIn(module, candidate)) {
          String candidateLocal = candidate.substring(module.length() + 1);
          int distance = distance(local, candidateLocal, bestDistance);
          if (distance < bestDistance && isCloseLocal(local, candidateLocal, distance)) {
            best = candidate;
            bestDistance = distance;
          }
        }
      }
      if (best != null) {
        return best;
      }
    }
    String best = null;
    int bestDistance = Math.max(1, name.length() / 3) + 1;
    for (String candidate : candidates) {
      if (module != null && isIn(module, candidate)) {
        continue; // judged above by its own part, and not close
      }
      int distance = distance(name, candidate, bestDistance);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }

  /**
   * The module a dotted name names: the part before its first dot, as the link's library search
   * reads it ({@code lib1} for {@code lib1.math_ops.twice}, a function that keeps the dotted name
   * it was linked under); null for a name without one.
   */
  public static String namedModule(String name) {
    int dot = name.indexOf('.');
    return dot > 0 && dot < name.length() - 1 ? name.substring(0, dot) : null;
  }

  /** Whether {@code candidate} is a name in {@code module} ({@code module.something}). */
  public static boolean isIn(String module, String candidate) {
    return candidate.length() > module.length() + 1
        && candidate.charAt(module.length()) == '.'
        && candidate.startsWith(module);
  }

  /**
   * Whether a name of the named module is close to the typed one, both without the module: within a
   * third of the typed part's length, or one holding the other (a rename that added to the name,
   * {@code swiglu} to {@code swiglu_fused}), when both are long enough to mean something.
   */
  private static boolean isCloseLocal(String typed, String candidate, int distance) {
    if (distance <= Math.max(1, typed.length() / 3)) {
      return true;
    }
    return typed.length() >= MIN_CONTAINED
        && candidate.length() >= MIN_CONTAINED
        && (candidate.contains(typed) || typed.contains(candidate));
  }

  /** The Levenshtein distance between two strings. */
  public static int editDistance(String a, String b) {
    return distance(a, b, Integer.MAX_VALUE);
  }

  /** Levenshtein distance, giving up (returning {@code limit}) once it cannot beat it. */
  private static int distance(String a, String b, int limit) {
    if (Math.abs(a.length() - b.length()) >= limit) {
      return limit;
    }
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      int rowMin = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
        rowMin = Math.min(rowMin, current[j]);
      }
      if (rowMin >= limit) {
        return limit;
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
