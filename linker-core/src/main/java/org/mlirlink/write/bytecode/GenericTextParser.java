package org.mlirlink.write.bytecode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlirlink.diagnostic.Diagnostic;
import org.mlirlink.diagnostic.DiagnosticException;
import org.mlirlink.model.Diagnostics;
import org.mlirlink.model.MlirSyntax;
import org.mlirlink.model.SourceText;
import org.mlirlink.model.TypeText;

/**
 * Reads MLIR text in which every operation is in generic form into {@link GenericIr}, in one pass
 * over the text: top-level alias definitions, operations, and the {@code {-# ... #-}} section.
 *
 * <p>Only the generic syntax is parsed: {@code %r:2 = "d.op"(%a, %b#1)[^bb1] <{props}> ({regions})
 * {attrs} : (types) -> types loc(...)}. Attributes and types are not parsed but delimited
 * (brackets, strings and comments balanced; {@code ->}, {@code >=} and {@code <=} are not brackets)
 * and kept as the text they are: MLIR parses them again when it reads the bytecode. An op in custom
 * form is an error at its name, since only its dialect knows its syntax.
 *
 * <p>Value names are resolved without knowing which ops are isolated from above: a use refers to
 * the definition of its name in the innermost region around it that has one, before or after the
 * use. That is the one MLIR means, as its generic syntax lets no region define a name again that is
 * visible in it (sibling regions and sibling functions do reuse names). A region's names are known
 * when it ends; the uses it cannot resolve pass to the region around it.
 *
 * <pre>{@code
 * GenericTextParser.Parsed parsed = GenericTextParser.parse(source);
 * parsed.topLevel.get(0);              // the "builtin.module" op
 * parsed.aliases.get("#map").value();  // "affine_map<(d0) -> (d0)>"
 * }</pre>
 */
final class GenericTextParser {
  /** What reading the text found. */
  static final class Parsed {
    final List<GenericIr.Op> topLevel = new ArrayList<>();
    final Map<String, Alias> aliases = new LinkedHashMap<>();
    final Resources resources = new Resources();
    final RawTexts texts = new RawTexts();

    /** Operation names, by index: each {dialect, name without the dialect}. */
    final List<String[]> opNames = new ArrayList<>();

    private final Map<String, Integer> opNameIndex = new HashMap<>();
  }

  /** A top-level alias definition: {@code #map = affine_map<...>} or {@code !t = tensor<...>}. */
  record Alias(String name, String value, long at) {}

  private static final char EOF = '\uFFFF';

  // How far scan() goes: to the end of one bracketed group, or to where a value stops at depth 0.
  private static final int GROUP = 1;
  private static final int STOP_AT_COMMA = 2;
  private static final int STOP_AT_SPACE = 4;
  private static final int STOP_AT_NEXT_ITEM = 8;

  private final SourceText source;
  private final SourceText.Cursor s;
  private final long length;
  private long p;
  private final Parsed parsed = new Parsed();
  private String quotedFileName;
  private int created; // how many ops MLIR's text parser would have created so far

  private GenericTextParser(SourceText source) {
    this.source = source;
    this.s = source.cursor();
    this.length = source.length();
  }

  /**
   * Reads {@code source}.
   *
   * @throws DiagnosticException at the place of the first error: an op in custom form, malformed
   *     text, a value or block used and never defined
   */
  static Parsed parse(SourceText source) {
    if (source.length() >= 4
        && source.charAt(0) == 'M'
        && source.charAt(1) == 'L'
        && source.charAt(2) == 0xEF
        && source.charAt(3) == 'R') {
      // Checked on the bytes, before a cursor's UTF-8 check would call the third one invalid.
      throw new DiagnosticException(
          Diagnostic.error("'" + source.name() + "' is MLIR bytecode already, not text"));
    }
    GenericTextParser parser = new GenericTextParser(source);
    parser.parseTopLevel();
    return parser.parsed;
  }

  // ------------------------------------------------------------------ top level

