package org.mlirlink.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mlirlink.model.TdRecords.Dag;
import org.mlirlink.model.TdRecords.DagArg;
import org.mlirlink.model.TdRecords.Lst;
import org.mlirlink.model.TdRecords.Rec;
import org.mlirlink.model.TdRecords.Ref;
import org.mlirlink.model.TdRecords.Str;
import org.mlirlink.model.TdRecords.Value;

/**
 * The rows of the op table for the ops a {@code .td} file defines, read with {@code mlir-tblgen}:
 * the same facts {@link OpTableGenerator} reads from the Python bindings, derived from the op
 * definitions the way ODS derives them (MLIR's {@code mlir/TableGen/Operator.cpp}), and the native
 * properties, which the bindings do not show.
 *
 * <p>Each op's properties layout is then checked against the code ODS itself generates for the op
 * ({@code mlir-tblgen -gen-op-defs}: its {@code writeProperties}): the same attributes in the same
 * order, each written as required or optional alike, the same native properties, the same segment
 * sizes. A difference is an error, so the table cannot hold a layout ODS would not write.
 */
final class OpTableTd {
  private OpTableTd() {}

  /** An inherent attribute: its kind, and whether the bytecode writes it as optional. */
  record Attr(String kind, boolean optional) {}

  /**
   * A native property: its name, its kind (its definition's name, or the ODS class that made an
   * unnamed one) and how the bytecode writes it ({@link #encoding}).
   */
  record Prop(String name, String kind, String encoding) {}

  /** One op, as the table keeps it. */
  static final class Op {
    String name;
    String cppName; // ns::Class, to find the op in ODS's generated code
    final Map<String, Attr> attributes = new TreeMap<>();
    final List<Prop> properties = new ArrayList<>();
    String operandSegments = "-";
    String resultSegments = "-";
    String regions;
    boolean symbolInterface; // the op implements SymbolOpInterface
    boolean optionalSymbol; // ...and says its name is optional

    boolean definesSymbol() {
      Attr symbol = attributes.get("sym_name");
      return symbol != null && OpTableGenerator.STRING_KINDS.contains(symbol.kind());
    }

    /** The first six fields of the op's row, as {@link OpTableGenerator} writes them. */
    List<String> fields() {
      List<String> entries = new ArrayList<>();
      attributes.forEach(
          (name, attr) -> entries.add(name + (attr.optional() ? "?" : "") + ":" + attr.kind()));
      return List.of(
          name,
          definesSymbol() ? "S" : "-",
          entries.isEmpty() ? "-" : String.join(",", entries),
          operandSegments,
          resultSegments,
          regions);
    }

    /** The native properties field: NAME:KIND:ENCODING for each, in the order written, or -. */
    String propertiesField() {
      if (properties.isEmpty()) {
        return "-";
      }
      List<String> entries = new ArrayList<>();
      for (Prop p : properties) {
        entries.add(p.name() + ":" + p.kind() + ":" + p.encoding());
      }
      return String.join(",", entries);
    }
  }

  /**
   * The ops of {@code dialects} that {@code td} defines (with what it includes), by name; {@code
   * includes} are TableGen's include folders. Fails when TableGen does, or when a derived layout is
   * not the one ODS generates.
   */
  static Map<String, Op> read(Path tblgen, List<Path> includes, Path td, Set<String> dialects)
      throws IOException {
    TdRecords records = TdRecords.run(tblgen, includes, td);
    Map<String, Op> ops = derive(records, dialects, td.getFileName().toString());
    Map<String, List<String>> written =
        writtenLayouts(runTool(tblgen, "-gen-op-defs", includes, td));
    for (Op op : ops.values()) {
      List<String> expected = expectedLayout(op);
      List<String> actual = written.getOrDefault(op.cppName, List.of());
      if (!expected.equals(actual)) {
        throw new IOException(
            td.getFileName()
                + ": "
                + op.name
                + ": the layout derived from the records, "
                + expected
                + ", is not the one ODS writes, "
                + actual);
      }
    }
    for (Op op : ops.values()) {
      addSymbolAttributes(op);
    }
    return ops;
  }

