package org.mlirlink.diagnostic;

import java.util.List;

/**
 * "Did you mean": the known name closest to a mistyped one by edit distance, for unresolved
 * symbols, {@code --why} names and command-line options alike.
 *
 * <pre>{@code
 * Suggestions.closest("lib.helpr", List.of("lib.helper", "lib.other"));   // "lib.helper"
 * }</pre>
 */
public final class Suggestions {
  private Suggestions() {}

  /** The closest candidate within a third of the name's length, or null. */
  public static String closest(String name, List<String> candidates) {
    String best = null;
    int bestDistance = Math.max(1, name.length() / 3) + 1;
    for (String candidate : candidates) {
      int distance = distance(name, candidate, bestDistance);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
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