  private void parseTopLevel() {
    if (s.startsWith("\u00EF\u00BB\u00BF", 0)) {
      p = 3; // a UTF-8 byte order mark, which MLIR skips too
    }
    Scope top = new Scope(null, null);
    while (true) {
      skipTrivia();
      if (p >= length) {
        break;
      }
      char c = at(p);
      if (s.startsWith("{-#", p)) {
        parseMetadata();
      } else if (c == '#' || c == '!') {
        parseAliasDefinition();
      } else if (c == '%' || c == '"') {
        parsed.topLevel.add(parseOp(top));
      } else if (MlirSyntax.isLetter(c) || c == '_') {
        throw customForm(p);
      } else {
        throw error(
            p,
            "expected an operation, an alias definition or a {-# ... #-} section, found "
                + found(p));
      }
    }
    top.close();
  }

  private void parseAliasDefinition() {
    long start = p;
    long nameEnd = MlirSyntax.suffixIdEnd(s, p + 1);
    if (nameEnd == p + 1) {
      throw error(p, "expected an alias name after '" + at(p) + "', found " + found(p + 1));
    }
    String name = s.substring(p, nameEnd);
    p = nameEnd;
    skipTrivia();
    expect('=', "after the alias name " + name);
    skipTrivia();
    long valueStart = p;
    long valueEnd = scan(p, STOP_AT_NEXT_ITEM, "the value of " + name);
    String value = raw(valueStart, valueEnd);
    if (value.isEmpty()) {
      throw error(valueStart, "expected the value of " + name + ", found " + found(valueStart));
    }
    if (parsed.aliases.putIfAbsent(name, new Alias(name, value, start)) != null) {
      throw error(start, "redefinition of alias " + name);
    }
    p = valueEnd;
  }

  // ------------------------------------------------------------------ operations

  /** A result group being defined: {@code %name} or {@code %name:count}. */
  private record Definition(String name, int count, long at) {}