  /** The ops of {@code dialects} among {@code records}. */
  static Map<String, Op> derive(TdRecords records, Set<String> dialects, String where)
      throws IOException {
    Map<String, Op> ops = new TreeMap<>();
    for (Rec rec : records.all().values()) {
      if (!rec.isA("Op") || !rec.fields().containsKey("opDialect")) {
        continue;
      }
      Rec dialect = records.refField(rec, "opDialect");
      String dialectName = string(dialect, "name");
      if (!dialects.contains(dialectName)) {
        continue;
      }
      Op op;
      try {
        op = op(records, rec, dialectName);
      } catch (IOException e) {
        throw new IOException(where + ": " + rec.name() + ": " + e.getMessage(), e);
      }
      if (ops.put(op.name, op) != null) {
        throw new IOException(where + ": two definitions of " + op.name);
      }
    }
    return ops;
  }

  /** One op's row facts, from its record. */
  private static Op op(TdRecords records, Rec rec, String dialectName) throws IOException {
    if (bit(rec, "useCustomPropertiesEncoding")) {
      throw new IOException("the op encodes its properties its own way: not in the table's terms");
    }
    Op op = new Op();
    op.name = dialectName + "." + string(rec, "opName");
    String cppNamespace = string(rec, "cppNamespace");
    op.cppName = withoutLeadingColons(cppNamespace + "::" + cppClassName(rec.name()));
    List<String> traits = new ArrayList<>();
    collectTraits(records, TdRecords.value(rec.field("traits")), traits);
    op.symbolInterface = traits.contains("::mlir::SymbolOpInterface");
    op.optionalSymbol = OPTIONAL_SYMBOL.matcher(code(rec, "extraClassDeclaration")).find();
    List<Rec> operands = new ArrayList<>();
    for (DagArg arg : dag(rec, "arguments").args()) {
      Rec def = unwrapVariable(records, ref(records, arg.value()));
      if (def.isA("TypeConstraint")) {
        operands.add(def);
      } else if (def.isA("Attr")) {
        if (def.isA("DerivedAttr")) {
          continue; // computed, never stored
        }
        op.attributes.put(name(arg), attr(records, def));
      } else if (def.isA("Property")) {
        op.properties.add(new Prop(name(arg), propertyKind(def), encoding(def)));
      } else {
        throw new IOException("an argument neither operand, attribute nor property: " + def.name());
      }
    }
    List<Rec> results = new ArrayList<>();
    for (DagArg arg : dag(rec, "results").args()) {
      results.add(unwrapVariable(records, ref(records, arg.value())));
    }
    if (traits.contains("::mlir::OpTrait::AttrSizedOperandSegments")) {
      op.operandSegments = segments(operands);
    }
    if (traits.contains("::mlir::OpTrait::AttrSizedResultSegments")) {
      op.resultSegments = segments(results);
    }
    int regions = 0;
    boolean variadic = false;
    for (DagArg arg : dag(rec, "regions").args()) {
      Rec region = ref(records, arg.value());
      if (region.isA("VariadicRegion")) {
        variadic = true;
      } else {
        regions++;
      }
    }
    op.regions = regions + (variadic ? "+" : "");
    return op;
  }

  private static final Pattern OPTIONAL_SYMBOL =
      Pattern.compile("bool\\s+isOptionalSymbol\\(\\)\\s*(const\\s*)?\\{\\s*return\\s+true;");

  /** A string or code field's text, empty when unset. */
  private static String code(Rec rec, String field) throws IOException {
    String text = rec.fields().get(field);
    if (text == null) {
      return "";
    }
    Value value = TdRecords.value(text);
    return value instanceof Str s ? s.text() : "";
  }

  /**
   * Gives an op that implements {@code SymbolOpInterface} the inherent {@code sym_name} and {@code
   * sym_visibility} it lacks. MLIR made every symbol op store both as inherent attributes after
   * LLVM 22 and after IREE {@value OpTableGenerator#IREE_COMMIT} (llvm-project pull request 218920,
   * August 2026), and the release has that change: its symbol ops write {@code sym_visibility}
   * (optional, a {@code StrAttr}) and {@code sym_name} (a {@code SymbolNameAttr}, optional for an
   * op whose name is: {@code isOptionalSymbol}) into their properties. The {@code .td} files read
   * are from before it. Returns whether the op was changed.
   */
  static boolean addSymbolAttributes(Op op) {
    if (!op.symbolInterface) {
      return false;
    }
    boolean changed = false;
    if (!op.attributes.containsKey("sym_name")) {
      op.attributes.put("sym_name", new Attr("SymbolNameAttr", op.optionalSymbol));
      changed = true;
    }
    if (!op.attributes.containsKey("sym_visibility")) {
      op.attributes.put("sym_visibility", new Attr("StrAttr", true));
      changed = true;
    }
    return changed;
  }

