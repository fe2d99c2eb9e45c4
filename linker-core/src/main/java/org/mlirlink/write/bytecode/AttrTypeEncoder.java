package org.mlirlink.write.bytecode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mlirlink.diagnostic.DiagnosticException;
import org.mlirlink.model.Diagnostics;
import org.mlirlink.model.MlirSyntax;
import org.mlirlink.model.SourceText;

/**
 * The AttrType and AttrTypeOffset sections: every distinct attribute and type of the text, with its
 * aliases expanded, under the dialect that owns it.
 *
 * <p>An entry is its assembly text and a null byte ({@code #util.byte_pattern<7>}, {@code
 * loc("a.mlir" :3:5)}, {@code {sym_name = "f"}}, {@code tensor<4xf32>}), which MLIR parses on its
 * own when it reads the file; the owner is the dialect after {@code #} or {@code !}, else {@code
 * builtin}. Two kinds cannot be text. {@code dense_resource<key> : type} as text would make MLIR
 * declare the key a second time, under a new name without the blob: it is written in the builtin
 * dialect's binary encoding (kind 16: the type's index, then the resource's index among the file's
 * dialect resources). {@code distinct[N]<attr>} as text becomes a new attribute in every entry that
 * spells it out: it is written as kind 21 (the index of the attribute it refers to), so that every
 * use refers to one entry. A builtin dictionary (kind 1: per entry a name and a value) or array
 * (kind 0) holding either is written in binary too, its names as builtin strings (kind 2: a
 * string's index). A {@code dense_resource} inside any other attribute is an error, and so is a
 * {@code distinct[N]} inside two different ones.
 *
 * <p>The offset section lists the entries in index order (attributes, then types), grouped by
 * dialect in runs: a dialect's index, the run's length, then per entry its size shifted left once,
 * the low bit saying whether it is binary.
 *
 * <pre>{@code
 * AttrTypeEncoder table = new AttrTypeEncoder(source, parsed, strings, dialects);
 * int loc = table.attribute(op.location);   // the final index of a raw attribute
 * table.write(attrTypeSection, offsetSection);
 * }</pre>
 */
final class AttrTypeEncoder {
  private static final int ARRAY = 0;
  private static final int DICTIONARY = 1;
  private static final int STRING = 2;
  private static final int DENSE_RESOURCE = 16;
  private static final int DISTINCT = 21;

  /** One entry: its dialect, and its text or (when binary) its encoding, built at the end. */
  private static final class Entry {
    final int dialect;
    final String text; // null when binary
    ByteSink binary;

    // A dense resource, encoded when the resource section's order is final.
    int resourceType = -1;
    String resourceKey;

    Entry(int dialect, String text) {
      this.dialect = dialect;
      this.text = text;
    }
  }

  private final SourceText source;
  private final RawTexts raw;
  private final Resources resources;
  private final Names strings;
  private final Names dialects;
  private final AliasExpander aliases;
  private final int builtin;

  private final List<Entry> attributes = new ArrayList<>();
  private final List<Entry> types = new ArrayList<>();
  private final Map<String, Integer> attributeIndex = new HashMap<>();
  private final Map<String, Integer> typeIndex = new HashMap<>();
  private final Map<String, Integer> distinctOwners = new HashMap<>();
  private final int[] rawAttributes;
  private final int[] rawTypes;

  AttrTypeEncoder(
      SourceText source, GenericTextParser.Parsed parsed, Names strings, Names dialects) {
    this.source = source;
    this.raw = parsed.texts;
    this.resources = parsed.resources;
    this.strings = strings;
    this.dialects = dialects;
    this.aliases = new AliasExpander(source, parsed.aliases);
    this.builtin = dialects.index("builtin");
    this.rawAttributes = new int[raw.attributes.size()];
    this.rawTypes = new int[raw.types.size()];
    for (int i = 0; i < rawAttributes.length; i++) {
      long at = raw.attributes.firstSeen(i);
      rawAttributes[i] = attribute(aliases.expand(raw.attributes.text(i), at), at);
    }
    for (int i = 0; i < rawTypes.length; i++) {
      long at = raw.types.firstSeen(i);
      rawTypes[i] = type(aliases.expand(raw.types.text(i), at));
    }
  }

  /** The final index of the raw attribute {@code id}. */
  int attribute(int id) {
    return rawAttributes[id];
  }

