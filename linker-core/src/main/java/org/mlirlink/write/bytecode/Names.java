package org.mlirlink.write.bytecode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A table of distinct strings numbered in order of first use: the String section's strings, and the
 * file's dialect names. Strings are one character per byte (ISO-8859-1).
 *
 * <pre>{@code
 * Names strings = new Names();
 * strings.index("util");   // 0
 * strings.index("func");   // 1
 * strings.index("util");   // 0
 * }</pre>
 */
final class Names {
  private final Map<String, Integer> index = new HashMap<>();
  private final List<String> names = new ArrayList<>();

  int index(String name) {
    Integer known = index.get(name);
    if (known != null) {
      return known;
    }
    int added = names.size();
    names.add(name);
    index.put(name, added);
    return added;
  }

  List<String> all() {
    return names;
  }

  /**
   * The String section: the count, each string's length with its null byte in reverse order (so a
   * reader finds the first string's start without a second table), then the strings.
   */
  void writeStringSection(ByteSink out) {
    out.varint(names.size());
    for (int i = names.size() - 1; i >= 0; i--) {
      out.varint(names.get(i).length() + 1L);
    }
    for (String name : names) {
      out.text(name);
    }
  }
}