  /**
   * The C++ class of an op's record, as ODS names it: what follows the first {@code _} of the
   * record's name ({@code Util_GlobalOp} is {@code GlobalOp}), or the whole name without one.
   */
  static String cppClassName(String recordName) {
    int underscore = recordName.indexOf('_');
    if (underscore == 0 || underscore < 0) {
      return recordName;
    }
    String rest = recordName.substring(underscore + 1);
    return rest.isEmpty() ? recordName.substring(0, underscore) : rest;
  }

  /**
   * The traits of an op, by their full C++ name ({@code
   * ::mlir::OpTrait::AttrSizedOperandSegments}), with lists of traits ({@code Pure}) opened.
   */
  private static void collectTraits(TdRecords records, Value list, List<String> out)
      throws IOException {
    if (!(list instanceof Lst items)) {
      return;
    }
    for (Value item : items.items()) {
      if (!(item instanceof Ref ref)) {
        continue;
      }
      Rec trait = records.get(ref.name());
      if (trait.isA("TraitList")) {
        collectTraits(records, TdRecords.value(trait.field("traits")), out);
      } else if (trait.isA("Interface") && trait.fields().containsKey("cppInterfaceName")) {
        String namespace = string(trait, "cppNamespace");
        out.add(namespace + "::" + string(trait, "cppInterfaceName"));
        if (trait.fields().containsKey("baseInterfaces")) {
          collectTraits(records, TdRecords.value(trait.field("baseInterfaces")), out);
        }
      } else if (trait.isA("NativeTrait") && trait.fields().containsKey("trait")) {
        String namespace = string(trait, "cppNamespace");
        out.add(namespace + "::" + string(trait, "trait"));
      }
    }
  }

  /** The constraint an {@code Arg<...>} or {@code Res<...>} wraps, else the record itself. */
  private static Rec unwrapVariable(TdRecords records, Rec rec) throws IOException {
    while (rec.isA("OpVariable")) {
      rec = records.refField(rec, "constraint");
    }
    return rec;
  }

  /** An attribute: optional when ODS writes it so (optional, defaulted, or derived: see above). */
  private static Attr attr(TdRecords records, Rec def) throws IOException {
    boolean optional = bit(def, "isOptional") || !defaultValue(def).isEmpty();
    return new Attr(attrKind(records, def), optional);
  }

  private static String defaultValue(Rec def) throws IOException {
    Value value = TdRecords.value(def.field("defaultValue"));
    return value instanceof Str s ? s.text().strip() : "";
  }

  /**
   * An attribute's kind as the Python bindings name it: its definition's name, or for an unnamed
   * one ({@code OptionalAttr<StrAttr>}) the name of the attribute it wraps, followed through; an
   * enum attribute that a dialect defines ({@code EnumAttr<Arith_Dialect, ...>}) has the dialect's
   * name before it ({@code arith.Arith_FastMathAttr}).
   */
  static String attrKind(TdRecords records, Rec def) throws IOException {
    Rec base = def;
    while (true) {
      Rec next = records.refField(base, "baseAttr");
      if (next == null) {
        break;
      }
      base = next;
    }
    String name = def.anonymous() ? base.name() : def.name();
    Rec enumAttr = def.isA("EnumAttr") ? def : base.isA("EnumAttr") ? base : null;
    if (enumAttr != null && enumAttr.fields().containsKey("dialect")) {
      Rec dialect = records.refField(enumAttr, "dialect");
      if (dialect != null) {
        String prefix = string(dialect, "name");
        if (!prefix.isEmpty()) {
          return prefix + "." + name;
        }
      }
    }
    return name;
  }

  /** A property's kind: its definition's name, or the ODS class that made an unnamed one. */
  private static String propertyKind(Rec def) {
    if (!def.anonymous()) {
      return def.name();
    }
    return def.superclasses().get(def.superclasses().size() - 1);
  }

  private static final Pattern ARRAY =
      Pattern.compile(
          "\\$_writer\\.writeVarInt\\((.+?)\\.size\\(\\)\\);"
              + "for\\(constauto&elemVal:\\1\\)\\{\\[&\\]\\(\\)\\{(.*);\\}\\(\\);\\}");
  private static final Pattern OPTIONAL =
      Pattern.compile(
          "\\$_writer\\.writeOwnedBool\\((.+?)\\.has_value\\(\\)\\);"
              + "if\\(\\1\\.has_value\\(\\)\\)\\{(.*)\\}");