  /** The final index of the raw type {@code id}. */
  int type(int id) {
    return rawTypes[id];
  }

  private int type(String text) {
    Integer known = typeIndex.get(text);
    if (known != null) {
      return known;
    }
    int index = types.size();
    types.add(new Entry(dialects.index(owner(text, '!')), text));
    typeIndex.put(text, index);
    return index;
  }

  /** The index of an attribute whose aliases are expanded. */
  private int attribute(String text, long at) {
    Integer known = attributeIndex.get(text);
    if (known != null) {
      return known;
    }
    Entry entry;
    int distinctEnd = text.startsWith("distinct[") ? distinctEnd(text) : -1;
    if (text.startsWith("dense_resource<")) {
      entry = denseResource(text, at);
    } else if (distinctEnd == text.length()) {
      entry = distinct(text, at);
    } else if (!holds(text, "dense_resource<") && !holds(text, "distinct[")) {
      entry = new Entry(dialects.index(owner(text, '#')), text);
    } else if (text.startsWith("{") || text.startsWith("[")) {
      entry = container(text, at);
    } else if (holds(text, "dense_resource<")) {
      throw error(
          at,
          "a dense_resource inside an attribute other than a dictionary or an array cannot be"
              + " written to bytecode here: "
              + abbreviated(text));
    } else {
      entry = new Entry(dialects.index(owner(text, '#')), text);
      claimDistinctIds(text, attributes.size(), at);
    }
    int index = attributes.size();
    attributes.add(entry);
    attributeIndex.put(text, index);
    return index;
  }

  /**
   * {@code distinct[N]<attr>} as the builtin binary encoding (kind 21: the index of the attribute
   * it refers to), so that every attribute holding it refers to the one entry: parsed as text, each
   * entry that spells it out would make a distinct attribute of its own.
   */
  private Entry distinct(String text, long at) {
    int open = text.indexOf(']') + 1;
    String referenced = text.substring(open + 1, text.length() - 1).strip();
    int index = attribute(referenced.isEmpty() ? "unit" : referenced, at);
    Entry entry = new Entry(builtin, null);
    entry.binary = new ByteSink();
    entry.binary.varint(DISTINCT);
    entry.binary.varint(index);
    return entry;
  }

  /** Where {@code distinct[N]<...>} at the start of {@code text} ends, or -1 if it is not one. */
  private static int distinctEnd(String text) {
    int i = "distinct[".length();
    int digits = i;
    while (i < text.length() && MlirSyntax.isDigit(text.charAt(i))) {
      i++;
    }
    if (i == digits || !text.startsWith("]<", i)) {
      return -1;
    }
    int end = elementEnd(text, i + 1, text.length());
    return end == text.length() && text.endsWith(">") ? end : -1;
  }

  /**
   * Records the {@code distinct[N]} that a textual entry spells out inside a dialect's attribute,
   * where it cannot be split off: MLIR parses each entry on its own, so the same one in two entries
   * would become two different attributes, which is an error here rather than a changed program.
   */
  private void claimDistinctIds(String text, int entry, long at) {
    for (int found = text.indexOf("distinct[");
        found >= 0;
        found = text.indexOf("distinct[", found + 1)) {
      if (insideString(text, found)) {
        continue;
      }
      int end = text.indexOf(']', found);
      String id = end < 0 ? text.substring(found) : text.substring(found, end + 1);
      Integer owner = distinctOwners.putIfAbsent(id, entry);
      if (owner != null && owner != entry) {
        throw error(
            at,
            id
                + " is used inside two different attributes of a dialect, which bytecode written"
                + " here keeps as text, and MLIR would read as two distinct attributes: "
                + abbreviated(text));
      }
    }
  }

  /** {@code dense_resource<key> : type}, encoded once the resource's index is known. */
  private Entry denseResource(String text, long at) {
    int i = "dense_resource<".length();
    String key;
    if (i < text.length() && text.charAt(i) == '"') {
      int end = MlirSyntax.stringEnd(text, i);
      key = unquote(text, i + 1, end - 1);
      i = end;
    } else {
      int end = MlirSyntax.bareIdEnd(text, i);
      key = text.substring(i, end);
      i = end;
    }
    int close = skipBlanks(text, i);
    int colon =
        close < text.length() && text.charAt(close) == '>' ? skipBlanks(text, close + 1) : -1;
    if (key.isEmpty() || colon < 0 || colon >= text.length() || text.charAt(colon) != ':') {
      throw error(at, "expected dense_resource<key> : type, found " + abbreviated(text));
    }
    String type = text.substring(colon + 1).strip();
    if (type.isEmpty()) {
      throw error(at, "expected the type of " + abbreviated(text));
    }
    Entry entry = new Entry(builtin, null);
    entry.resourceType = type(type);
    entry.resourceKey = key;
    resourceHandle(key); // declared now, so the section holds every key the IR names
    return entry;
  }

