package org.mlirlink.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes the op table that {@link OpTable} reads ({@code op-table.txt} beside it in linker-core's
 * resources) from the IREE compiler package installed in {@code .venv/}. The package's Python
 * bindings ({@code iree/compiler/dialects/_*_ops_gen.py}) declare every op of the dialects it
 * ships: its name, the inherent attributes its builder sets (with each one's attribute kind, and
 * whether the builder may leave it out), its operand and result segments, and its regions. Those
 * facts, and nothing else of the bindings, go into the table.
 *
 * <p>The bindings are read as text, line by line. A line that sets an attribute in a way this
 * reader does not know is an error, not skipped: a release that writes its bindings differently
 * must be looked at, not misread.
 *
 * <p>Regenerate the table after moving to another IREE release (from the project root):
 *
 * <pre>
 * mvn -B -q -ntp -pl linker-core -am test-compile
 * java -cp linker-core/target/classes:linker-core/target/test-classes org.mlirlink.model.OpTableGenerator
 * </pre>
 */
public final class OpTableGenerator {
  /** Where the table is kept, from the project root. */
  public static final Path TABLE =
      Path.of("linker-core", "src", "main", "resources", "org", "mlirlink", "model", OpTable.FILE);

  private static final Pattern OP_CLASS = Pattern.compile("class \\w+\\(_ods_ir\\.OpView\\):");
  private static final Pattern OP_NAME = Pattern.compile(" {2}OPERATION_NAME = \"([^\"]+)\"");
  private static final Pattern OPERAND_SEGMENTS =
      Pattern.compile(" {2}_ODS_OPERAND_SEGMENTS = \\[(.*)\\]");
  private static final Pattern RESULT_SEGMENTS =
      Pattern.compile(" {2}_ODS_RESULT_SEGMENTS = \\[(.*)\\]");
  private static final Pattern REGIONS =
      Pattern.compile(" {2}_ODS_REGIONS = \\((\\d+), (True|False)\\)");

  /** A required attribute: the builder always sets it. */
  private static final Pattern REQUIRED = Pattern.compile(" {4}attributes\\[\"([^\"]+)\"\\] = \\(");

  /** An optional attribute: set when the caller gives it. */
  private static final Pattern OPTIONAL =
      Pattern.compile(" {4}if \\w+ is not None: attributes\\[\"([^\"]+)\"\\] = \\(");

  /** A unit attribute: set when the caller's flag is true. */
  private static final Pattern UNIT =
      Pattern.compile(
          " {4}if bool\\(\\w+\\): attributes\\[\"([^\"]+)\"\\] = _ods_ir\\.UnitAttr\\.get\\(");

  /** A read of an attribute already set (to infer a result type from it). */
  private static final Pattern READ = Pattern.compile(" +\\w+ = attributes\\[\"[^\"]+\"\\]");

  /** The attribute kind the builder converts a plain value with. */
  private static final Pattern KIND = Pattern.compile("AttrBuilder\\.contains\\('([^']+)'\\)");

  // What the table's fields may hold without breaking apart (at tabs, commas, colons).
  private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");
  private static final Pattern ATTRIBUTE_KIND = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");
  private static final Pattern OPERATION = Pattern.compile("[A-Za-z_][A-Za-z0-9_$.]*");

  /** The attribute kinds of a symbol's name: a string. */
  private static final List<String> STRING_KINDS = List.of("SymbolNameAttr", "StrAttr");

  private OpTableGenerator() {}

  /**
   * Writes the table. Arguments: the virtual environment ({@code .venv}) and the table's path
   * ({@link #TABLE}), both from the working directory and both optional.
   */
  public static void main(String[] args) throws IOException {
    Path venv = Path.of(args.length > 0 ? args[0] : ".venv");
    Path out = args.length > 1 ? Path.of(args[1]) : TABLE;
    Path dialects = dialectsDir(venv);
    if (dialects == null) {
      throw new IOException("no IREE compiler package under " + venv);
    }
    Files.writeString(out, generate(dialects), StandardCharsets.UTF_8);
    System.out.println("wrote " + out + " from " + dialects);
  }