  private GenericIr.Op parseOp(Scope scope) {
    List<Definition> definitions = new ArrayList<>();
    if (at(p) == '%') {
      while (true) {
        long nameAt = p;
        String name = valueName();
        int count = 1;
        if (at(p) == ':') {
          p++;
          count = integer("the number of results of " + name);
        }
        definitions.add(new Definition(name, count, nameAt));
        skipTrivia();
        if (at(p) != ',') {
          break;
        }
        p++;
        skipTrivia();
        if (at(p) != '%') {
          throw error(p, "expected a result name after ',', found " + found(p));
        }
      }
      expect('=', "after the result names");
      skipTrivia();
    }
    if (at(p) != '"') {
      if (MlirSyntax.isLetter(at(p)) || at(p) == '_') {
        throw customForm(p);
      }
      throw error(p, "expected an operation name in quotes, found " + found(p));
    }
    long nameAt = p;
    String fullName = stringLiteral();
    GenericIr.Op op = new GenericIr.Op(nameAt, opName(fullName, nameAt));

    // Operands.
    skipTrivia();
    expect('(', "after the operation name");
    List<String> operandNames = new ArrayList<>();
    List<long[]> operandPlaces = new ArrayList<>(); // {at, result number}
    skipTrivia();
    if (at(p) != ')') {
      while (true) {
        long useAt = p;
        if (at(p) != '%') {
          throw error(p, "expected an operand (a value such as %0), found " + found(p));
        }
        String name = valueName();
        long result = 0;
        if (at(p) == '#' && MlirSyntax.isDigit(at(p + 1))) {
          p++;
          result = integer("a result number");
        }
        operandNames.add(name);
        operandPlaces.add(new long[] {useAt, result});
        skipTrivia();
        if (at(p) == ',') {
          p++;
          skipTrivia();
          continue;
        }
        break;
      }
    }
    expect(')', "to end the operand list");
    int operandCount = operandNames.size();
    op.operandRegions = new GenericIr.Region[operandCount];
    op.operandNumbers = new int[operandCount];
    for (int i = 0; i < operandCount; i++) {
      scope.uses.add(
          new Use(
              op, i, operandNames.get(i), (int) operandPlaces.get(i)[1], operandPlaces.get(i)[0]));
    }

    // Successors.
    skipTrivia();
    if (at(p) == '[') {
      p++;
      List<Integer> slots = new ArrayList<>();
      while (true) {
        skipTrivia();
        long labelAt = p;
        String label = blockLabel();
        scope.blockUses.add(new BlockUse(op, slots.size(), label, labelAt));
        slots.add(0);
        skipTrivia();
        if (at(p) == ',') {
          p++;
          continue;
        }
        break;
      }
      expect(']', "to end the successor list");
      op.successors = new int[slots.size()];
    }

    // Properties, then regions, then the attribute dictionary.
    skipTrivia();
    String properties = null;
    long dictionaryAt = -1; // where the first of the two dictionaries is, for errors about them
    if (at(p) == '<') {
      p++;
      skipTrivia();
      if (at(p) != '{') {
        throw error(
            p,
            "expected the properties as a dictionary, '<{', found "
                + found(p)
                + " (bytecode written here keeps properties as attributes)");
      }
      long start = p;
      dictionaryAt = start;
      p = scan(p, GROUP, "the properties");
      properties = raw(start + 1, p - 1);
      skipTrivia();
      expect('>', "to end the properties");
      skipTrivia();
    }
    if (at(p) == '(') {
      p++;
      List<GenericIr.Region> regions = new ArrayList<>();
      while (true) {
        skipTrivia();
        if (at(p) != '{') {
          throw error(p, "expected a region, '{', found " + found(p));
        }
        regions.add(parseRegion(scope));
        skipTrivia();
        if (at(p) == ',') {
          p++;
          continue;
        }
        break;
      }
      expect(')', "to end the region list");
      op.regions = regions.toArray(new GenericIr.Region[0]);
      skipTrivia();
    }
    String attributes = null;
    if (at(p) == '{') {
      long start = p;
      dictionaryAt = dictionaryAt < 0 ? start : dictionaryAt;
      p = scan(p, GROUP, "the attribute dictionary");
      attributes = raw(start + 1, p - 1);
      skipTrivia();
    }
    String dictionary = mergedDictionary(properties, attributes);
    if (dictionary != null) {
      op.attributes = parsed.texts.attribute(dictionary, dictionaryAt);
    }

    // The type: (operand types) -> result types.
    expect(':', "before the operation's type");
    skipTrivia();
    long typeAt = p;
    expect('(', "to start the operation's type, (operand types) -> result types");
    int[] operandTypes = typeList(')');
    if (operandTypes.length != operandCount) {
      throw error(
          typeAt,
          "the type names "
              + operandTypes.length
              + " operand types but the op has "
              + operandCount
              + " operands");
    }
    skipTrivia();
    if (!s.startsWith("->", p)) {
      throw error(p, "expected '->' in the operation's type, found " + found(p));
    }
    p += 2;
    skipTrivia();
    if (at(p) == '(') {
      p++;
      op.resultTypes = typeList(')');
    } else {
      long start = p;
      long end = scan(p, STOP_AT_SPACE | STOP_AT_COMMA, "the result type");
      String type = raw(start, end);
      if (type.isEmpty()) {
        throw error(start, "expected a result type, found " + found(start));
      }
      op.resultTypes = new int[] {parsed.texts.type(type, start)};
      p = end;
    }
    int defined = 0;
    for (Definition d : definitions) {
      defined += d.count;
    }
    if (!definitions.isEmpty() && defined != op.resultTypes.length) {
      throw error(
          definitions.get(0).at,
          "the op defines "
              + defined
              + " result names but its type has "
              + op.resultTypes.length
              + " results");
    }
    op.location = trailingLocation(nameAt);
    scope.defineResults(op, definitions);
    op.created = created++;
    return op;
  }

  /** The location after an op or a block argument, or the place in the text when none is. */
  private int trailingLocation(long placeIfNone) {
    long before = p;
    skipTrivia();
    if (s.startsWith("loc", p) && !MlirSyntax.isBareIdChar(at(p + 3))) {
      long start = p;
      p += 3;
      skipTrivia();
      if (at(p) != '(') {
        throw error(p, "expected '(' after 'loc', found " + found(p));
      }
      p = scan(p, GROUP, "the location");
      return parsed.texts.attribute(raw(start, p), start);
    }
    p = before;
    return parsed.texts.attribute(fileLocation(placeIfNone), placeIfNone);
  }

