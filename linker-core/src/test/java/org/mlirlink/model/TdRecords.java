package org.mlirlink.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The records TableGen makes of a {@code .td} file, as {@code mlir-tblgen -print-records} prints
 * them: each {@code def} with its superclasses (all of them, outermost first, as the comment after
 * its brace lists them) and its fields, each field's value kept as the text TableGen printed.
 * {@link #value} parses a field's text into the few shapes an op's definition needs: a reference to
 * another record, a string, a number, a list and a dag.
 *
 * <p>Only the {@code Defs} part of the output is read: classes are templates, not things.
 */
final class TdRecords {
  /** One record: its name, its superclasses, its fields (name to printed value). */
  record Rec(String name, List<String> superclasses, Map<String, String> fields) {
    boolean isA(String className) {
      return superclasses.contains(className);
    }

    boolean anonymous() {
      return name.startsWith("anonymous_");
    }

    /** A field's printed value; an error when the record has no such field. */
    String field(String field) throws IOException {
      String value = fields.get(field);
      if (value == null) {
        throw new IOException("record " + name + " has no field " + field);
      }
      return value;
    }
  }

  /** A value of a field, parsed. */
  sealed interface Value permits Ref, Str, Num, Unset, Lst, Dag, Other {}

  /** The name of a record (or of something TableGen printed bare). */
  record Ref(String name) implements Value {}

  /** A string or a code block, as printed (TableGen escapes nothing in them). */
  record Str(String text) implements Value {}

  record Num(long value) implements Value {}

  /** {@code ?}: a field left unset. */
  record Unset() implements Value {}

  record Lst(List<Value> items) implements Value {}

  /** One argument of a dag: its value and its name ({@code $name} without the dollar), or null. */
  record DagArg(Value value, String name) {}

  record Dag(Value operator, List<DagArg> args) implements Value {}

  /** Any other value, kept as printed (an unresolved operation, a class instance, bits). */
  record Other(String text) implements Value {}

  private final Map<String, Rec> records;

  private TdRecords(Map<String, Rec> records) {
    this.records = records;
  }

  /** Every record, by name, in the order TableGen printed them (by name). */
  Map<String, Rec> all() {
    return records;
  }

  /** The record of a name; an error when there is none. */
  Rec get(String name) throws IOException {
    Rec rec = records.get(name);
    if (rec == null) {
      throw new IOException("no record named " + name);
    }
    return rec;
  }

  /** The record a field refers to, or null when it is unset. */
  Rec refField(Rec rec, String field) throws IOException {
    Value value = value(rec.field(field));
    if (value instanceof Unset) {
      return null;
    }
    if (value instanceof Ref ref) {
      return get(ref.name());
    }
    throw new IOException(rec.name() + "." + field + " is not a record: " + rec.field(field));
  }

  /**
   * Runs {@code tblgen -print-records} on {@code td} with the include folders {@code includes} and
   * reads what it prints. TableGen's errors are the exception's message.
   */
  static TdRecords run(Path tblgen, List<Path> includes, Path td) throws IOException {
    return parse(OpTableTd.runTool(tblgen, "-print-records", includes, td));
  }

  /** Reads the text {@code -print-records} printed. */
  static TdRecords parse(String text) throws IOException {
    int defs = text.indexOf("\n------------- Defs -----------------\n");
    if (defs < 0) {
      throw new IOException("no Defs part in TableGen's records");
    }
    Map<String, Rec> records = new LinkedHashMap<>();
    int at = text.indexOf('\n', defs + 1) + 1;
    int n = text.length();
    while (at < n) {
      int lineEnd = text.indexOf('\n', at);
      String line = text.substring(at, lineEnd < 0 ? n : lineEnd);
      at = lineEnd < 0 ? n : lineEnd + 1;
      if (line.isEmpty()) {
        continue;
      }
      if (!line.startsWith("def ")) {
        throw new IOException("unexpected line in TableGen's records: " + line);
      }
      int brace = line.indexOf(" {");
      String name = line.substring(4, brace);
      List<String> superclasses = new ArrayList<>();
      int comment = line.indexOf("// ", brace);
      if (comment >= 0) {
        for (String s : line.substring(comment + 3).trim().split(" +")) {
          if (!s.isEmpty()) {
            superclasses.add(s);
          }
        }
      }
      Map<String, String> fields = new HashMap<>();
      // Fields, "  TYPE NAME = VALUE;" each, until a line "}".
      while (true) {
        if (at >= n) {
          throw new IOException("record " + name + " does not end");
        }
        if (text.startsWith("}\n", at) || (text.startsWith("}", at) && at + 1 == n)) {
          at += 2;
          break;
        }
        if (!text.startsWith("  ", at)) {
          throw new IOException("unexpected text in record " + name + " at " + snippet(text, at));
        }
        int eq = text.indexOf(" = ", at);
        int eol = text.indexOf('\n', at);
        if (eq < 0 || (eol >= 0 && eol < eq)) {
          throw new IOException(
              "a field without a value in record " + name + ": " + snippet(text, at));
        }
        String declaration = text.substring(at + 2, eq);
        String fieldName = declaration.substring(declaration.lastIndexOf(' ') + 1);
        int valueStart = eq + 3;
        int valueEnd = endOfValue(text, valueStart, name);
        fields.put(fieldName, text.substring(valueStart, valueEnd));
        at = valueEnd + 2; // ";\n"
      }
      records.put(name, new Rec(name, List.copyOf(superclasses), fields));
    }
    return new TdRecords(records);
  }

  /**
   * Where a field's value ends: at a ";" that ends a line when the next line starts another field
   * or ends the record. TableGen prints strings without escaping their quotes and newlines, so
   * strings cannot be skipped by their quotes; code blocks ({@code [{...}]}) are skipped whole.
   */
  private static int endOfValue(String text, int at, String record) throws IOException {
    int n = text.length();
    int i = at;
    while (i < n) {
      char c = text.charAt(i);
      if (c == '[' && i + 1 < n && text.charAt(i + 1) == '{') {
        int end = text.indexOf("}]", i + 2);
        if (end < 0) {
          throw new IOException("a code block does not end in record " + record);
        }
        i = end + 2;
      } else if (c == ';'
          && (i + 1 == n || text.charAt(i + 1) == '\n')
          && startsField(text, i + 2)) {
        return i;
      } else {
        i++;
      }
    }
    throw new IOException("a value does not end in record " + record);
  }

  private static final Pattern FIELD_START =
      Pattern.compile("  [A-Za-z_][A-Za-z0-9_<>:, ]* [A-Za-z_][A-Za-z0-9_]* = ");

  /** Whether a record's next field, or its end, starts at {@code at}. */
  private static boolean startsField(String text, int at) {
    if (at >= text.length()
        || text.startsWith("}\n", at)
        || text.startsWith("}", at) && at + 1 == text.length()) {
      return true;
    }
    int eol = text.indexOf('\n', at);
    String line = text.substring(at, eol < 0 ? text.length() : eol);
    return FIELD_START.matcher(line).lookingAt();
  }

  /** The index of the quote that closes the string opened at {@code at}. */
  private static int endOfString(String text, int at) throws IOException {
    for (int i = at + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i; // (a string may hold newlines: !strconcat makes such)
      }
    }
    throw new IOException("a string does not end: " + snippet(text, at));
  }

  private static String snippet(String text, int at) {
    return text.substring(at, Math.min(text.length(), at + 80)).replace('\n', '|');
  }

  /** Parses a field's printed value. */
  static Value value(String text) throws IOException {
    if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
      // A whole string: its quotes are not escaped, so all between the first and last is it.
      return new Str(text.substring(1, text.length() - 1));
    }
    Parser parser = new Parser(text);
    Value value = parser.value();
    parser.skipSpaces();
    if (parser.at != text.length()) {
      throw new IOException("unexpected text after a value: " + text);
    }
    return value;
  }

  /** A recursive-descent reader of printed values. */
  private static final class Parser {
    final String text;
    int at;

    Parser(String text) {
      this.text = text;
    }

    void skipSpaces() {
      while (at < text.length() && text.charAt(at) == ' ') {
        at++;
      }
    }

    boolean peek(char c) {
      skipSpaces();
      return at < text.length() && text.charAt(at) == c;
    }

    void expect(char c) throws IOException {
      if (!peek(c)) {
        throw new IOException("expected '" + c + "' at " + at + " in " + text);
      }
      at++;
    }

    Value value() throws IOException {
      skipSpaces();
      if (at >= text.length()) {
        throw new IOException("a value is missing in " + text);
      }
      char c = text.charAt(at);
      if (c == '?') {
        at++;
        return new Unset();
      }
      if (c == '"') {
        int end = endOfString(text, at);
        String s = text.substring(at + 1, end);
        at = end + 1;
        return new Str(s);
      }
      if (c == '[' && at + 1 < text.length() && text.charAt(at + 1) == '{') {
        int end = text.indexOf("}]", at + 2);
        String s = text.substring(at + 2, end);
        at = end + 2;
        return new Str(s);
      }
      if (c == '[') {
        at++;
        List<Value> items = new ArrayList<>();
        if (!peek(']')) {
          do {
            items.add(value());
          } while (consume(','));
        }
        expect(']');
        return new Lst(List.copyOf(items));
      }
      if (c == '(') {
        at++;
        Value operator = value();
        List<DagArg> args = new ArrayList<>();
        skipSpaces();
        if (!peek(')')) {
          do {
            Value arg = peek('$') ? new Unset() : value();
            String name = null;
            if (consume(':')) {
              skipSpaces();
            }
            if (peek('$')) {
              at++;
              name = identifier();
            }
            args.add(new DagArg(arg, name));
          } while (consume(','));
        }
        expect(')');
        return new Dag(operator, List.copyOf(args));
      }
      if (c == '-' || Character.isDigit(c)) {
        int start = at;
        at++;
        while (at < text.length() && Character.isLetterOrDigit(text.charAt(at))) {
          at++;
        }
        String number = text.substring(start, at);
        try {
          return new Num(Long.decode(number));
        } catch (NumberFormatException e) {
          return new Other(number);
        }
      }
      if (c == '{') {
        // bits: { 0, 1, ... }
        int end = text.indexOf('}', at);
        String s = text.substring(at, end + 1);
        at = end + 1;
        return new Other(s);
      }
      if (c == '!' || Character.isLetter(c) || c == '_') {
        int start = at;
        String name = identifier();
        if (at < text.length() && (text.charAt(at) == '<' || text.charAt(at) == '(')) {
          // A class instance or an operation left unresolved: kept as printed.
          skipBalanced();
          return new Other(text.substring(start, at));
        }
        return new Ref(name);
      }
      throw new IOException("unexpected '" + c + "' in " + text);
    }

    boolean consume(char c) {
      if (peek(c)) {
        at++;
        return true;
      }
      return false;
    }

    String identifier() throws IOException {
      int start = at;
      while (at < text.length()) {
        char c = text.charAt(at);
        if (!(Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '!')) {
          break;
        }
        at++;
      }
      if (start == at) {
        throw new IOException("expected a name at " + at + " in " + text);
      }
      return text.substring(start, at);
    }

    /** Skips a bracketed part ({@code <...>} or {@code (...)}), minding strings and nesting. */
    void skipBalanced() throws IOException {
      int depth = 0;
      while (at < text.length()) {
        char c = text.charAt(at);
        if (c == '"') {
          at = endOfString(text, at) + 1;
          continue;
        }
        if (c == '<' || c == '(' || c == '[') {
          depth++;
        } else if (c == '>' || c == ')' || c == ']') {
          depth--;
          if (depth == 0) {
            at++;
            return;
          }
        }
        at++;
      }
      throw new IOException("unbalanced brackets in " + text);
    }
  }
}