  /**
   * The folder of the op bindings in a virtual environment ({@code
   * lib/python3.X/site-packages/iree/compiler/dialects}), or null when it has none.
   */
  public static Path dialectsDir(Path venv) throws IOException {
    Path lib = venv.resolve("lib");
    if (!Files.isDirectory(lib)) {
      return null;
    }
    try (Stream<Path> pythons = Files.list(lib)) {
      for (Path python : pythons.sorted().toList()) {
        Path dialects = python.resolve(Path.of("site-packages", "iree", "compiler", "dialects"));
        if (python.getFileName().toString().startsWith("python") && Files.isDirectory(dialects)) {
          return dialects;
        }
      }
    }
    return null;
  }

  /**
   * The version of the compiler package the bindings belong to, from the name of its {@code
   * iree_base_compiler-VERSION.dist-info} folder beside {@code iree/}.
   */
  public static String version(Path dialects) throws IOException {
    Path sitePackages = dialects.getParent().getParent().getParent();
    try (Stream<Path> entries = Files.list(sitePackages)) {
      List<String> versions =
          entries
              .map(p -> p.getFileName().toString())
              .filter(n -> n.startsWith("iree_base_compiler-") && n.endsWith(".dist-info"))
              .map(
                  n ->
                      n.substring(
                          "iree_base_compiler-".length(), n.length() - ".dist-info".length()))
              .toList();
      if (versions.size() != 1) {
        throw new IOException(
            "expected one iree_base_compiler-*.dist-info in " + sitePackages + ": " + versions);
      }
      return versions.get(0);
    }
  }

  /** The table's text for the bindings in {@code dialects}. */
  public static String generate(Path dialects) throws IOException {
    Map<String, String> rows = new TreeMap<>();
    List<Path> files;
    try (Stream<Path> list = Files.list(dialects)) {
      files =
          list.filter(
                  p -> {
                    String name = p.getFileName().toString();
                    return name.startsWith("_") && name.endsWith("_ops_gen.py");
                  })
              .sorted()
              .toList();
    }
    if (files.isEmpty()) {
      throw new IOException("no _*_ops_gen.py in " + dialects);
    }
    for (Path file : files) {
      for (Op op : readOps(file)) {
        String row = op.row();
        String earlier = rows.putIfAbsent(op.name, row);
        if (earlier != null && !earlier.equals(row)) {
          throw new IOException(file + ": " + op.name + " differs from its row in another file");
        }
      }
    }
    StringBuilder out = new StringBuilder();
    out.append("# The ops of the dialects that iree-base-compiler ")
        .append(version(dialects))
        .append(" ships, one a line, sorted by name.\n")
        .append(
            "# Written by OpTableGenerator (linker-core's tests) from the package; do not edit.\n")
        .append("# Fields, separated by tabs:\n")
        .append("#   the op's name;\n")
        .append(
            "#   S when its ops define a symbol (it has an inherent string sym_name; where that\n")
        .append("#   is optional, those that have one do), else -;\n")
        .append("#   its inherent attributes sorted by name, NAME:KIND, with ? after an optional\n")
        .append("#   one's NAME, separated by commas (- for none);\n")
        .append("#   its operand segments and its result segments, one character a segment\n")
        .append("#   (1 a value, ? an optional one, * any number), or - for an op without;\n")
        .append("#   its number of regions, with + when more may follow.\n");
    rows.values().forEach(row -> out.append(row).append('\n'));
    if (!out.chars().allMatch(c -> c < 0x80)) {
      throw new IOException("the table must be ASCII: OpTable reads it as such");
    }
    return out.toString();
  }

  /** One op of the bindings. */
  private static final class Op {
    String name;
    final Map<String, String> attributes = new TreeMap<>();
    final Map<String, Boolean> optional = new TreeMap<>();
    String operandSegments = "-";
    String resultSegments = "-";
    String regions;

    String row() {
      String symbolKind = attributes.get("sym_name");
      boolean definesSymbol = symbolKind != null && STRING_KINDS.contains(symbolKind);
      List<String> entries = new ArrayList<>();
      attributes.forEach(
          (attribute, kind) ->
              entries.add(attribute + (optional.get(attribute) ? "?" : "") + ":" + kind));
      return String.join(
          "\t",
          name,
          definesSymbol ? "S" : "-",
          entries.isEmpty() ? "-" : String.join(",", entries),
          operandSegments,
          resultSegments,
          regions);
    }
  }