  /**
   * The location MLIR gives what has none written: the file, line and column of its place (the
   * column counts bytes, as MLIR's does).
   */
  private String fileLocation(long offset) {
    if (quotedFileName == null) {
      quotedFileName = quote(source.name().getBytes(StandardCharsets.UTF_8));
    }
    int line = source.locationOf(offset).line();
    long column = offset - source.lineStart(line) + 1;
    return "loc(" + quotedFileName + ":" + line + ":" + column + ")";
  }

  /** One dictionary of an op's properties and its attributes, or null when both are empty. */
  private static String mergedDictionary(String properties, String attributes) {
    boolean hasProperties = properties != null && !properties.isEmpty();
    boolean hasAttributes = attributes != null && !attributes.isEmpty();
    if (!hasProperties && !hasAttributes) {
      return null;
    }
    StringBuilder merged = new StringBuilder("{");
    if (hasProperties) {
      merged.append(properties);
    }
    if (hasProperties && hasAttributes) {
      merged.append(", ");
    }
    if (hasAttributes) {
      merged.append(attributes);
    }
    return merged.append('}').toString();
  }

  private int[] typeList(char close) {
    List<Integer> types = new ArrayList<>();
    skipTrivia();
    if (at(p) == close) {
      p++;
      return new int[0];
    }
    while (true) {
      skipTrivia();
      long start = p;
      long end = scan(p, STOP_AT_COMMA, "a type");
      String type = raw(start, end);
      if (type.isEmpty()) {
        throw error(start, "expected a type, found " + found(start));
      }
      types.add(parsed.texts.type(type, start));
      p = end;
      if (at(p) == ',') {
        p++;
        continue;
      }
      expect(close, "to end the type list");
      break;
    }
    return types.stream().mapToInt(Integer::intValue).toArray();
  }

  private int opName(String fullName, long at) {
    Integer known = parsed.opNameIndex.get(fullName);
    if (known != null) {
      return known;
    }
    int dot = fullName.indexOf('.');
    if (dot <= 0) {
      throw error(at, "operation name '" + fullName + "' has no dialect ('dialect.op')");
    }
    int index = parsed.opNames.size();
    parsed.opNames.add(new String[] {fullName.substring(0, dot), fullName.substring(dot + 1)});
    parsed.opNameIndex.put(fullName, index);
    return index;
  }

  // ------------------------------------------------------------------ regions and blocks

  private GenericIr.Region parseRegion(Scope outer) {
    GenericIr.Region region = new GenericIr.Region();
    Scope scope = new Scope(outer, region);
    p++; // '{'
    skipTrivia();
    GenericIr.Block block = null;
    if (at(p) != '}' && at(p) != '^') {
      block = new GenericIr.Block(); // an entry block without a label
      block.definedAfter = created;
      region.blocks.add(block);
    }
    while (true) {
      skipTrivia();
      char c = at(p);
      if (c == '}') {
        p++;
        break;
      }
      if (c == '^') {
        block = parseBlockHeader(scope);
        region.blocks.add(block);
      } else if (c == '%' || c == '"') {
        block.ops.add(parseOp(scope));
      } else if (MlirSyntax.isLetter(c) || c == '_') {
        throw customForm(p);
      } else {
        throw error(
            p, "expected an operation, a block or '}' to end the region, found " + found(p));
      }
    }
    region.valueCount = scope.next;
    scope.close();
    return region;
  }

  private GenericIr.Block parseBlockHeader(Scope scope) {
    long labelAt = p;
    String label = blockLabel();
    if (scope.blocks.putIfAbsent(label, scope.region.blocks.size()) != null) {
      throw error(labelAt, "redefinition of block ^" + label);
    }
    GenericIr.Block block = new GenericIr.Block();
    block.definedAfter = created;
    skipTrivia();
    if (at(p) == '(') {
      p++;
      List<Integer> types = new ArrayList<>();
      List<Integer> locations = new ArrayList<>();
      skipTrivia();
      if (at(p) != ')') {
        while (true) {
          skipTrivia();
          long nameAt = p;
          if (at(p) != '%') {
            throw error(p, "expected a block argument (%name: type), found " + found(p));
          }
          String name = valueName();
          skipTrivia();
          expect(':', "after the block argument " + "%" + name);
          skipTrivia();
          long typeStart = p;
          long typeEnd = scan(p, STOP_AT_SPACE | STOP_AT_COMMA, "a block argument's type");
          String type = raw(typeStart, typeEnd);
          if (type.isEmpty()) {
            throw error(typeStart, "expected a type, found " + found(typeStart));
          }
          types.add(parsed.texts.type(type, typeStart));
          p = typeEnd;
          locations.add(trailingLocation(nameAt));
          scope.define(name, 1, nameAt);
          skipTrivia();
          if (at(p) == ',') {
            p++;
            continue;
          }
          break;
        }
      }
      expect(')', "to end the block's arguments");
      block.argumentTypes = types.stream().mapToInt(Integer::intValue).toArray();
      block.argumentLocations = locations.stream().mapToInt(Integer::intValue).toArray();
      skipTrivia();
    }
    expect(':', "after the block label ^" + label);
    return block;
  }

