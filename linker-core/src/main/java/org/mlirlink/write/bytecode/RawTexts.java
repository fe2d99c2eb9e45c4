package org.mlirlink.write.bytecode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The attributes and types of a text as written (aliases not yet expanded), each once: the IR names
 * them by index. Aliases can only be expanded once the whole file is read (a location alias is
 * defined after the ops that use it), so the parser interns the text it finds and the writer
 * expands each distinct text once afterwards.
 *
 * <p>Texts are strings of one character per byte (ISO-8859-1), so that any byte of the input, UTF-8
 * or not, is written back as it was.
 *
 * <pre>{@code
 * RawTexts texts = new RawTexts();
 * int i32 = texts.type("i32", offset);
 * texts.typeText(i32);   // "i32"
 * }</pre>
 */
final class RawTexts {
  /** One kind of entry: attributes or types. */
  static final class Table {
    private final Map<String, Integer> index = new HashMap<>();
    private final List<String> texts = new ArrayList<>();
    private long[] firstSeen = new long[64];

    int intern(String text, long at) {
      Integer known = index.get(text);
      if (known != null) {
        return known;
      }
      int id = texts.size();
      texts.add(text);
      index.put(text, id);
      if (id == firstSeen.length) {
        firstSeen = java.util.Arrays.copyOf(firstSeen, id * 2);
      }
      firstSeen[id] = at;
      return id;
    }

    int size() {
      return texts.size();
    }

    String text(int id) {
      return texts.get(id);
    }

    /** Where the text was first found in the source, for errors about it. */
    long firstSeen(int id) {
      return firstSeen[id];
    }
  }

  final Table attributes = new Table();
  final Table types = new Table();

  int attribute(String text, long at) {
    return attributes.intern(text, at);
  }

  int type(String text, long at) {
    return types.intern(text, at);
  }
}