  /** A dictionary or an array holding a dense resource: each element its own entry. */
  private Entry container(String text, long at) {
    boolean dictionary = text.charAt(0) == '{';
    char close = dictionary ? '}' : ']';
    if (text.charAt(text.length() - 1) != close) {
      throw error(at, "expected '" + close + "' to end " + abbreviated(text));
    }
    List<int[]> elements = new ArrayList<>();
    int i = skipBlanks(text, 1);
    int end = text.length() - 1;
    while (i < end) {
      int nameIndex = -1;
      if (dictionary) {
        String name;
        if (text.charAt(i) == '"') {
          int nameEnd = MlirSyntax.stringEnd(text, i);
          name = unquote(text, i + 1, nameEnd - 1);
          i = nameEnd;
        } else {
          int nameEnd = MlirSyntax.bareIdEnd(text, i);
          if (nameEnd == i) {
            throw error(at, "expected an attribute name in " + abbreviated(text));
          }
          name = text.substring(i, nameEnd);
          i = nameEnd;
        }
        nameIndex = stringAttribute(name);
        i = skipBlanks(text, i);
      }
      int value;
      if (dictionary && (i >= end || text.charAt(i) != '=')) {
        value = attribute("unit", at); // a name alone is a unit attribute
      } else {
        if (dictionary) {
          i = skipBlanks(text, i + 1);
        }
        int valueEnd = elementEnd(text, i, end);
        value = attribute(text.substring(i, valueEnd).strip(), at);
        i = valueEnd;
      }
      elements.add(new int[] {nameIndex, value});
      i = skipBlanks(text, i);
      if (i < end && text.charAt(i) == ',') {
        i = skipBlanks(text, i + 1);
      } else if (i < end) {
        throw error(at, "expected ',' between the elements of " + abbreviated(text));
      }
    }
    Entry entry = new Entry(builtin, null);
    entry.binary = new ByteSink();
    entry.binary.varint(dictionary ? DICTIONARY : ARRAY);
    entry.binary.varint(elements.size());
    for (int[] element : elements) {
      if (dictionary) {
        entry.binary.varint(element[0]);
      }
      entry.binary.varint(element[1]);
    }
    return entry;
  }

  /** A builtin string attribute without a type, in binary: its string's index. */
  private int stringAttribute(String value) {
    String key = "\u0000string:" + value; // no text starts with a null: never a textual entry's key
    Integer known = attributeIndex.get(key);
    if (known != null) {
      return known;
    }
    Entry entry = new Entry(builtin, null);
    entry.binary = new ByteSink();
    entry.binary.varint(STRING);
    entry.binary.varint(strings.index(value));
    int index = attributes.size();
    attributes.add(entry);
    attributeIndex.put(key, index);
    return index;
  }

  /** The builtin resource {@code key}, declared (with no data) if the section lacks it. */
  private Resources.Entry resourceHandle(String key) {
    Resources.Group group = resources.dialectGroup("builtin");
    for (Resources.Entry entry : group.entries) {
      if (entry.key.equals(key)) {
        return entry;
      }
    }
    Resources.Entry declared = new Resources.Entry(key, Resources.Kind.BLOB, -1);
    declared.declarationOnly = true;
    group.entries.add(declared);
    return declared;
  }

  /**
   * Writes the entries and their offsets. Dense resources are encoded now: a resource's index is
   * its place among every dialect resource of the file, group by group, and the groups are final
   * once every attribute has been seen.
   */
  void write(ByteSink attrTypeSection, ByteSink offsetSection) {
    Map<String, Integer> builtinHandles = new HashMap<>();
    int handle = 0;
    for (Resources.Group group : resources.groups) {
      if (group.external) {
        continue;
      }
      for (Resources.Entry entry : group.entries) {
        if (group.name.equals("builtin")) {
          builtinHandles.putIfAbsent(entry.key, handle);
        }
        handle++;
      }
    }
    for (Entry entry : attributes) {
      if (entry.resourceKey != null) {
        entry.binary = new ByteSink();
        entry.binary.varint(DENSE_RESOURCE);
        entry.binary.varint(entry.resourceType);
        entry.binary.varint(builtinHandles.get(entry.resourceKey));
      }
    }
    offsetSection.varint(attributes.size());
    offsetSection.varint(types.size());
    writeEntries(attributes, attrTypeSection, offsetSection);
    writeEntries(types, attrTypeSection, offsetSection);
  }