  /** A use of a value by an operand, resolved when a region that defines the name ends. */
  private record Use(GenericIr.Op op, int slot, String name, int result, long at) {}

  /** A use of a block by a successor, resolved in the region of the op. */
  private record BlockUse(GenericIr.Op op, int slot, String label, long at) {}

  /** The names one region defines, and the uses in it not resolved yet. */
  private final class Scope {
    final Scope outer;
    final GenericIr.Region region; // null at the top level
    final Map<String, int[]> values = new HashMap<>(); // name -> {first number, count}
    final Map<String, Integer> blocks = new HashMap<>();
    final List<Use> uses = new ArrayList<>();
    final List<BlockUse> blockUses = new ArrayList<>();
    int next;

    Scope(Scope outer, GenericIr.Region region) {
      this.outer = outer;
      this.region = region;
    }

    void define(String name, int count, long at) {
      if (region == null) {
        values.put(name, null); // the bytecode reader defines no value at the top level
        return;
      }
      if (values.putIfAbsent(name, new int[] {next, count}) != null) {
        throw error(at, "redefinition of %" + name);
      }
      next += count;
    }

    /** Numbers an op's results (named or not) after what the region defined before it. */
    void defineResults(GenericIr.Op op, List<Definition> definitions) {
      if (region == null) {
        definitions.forEach(d -> define(d.name, d.count, d.at));
        return;
      }
      if (definitions.isEmpty()) {
        next += op.resultTypes.length;
        return;
      }
      for (Definition d : definitions) {
        define(d.name, d.count, d.at);
      }
    }

    /** Resolves what this region defines; passes the rest outwards. */
    void close() {
      for (Use use : uses) {
        int[] defined = values.get(use.name);
        if (defined == null) { // not defined here (or, at the top level, not usable)
          if (outer == null) {
            throw error(
                use.at,
                values.containsKey(use.name)
                    ? "%"
                        + use.name
                        + " is defined at the top level, where bytecode defines no value"
                    : "use of undefined value %" + use.name);
          }
          outer.uses.add(use);
          continue;
        }
        if (use.result >= defined[1]) {
          throw error(
              use.at,
              "%" + use.name + " has " + defined[1] + " results; #" + use.result + " is not one");
        }
        use.op.operandRegions[use.slot] = region;
        use.op.operandNumbers[use.slot] = defined[0] + use.result;
      }
      for (BlockUse use : blockUses) {
        Integer block = blocks.get(use.label);
        if (block == null) {
          throw error(use.at, "reference to an undefined block ^" + use.label);
        }
        use.op.successors[use.slot] = block;
      }
    }
  }

  // ------------------------------------------------------------------ the {-# ... #-} section