  /** Every op declared in one bindings file. */
  static List<Op> readOps(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<Op> ops = new ArrayList<>();
    Op op = null;
    boolean inBuilder = false;
    String pendingKind = null; // an attribute set whose kind is still to be read
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String where = file.getFileName() + ":" + (i + 1) + ": ";
      if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0))) {
        // A statement at the file's level ends the class before it.
        finish(op, pendingKind, where, ops);
        op = OP_CLASS.matcher(line).matches() ? new Op() : null;
        inBuilder = false;
        pendingKind = null;
        continue;
      }
      if (op == null) {
        continue;
      }
      Matcher m;
      if ((m = OP_NAME.matcher(line)).matches()) {
        op.name = check(OPERATION, m.group(1), where);
      } else if ((m = OPERAND_SEGMENTS.matcher(line)).matches()) {
        op.operandSegments = segments(m.group(1), where);
      } else if ((m = RESULT_SEGMENTS.matcher(line)).matches()) {
        op.resultSegments = segments(m.group(1), where);
      } else if ((m = REGIONS.matcher(line)).matches()) {
        op.regions = m.group(1) + (m.group(2).equals("True") ? "" : "+");
      } else if (line.startsWith("  def __init__(")) {
        inBuilder = true;
      } else if (inBuilder && line.startsWith("  def ")) {
        inBuilder = false;
      } else if (inBuilder && line.startsWith("    super().__init__(")) {
        inBuilder = false;
      } else if (inBuilder) {
        if (line.contains("attributes[") && !READ.matcher(line).matches()) {
          if (pendingKind != null) {
            throw new IOException(where + "no attribute kind for " + pendingKind);
          }
          pendingKind = readAttribute(op, line, where);
        }
        Matcher kind = KIND.matcher(line);
        if (pendingKind != null && kind.find()) {
          op.attributes.put(pendingKind, check(ATTRIBUTE_KIND, kind.group(1), where));
          pendingKind = null;
        }
      }
    }
    finish(op, pendingKind, file.getFileName() + ": at the end: ", ops);
    return ops;
  }

  /**
   * Notes the attribute a builder line sets, and whether it is optional; returns its name when its
   * kind is still to be read (on this line or a following one), null when it is known.
   */
  private static String readAttribute(Op op, String line, String where) throws IOException {
    Matcher m;
    String attribute;
    boolean optional = true;
    String kind = null;
    if ((m = REQUIRED.matcher(line)).lookingAt()) {
      attribute = m.group(1);
      optional = false;
    } else if ((m = OPTIONAL.matcher(line)).lookingAt()) {
      attribute = m.group(1);
    } else if ((m = UNIT.matcher(line)).lookingAt()) {
      attribute = m.group(1);
      kind = "UnitAttr";
    } else {
      throw new IOException(where + "an attribute set in an unknown way: " + line.strip());
    }
    check(ATTRIBUTE_NAME, attribute, where);
    if (op.optional.put(attribute, optional) != null) {
      throw new IOException(where + attribute + " is set twice");
    }
    if (kind != null) {
      op.attributes.put(attribute, kind);
      return null;
    }
    return attribute;
  }

  /** Adds a complete op to {@code ops}; an op class without a name or regions is an error. */
  private static void finish(Op op, String pendingKind, String where, List<Op> ops)
      throws IOException {
    if (op == null) {
      return;
    }
    if (op.name == null || op.regions == null || pendingKind != null) {
      throw new IOException(
          where + "an op class without a name, regions or an attribute's kind (" + op.name + ")");
    }
    ops.add(op);
  }

  /** {@code 1,-1,0,} as {@code 1*?}. */
  private static String segments(String list, String where) throws IOException {
    StringBuilder out = new StringBuilder();
    for (String segment : list.split(",")) {
      switch (segment.strip()) {
        case "1" -> out.append('1');
        case "0" -> out.append('?');
        case "-1" -> out.append('*');
        case "" -> {}
        default -> throw new IOException(where + "unknown segment " + segment);
      }
    }
    if (out.isEmpty()) {
      throw new IOException(where + "no segments in [" + list + "]");
    }
    return out.toString();
  }

  private static String check(Pattern pattern, String value, String where) throws IOException {
    if (!pattern.matcher(value).matches()) {
      throw new IOException(where + "unexpected characters in '" + value + "'");
    }
    return value;
  }
}
