package org.mlirlink.resolve;

import java.util.function.Predicate;

/**
 * The one renaming rule, for symbols, aliases and resource keys alike: a name that is taken becomes
 * {@code name_N} with the lowest counter whose result is free.
 */
final class FreshNames {
  private FreshNames() {}

  /** {@code base_N} for the lowest N such that {@code taken} says no. */
  static String fresh(String base, Predicate<String> taken) {
    for (int counter = 0; ; counter++) {
      String candidate = base + "_" + counter;
      if (!taken.test(candidate)) {
        return candidate;
      }
    }
  }
}