  private void parseMetadata() {
    p += 3;
    while (true) {
      skipTrivia();
      if (s.startsWith("#-}", p)) {
        p += 3;
        return;
      }
      long groupAt = p;
      String group = key("a section name");
      boolean external;
      if (group.equals("dialect_resources")) {
        external = false;
      } else if (group.equals("external_resources")) {
        external = true;
      } else {
        throw error(
            groupAt,
            "unknown key '"
                + group
                + "' in the {-# ... #-} section (expected dialect_resources or external_resources)");
      }
      skipTrivia();
      expect(':', "after " + group);
      skipTrivia();
      expect('{', "to start " + group);
      while (true) {
        skipTrivia();
        if (at(p) == '}') {
          p++;
          break;
        }
        String name = key(external ? "a resource provider's name" : "a dialect name");
        Resources.Group resources = new Resources.Group(external, name);
        parsed.resources.groups.add(resources);
        skipTrivia();
        expect(':', "after " + name);
        skipTrivia();
        expect('{', "to start the resources of " + name);
        while (true) {
          skipTrivia();
          if (at(p) == '}') {
            p++;
            break;
          }
          String entryKey = key("a resource key");
          skipTrivia();
          expect(':', "after the resource key");
          skipTrivia();
          resources.entries.add(resourceValue(entryKey));
          skipTrivia();
          if (at(p) == ',') {
            p++;
          }
        }
        skipTrivia();
        if (at(p) == ',') {
          p++;
        }
      }
      skipTrivia();
      if (at(p) == ',') {
        p++;
      }
    }
  }

  /** A key of the section: a bare identifier or a string, one character per byte. */
  private String key(String what) {
    if (at(p) == '"') {
      return stringLiteral();
    }
    long end = MlirSyntax.bareIdEnd(s, p);
    if (end == p || !(MlirSyntax.isLetter(at(p)) || at(p) == '_')) {
      throw error(p, "expected " + what + ", found " + found(p));
    }
    String key = s.substring(p, end);
    p = end;
    return key;
  }

  private Resources.Entry resourceValue(String key) {
    long at = p;
    if (s.startsWith("true", p) || s.startsWith("false", p)) {
      boolean value = at(p) == 't';
      p += value ? 4 : 5;
      Resources.Entry entry = new Resources.Entry(key, Resources.Kind.BOOL, at);
      entry.bool = value;
      return entry;
    }
    if (at(p) != '"') {
      throw error(p, "expected a resource value (a string, true or false), found " + found(p));
    }
    if (!s.startsWith("\"0x", p)) {
      Resources.Entry entry = new Resources.Entry(key, Resources.Kind.STRING, at);
      entry.string = stringLiteral();
      return entry;
    }
    // A blob: found by the word-at-a-time search, since it may be gigabytes of hex digits.
    long end = s.indexOfStringBreak(p + 3);
    if (end < 0 || at(end) != '"') {
      long bad = end < 0 ? length : end;
      throw error(
          bad < length && !MlirSyntax.isLineEnd(at(bad)) ? bad : at,
          bad < length && !MlirSyntax.isLineEnd(at(bad))
              ? "expected a hex digit in the blob of resource '" + key + "', found " + found(bad)
              : "unterminated string: the blob of resource '" + key + "'");
    }
    Resources.Entry entry = new Resources.Entry(key, Resources.Kind.BLOB, at);
    entry.hexStart = p + 3;
    entry.hexEnd = end;
    long digits = end - entry.hexStart;
    if (digits < 8 || digits % 2 != 0) {
      throw error(
          at,
          "the blob of resource '"
              + key
              + "' must be 0x, an alignment of four bytes and the data, an even number of hex"
              + " digits");
    }
    long alignment = 0;
    for (int i = 0; i < 4; i++) {
      long b = hexByte(entry.hexStart + 2L * i);
      alignment |= b << (8 * i);
    }
    if (alignment == 0 || Long.bitCount(alignment) != 1) {
      throw error(
          at,
          "the blob of resource '" + key + "' has alignment " + alignment + ", not a power of two");
    }
    entry.alignment = alignment;
    entry.size = (digits - 8) / 2;
    p = end + 1;
    return entry;
  }

  private long hexByte(long offset) {
    int high = Character.digit(at(offset), 16);
    int low = Character.digit(at(offset + 1), 16);
    if (high < 0 || low < 0) {
      long bad = high < 0 ? offset : offset + 1;
      throw error(bad, "expected a hex digit, found " + found(bad));
    }
    return (high << 4) | low;
  }

  // ------------------------------------------------------------------ tokens

  /** A value name after {@code %} (the {@code %} not included); {@code p} moves past it. */
  private String valueName() {
    long start = p + 1;
    long end = MlirSyntax.suffixIdEnd(s, start);
    if (end == start) {
      throw error(p, "expected a value name after '%', found " + found(start));
    }
    p = end;
    return s.name(start, end);
  }