  /**
   * How a property is written to bytecode, from its {@code writeToMlirBytecode} code: {@code
   * varint} (a variable-length integer; enums too), {@code bool} (one byte), {@code string} (a
   * string's index), {@code array-E} (a count, then each element as E), {@code optional-E} (a bool,
   * then E when it is true). Code of another shape is an error: it must be looked at.
   */
  static String encoding(Rec def) throws IOException {
    Value code = TdRecords.value(def.field("writeToMlirBytecode"));
    if (!(code instanceof Str s)) {
      throw new IOException("property " + def.name() + " has no bytecode writer");
    }
    String compact = s.text().replaceAll("\\s+", "");
    String encoding = encoding(compact, "$_storage");
    if (encoding == null) {
      throw new IOException(
          "property " + def.name() + " is written in an unknown way: " + s.text().strip());
    }
    return encoding;
  }

  /** The encoding of whitespace-free writer code that writes {@code storage}, or null. */
  private static String encoding(String code, String storage) {
    code = code.replaceAll(";+$", ";").replaceAll(";;+", ";");
    if (!code.endsWith(";") && !code.endsWith("}")) {
      code = code + ";";
    }
    Matcher m;
    if ((m = ARRAY.matcher(code)).matches() && m.group(1).equals(storage)) {
      String element = encoding(m.group(2) + ";", "elemVal");
      return element == null ? null : "array-" + element;
    }
    if ((m = OPTIONAL.matcher(code)).matches() && m.group(1).equals(storage)) {
      String element = encoding(m.group(2), "(*(" + storage + "))");
      return element == null ? null : "optional-" + element;
    }
    String varInt = call(code, "writeVarInt");
    if (storage.equals(varInt) || ("static_cast<uint64_t>(" + storage + ")").equals(varInt)) {
      return "varint";
    }
    if (storage.equals(call(code, "writeOwnedBool"))) {
      return "bool";
    }
    if (storage.equals(call(code, "writeOwnedString"))) {
      return "string";
    }
    return null;
  }

  /**
   * The argument of {@code code} when it is exactly {@code $_writer.METHOD(ARGUMENT);}, or null.
   */
  private static String call(String code, String method) {
    String prefix = "$_writer." + method + "(";
    if (code.startsWith(prefix) && code.endsWith(");")) {
      return code.substring(prefix.length(), code.length() - 2);
    }
    return null;
  }

  /** {@code 1} a value, {@code ?} an optional one, {@code *} any number, for each group. */
  private static String segments(List<Rec> groups) throws IOException {
    StringBuilder out = new StringBuilder();
    for (Rec group : groups) {
      out.append(group.isA("Optional") ? '?' : group.isA("Variadic") ? '*' : '1');
    }
    if (out.isEmpty()) {
      throw new IOException("sized segments without any group");
    }
    return out.toString();
  }

  /**
   * The layout ODS writes for an op, in the terms of {@link #writtenLayouts}: each stored attribute
   * in the order of their names, then each native property in the order the op declares them, then
   * the operand and the result segment sizes.
   */
  static List<String> expectedLayout(Op op) {
    List<String> layout = new ArrayList<>();
    op.attributes.forEach((name, attr) -> layout.add((attr.optional() ? "?" : "") + name));
    for (Prop p : op.properties) {
      layout.add("%" + p.name());
    }
    if (!op.operandSegments.equals("-")) {
      layout.add("%operandSegmentSizes");
    }
    if (!op.resultSegments.equals("-")) {
      layout.add("%resultSegmentSizes");
    }
    return layout;
  }

  private static final Pattern SECTION = Pattern.compile("(?m)^// (.+) definitions$");
  private static final Pattern WRITE_PROPERTIES =
      Pattern.compile(
          "(?ms)^void \\w+::writeProperties\\(::mlir::DialectBytecodeWriter &writer\\) \\{\\n(.*?)^\\}$");
  private static final Pattern LEGACY_SEGMENTS =
      Pattern.compile(
          "(?s)if \\(writer\\.getBytecodeVersion\\(\\) < /\\*kNativePropertiesODSSegmentSize=\\*/6\\)"
              + " \\{\\s*auto &propStorage = prop\\.\\w+;\\s*writer\\.writeAttribute\\(::mlir::DenseI32ArrayAttr::get\\([^;]*\\);\\s*\\}");
  private static final Pattern WRITTEN =
      Pattern.compile(
          "writer\\.write(Optional)?Attribute\\(prop\\.(\\w+)\\);|auto &propStorage = prop\\.(\\w+);");