  private static void writeEntries(List<Entry> entries, ByteSink data, ByteSink offsets) {
    int i = 0;
    while (i < entries.size()) {
      int dialect = entries.get(i).dialect;
      int runEnd = i;
      while (runEnd < entries.size() && entries.get(runEnd).dialect == dialect) {
        runEnd++;
      }
      offsets.varint(dialect);
      offsets.varint(runEnd - i);
      for (; i < runEnd; i++) {
        Entry entry = entries.get(i);
        int before = data.size();
        if (entry.text != null) {
          data.text(entry.text);
        } else {
          data.write(entry.binary);
        }
        offsets.varintWithFlag(data.size() - before, entry.text == null);
      }
    }
  }

  /**
   * The dialect that owns an attribute ({@code sigil} {@code #}) or a type ({@code !}) written as
   * {@code text}: the name after the sigil up to a dot or {@code <}; builtin syntax has none.
   */
  static String owner(String text, char sigil) {
    if (text.length() > 1 && text.charAt(0) == sigil) {
      int end = 1;
      while (end < text.length()
          && MlirSyntax.isBareIdChar(text.charAt(end))
          && text.charAt(end) != '.') {
        end++;
      }
      if (end > 1) {
        return text.substring(1, end);
      }
    }
    return "builtin";
  }

  /** Whether {@code word} occurs in {@code text} outside its strings. */
  private static boolean holds(String text, String word) {
    int from = 0;
    while (true) {
      int found = text.indexOf(word, from);
      if (found < 0) {
        return false;
      }
      if (!insideString(text, found)) {
        return true;
      }
      from = found + 1;
    }
  }

  private static boolean insideString(String text, int offset) {
    int i = 0;
    while (i < offset) {
      if (text.charAt(i) == '"') {
        int end = MlirSyntax.stringEnd(text, i);
        if (end > offset) {
          return true;
        }
        i = end;
      } else {
        i++;
      }
    }
    return false;
  }

  /** Where the element starting at {@code i} ends: a comma at depth 0, or {@code end}. */
  private static int elementEnd(String text, int i, int end) {
    int depth = 0;
    while (i < end) {
      char c = text.charAt(i);
      char next = i + 1 < end ? text.charAt(i + 1) : 0;
      if (c == '"') {
        i = MlirSyntax.stringEnd(text, i);
        continue;
      }
      if ((c == '-' && next == '>') || ((c == '>' || c == '<') && next == '=')) {
        i += 2;
        continue;
      }
      if (c == '(' || c == '[' || c == '{' || c == '<') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}' || c == '>') {
        depth--;
      } else if (c == ',' && depth == 0) {
        return i;
      }
      i++;
    }
    return end;
  }

  private static int skipBlanks(String text, int i) {
    while (i < text.length() && MlirSyntax.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  /** A string literal's body decoded, one character per byte. */
  private static String unquote(String text, int start, int end) {
    StringBuilder out = new StringBuilder(end - start);
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c != '\\' || i + 1 >= end) {
        out.append(c);
        continue;
      }
      char e = text.charAt(++i);
      if (e == 'n') {
        out.append('\n');
      } else if (e == 't') {
        out.append('\t');
      } else if (MlirSyntax.isHexDigit(e)
          && i + 1 < end
          && MlirSyntax.isHexDigit(text.charAt(i + 1))) {
        out.append((char) (Character.digit(e, 16) << 4 | Character.digit(text.charAt(i + 1), 16)));
        i++;
      } else {
        out.append(e);
      }
    }
    return out.toString();
  }

  private static String abbreviated(String text) {
    String shown = text.length() > 120 ? text.substring(0, 117) + "..." : text;
    return new String(shown.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
  }

  private DiagnosticException error(long at, String message) {
    return new DiagnosticException(Diagnostics.error(source, Math.max(0, at), message));
  }
}