  /** A block label after {@code ^} (the {@code ^} not included). */
  private String blockLabel() {
    if (at(p) != '^') {
      throw error(p, "expected a block label (^name), found " + found(p));
    }
    long start = p + 1;
    long end = MlirSyntax.suffixIdEnd(s, start);
    if (end == start) {
      throw error(p, "expected a block name after '^', found " + found(start));
    }
    p = end;
    return s.name(start, end);
  }

  private int integer(String what) {
    long start = p;
    while (MlirSyntax.isDigit(at(p))) {
      p++;
    }
    if (p == start || p - start > 9) {
      throw error(start, "expected " + what + ", found " + found(start));
    }
    return Integer.parseInt(s.substring(start, p));
  }

  /**
   * A string literal at {@code p}, its escapes decoded, as one character per byte; {@code p} moves
   * past it.
   */
  private String stringLiteral() {
    long start = p;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long i = p + 1;
    while (true) {
      char c = at(i);
      if (c == EOF || MlirSyntax.isLineEnd(c)) {
        throw error(start, "unterminated string");
      }
      if (c == '"') {
        break;
      }
      if (c == '\\') {
        char e = at(i + 1);
        if (e == 'n') {
          out.write('\n');
        } else if (e == 't') {
          out.write('\t');
        } else if (e == '"' || e == '\\') {
          out.write(e);
        } else if (MlirSyntax.isHexDigit(e) && MlirSyntax.isHexDigit(at(i + 2))) {
          out.write(Character.digit(e, 16) << 4 | Character.digit(at(i + 2), 16));
          i++;
        } else {
          throw error(i, "unknown escape in a string, '\\" + (e == EOF ? "" : e) + "'");
        }
        i += 2;
        continue;
      }
      out.write(c);
      i++;
    }
    p = i + 1;
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  /**
   * Where a value that starts at {@code from} ends: with {@link #GROUP}, after the bracket that
   * closes the one at {@code from}; otherwise at the first byte at bracket depth 0 that the mode
   * stops at (a comma, a blank, the line before another top-level item) or at a closing bracket
   * that was not opened. Strings and comments are skipped; a bracket that does not match, or text
   * that ends inside one, is an error.
   */
  private long scan(long from, int mode, String what) {
    StringBuilder closers = new StringBuilder();
    long[] openedAt = new long[16];
    long i = from;
    while (true) {
      char c = at(i);
      if (i >= length) {
        if (closers.length() > 0) {
          int last = closers.length() - 1;
          throw error(
              openedAt[last], "'" + opener(closers.charAt(last)) + "' is never closed in " + what);
        }
        return i;
      }
      char next = at(i + 1);
      if (c == '"') {
        long end = MlirSyntax.stringEndOrMinusOne(s, i);
        if (end < 0) {
          throw error(i, "unterminated string in " + what);
        }
        i = end;
        continue;
      }
      if (c == '/' && next == '/') {
        i = MlirSyntax.commentEnd(s, i);
        continue;
      }
      if ((c == '-' && next == '>') || ((c == '>' || c == '<') && next == '=')) {
        i += 2; // '->', '>=' and '<=' are operators, not brackets
        continue;
      }
      if (closers.length() == 0 && (mode & GROUP) == 0) {
        if (c == ')' || c == ']' || c == '}' || c == '>') {
          return i;
        }
        if ((mode & STOP_AT_COMMA) != 0 && c == ',') {
          return i;
        }
        if ((mode & STOP_AT_SPACE) != 0 && MlirSyntax.isWhitespace(c)) {
          return i;
        }
        if ((mode & STOP_AT_NEXT_ITEM) != 0 && MlirSyntax.isLineEnd(c) && nextItemAfter(i)) {
          return i;
        }
      }
      if (c == '(' || c == '[' || c == '{' || c == '<') {
        int depth = closers.length();
        if (depth == openedAt.length) {
          openedAt = java.util.Arrays.copyOf(openedAt, depth * 2);
        }
        openedAt[depth] = i;
        closers.append(closer(c));
      } else if (c == ')' || c == ']' || c == '}' || c == '>') {
        int last = closers.length() - 1;
        if (last < 0 || closers.charAt(last) != c) {
          throw error(
              i,
              last < 0
                  ? "unexpected '" + c + "' in " + what
                  : "expected '"
                      + closers.charAt(last)
                      + "' to close '"
                      + opener(closers.charAt(last))
                      + "', found '"
                      + c
                      + "' in "
                      + what);
        }
        closers.setLength(last);
        if (last == 0 && (mode & GROUP) != 0) {
          return i + 1;
        }
      } else if ((mode & GROUP) != 0 && closers.length() == 0) {
        throw error(i, "expected a bracket to start " + what + ", found " + found(i));
      }
      i++;
    }
  }

  /** Whether, after the line end at {@code i}, the next thing is a new top-level item. */
  private boolean nextItemAfter(long i) {
    long j = i;
    while (true) {
      while (j < length && MlirSyntax.isWhitespace(at(j))) {
        j++;
      }
      if (j < length && at(j) == '/' && at(j + 1) == '/') {
        j = MlirSyntax.commentEnd(s, j);
        continue;
      }
      break;
    }
    if (j >= length) {
      return true;
    }
    char c = at(j);
    return c == '#' || c == '!' || c == '"' || c == '%' || c == '{' || MlirSyntax.isLetter(c);
  }

  private static char closer(char open) {
    return switch (open) {
      case '(' -> ')';
      case '[' -> ']';
      case '{' -> '}';
      default -> '>';
    };
  }

  private static char opener(char close) {
    return switch (close) {
      case ')' -> '(';
      case ']' -> '[';
      case '}' -> '{';
      default -> '<';
    };
  }

  /**
   * The text {@code [start, end)} as one character per byte, without comments (a text joined to
   * another must not end in one) and without blanks around it.
   */
  private String raw(long start, long end) {
    String text = new String(s.bytes(start, end), StandardCharsets.ISO_8859_1);
    if (text.contains("//")) {
      text = TypeText.withoutComments(text);
    }
    return text.strip();
  }

  /** MLIR's string literal for {@code bytes}: quotes and backslashes escaped, control bytes hex. */
  static String quote(byte[] bytes) {
    StringBuilder out = new StringBuilder("\"");
    for (byte b : bytes) {
      int c = b & 0xFF;
      if (c == '"' || c == '\\') {
        out.append('\\').append((char) c);
      } else if (c < 0x20 || c == 0x7F) {
        out.append('\\')
            .append(Character.forDigit(c >> 4, 16))
            .append(Character.forDigit(c & 15, 16));
      } else {
        out.append((char) c);
      }
    }
    return out.append('"').toString();
  }

  private char at(long i) {
    return i < length ? s.charAt(i) : EOF;
  }

  private void skipTrivia() {
    while (p < length) {
      char c = s.charAt(p);
      if (MlirSyntax.isWhitespace(c)) {
        p++;
      } else if (c == '/' && at(p + 1) == '/') {
        p = MlirSyntax.commentEnd(s, p);
      } else {
        return;
      }
    }
  }

  private void expect(char c, String context) {
    if (at(p) != c) {
      throw error(p, "expected '" + c + "' " + context + ", found " + found(p));
    }
    p++;
  }

  /** What is at {@code i}, for an error message: a word, one character or the end of the file. */
  private String found(long i) {
    if (i >= length) {
      return "the end of the file";
    }
    char c = at(i);
    long end = i + 1;
    if (MlirSyntax.isBareIdChar(c)) {
      end = Math.min(MlirSyntax.bareIdEnd(s, i), i + 40);
    } else if (c >= 0x80) {
      while (end < length && (at(end) & 0xC0) == 0x80) {
        end++; // the whole character
      }
    }
    return "'" + source.string(i, end) + "'";
  }

  private DiagnosticException customForm(long at) {
    long end = MlirSyntax.bareIdEnd(s, at);
    String name = s.substring(at, end);
    return error(
        at,
        "op '"
            + name
            + "' is in custom form; bytecode output needs every op in generic form: print it"
            + " with --mlir-print-op-generic");
  }

  private DiagnosticException error(long at, String message) {
    return new DiagnosticException(Diagnostics.error(source, Math.min(at, length), message));
  }
}