  /**
   * What each op's generated {@code writeProperties} writes, by the op's C++ name: {@code NAME} for
   * an attribute written as required, {@code ?NAME} for one written as optional, {@code %NAME} for
   * a native property (the segment sizes among them). The writes of the segment sizes for versions
   * before 6 are left out: a reader of this table reads version 6.
   */
  static Map<String, List<String>> writtenLayouts(String generated) throws IOException {
    Map<String, List<String>> layouts = new LinkedHashMap<>();
    Matcher section = SECTION.matcher(generated);
    List<int[]> bounds = new ArrayList<>();
    List<String> names = new ArrayList<>();
    while (section.find()) {
      names.add(withoutLeadingColons(section.group(1)));
      bounds.add(new int[] {section.end(), 0});
    }
    for (int i = 0; i < bounds.size(); i++) {
      int end = i + 1 < bounds.size() ? bounds.get(i + 1)[0] : generated.length();
      // The legacy writes first: their closing brace starts a line, as the method's does.
      String chunk =
          LEGACY_SEGMENTS.matcher(generated.substring(bounds.get(i)[0], end)).replaceAll("");
      Matcher body = WRITE_PROPERTIES.matcher(chunk);
      if (!body.find()) {
        continue;
      }
      String code = body.group(1);
      List<String> layout = new ArrayList<>();
      Matcher w = WRITTEN.matcher(code);
      while (w.find()) {
        layout.add(
            w.group(3) != null ? "%" + w.group(3) : (w.group(1) != null ? "?" : "") + w.group(2));
      }
      if (layouts.put(names.get(i), layout) != null) {
        throw new IOException("two definitions of " + names.get(i) + " in ODS's code");
      }
    }
    return layouts;
  }

  /** A C++ name as a key: without spaces (a namespace may have some) and leading colons. */
  private static String withoutLeadingColons(String name) {
    name = name.replaceAll("\\s+", "");
    return name.startsWith("::") ? name.substring(2) : name;
  }

  private static Dag dag(Rec rec, String field) throws IOException {
    Value value = TdRecords.value(rec.field(field));
    if (!(value instanceof Dag dag)) {
      throw new IOException(field + " is not a dag: " + rec.field(field));
    }
    return dag;
  }

  private static Rec ref(TdRecords records, Value value) throws IOException {
    if (!(value instanceof Ref ref)) {
      throw new IOException("expected a record, found " + value);
    }
    return records.get(ref.name());
  }

  private static String name(DagArg arg) throws IOException {
    if (arg.name() == null) {
      throw new IOException("an argument without a name: " + arg);
    }
    return arg.name();
  }

  static String string(Rec rec, String field) throws IOException {
    Value value = TdRecords.value(rec.field(field));
    if (value instanceof Str s) {
      return s.text();
    }
    throw new IOException(rec.name() + "." + field + " is not a string: " + rec.field(field));
  }

  private static boolean bit(Rec rec, String field) throws IOException {
    String text = rec.fields().get(field);
    if (text == null) {
      return false;
    }
    return switch (text) {
      case "1" -> true;
      case "0", "?" -> false;
      default -> throw new IOException(rec.name() + "." + field + " is not a bit: " + text);
    };
  }

  /**
   * Runs {@code tblgen BACKEND -I... td} and returns what it prints; its errors are the exception's
   * message.
   */
  static String runTool(Path tblgen, String backend, List<Path> includes, Path td)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(tblgen.toString());
    command.add(backend);
    for (Path include : includes) {
      command.add("-I");
      command.add(include.toString());
    }
    command.add(td.toString());
    Process process = new ProcessBuilder(command).start();
    process.getOutputStream().close();
    CompletableFuture<byte[]> err =
        CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
    byte[] out;
    try (InputStream in = process.getInputStream()) {
      out = in.readAllBytes();
    }
    try {
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not end");
      }
      String errors = new String(err.get(), StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new IOException(String.join(" ", command) + " failed:\n" + errors.strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    } catch (ExecutionException e) {
      throw new IOException(e);
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      return new byte[0];
    }
  }
}
