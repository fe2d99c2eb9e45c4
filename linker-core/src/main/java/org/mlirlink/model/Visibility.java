package org.mlirlink.model;

import java.util.Locale;

/** MLIR symbol visibility; an op that names none is public. */
public enum Visibility {
  PUBLIC,
  PRIVATE,
  NESTED;

  /** The keyword as written in MLIR. */
  public String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The visibility a keyword names, or null when the word is not one. */
  public static Visibility fromKeyword(String word) {
    switch (word) {
      case "public":
        return PUBLIC;
      case "private":
        return PRIVATE;
      case "nested":
        return NESTED;
      default:
        return null;
    }
  }
}
