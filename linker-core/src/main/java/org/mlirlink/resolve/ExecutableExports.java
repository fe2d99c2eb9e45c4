package org.mlirlink.resolve;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mlirlink.model.MlirSyntax;
import org.mlirlink.model.OpKind;
import org.mlirlink.model.Operation;
import org.mlirlink.model.SourceText;
import org.mlirlink.model.Span;
import org.mlirlink.model.SymbolUse;
import org.mlirlink.model.TextEdit;
import org.mlirlink.resolve.DependencyWalker.Node;

/**
 * New names for what a renamed executable exports. When {@code iree-compile} links the executables
 * of a program it merges their entry points, so two executables that export one name cannot be
 * linked ({@code multiple public symbols with the name}). Two modules compiled apart name their
 * dispatches alike ({@code @f_dispatch_0::@f_dispatch_0_elementwise_4_f32}), so a library's
 * executable renamed on a clash renames its entry points too: {@code @f_dispatch_0_0} exports
 * {@code @f_dispatch_0_0_elementwise_4_f32}, and the export op, the inner function of that name and
 * every {@code @exe::@export} reference follow.
 *
 * <pre>{@code
 * ExecutableExports exports = ExecutableExports.assign(target.operations(), walk.linked());
 * exports.renamesOf(node);   // {"f_dispatch_0_elementwise_4_f32" -> "f_dispatch_0_0_elementwise_4_f32"}
 * }</pre>
 *
 * <p>A bundle, which renames a private executable of an anonymous module on a clash, uses the same
 * rule ({@link #newNames}, {@link #renameInside}, {@link #renameNested}).
 */
final class ExecutableExports {
  /**
   * The text in front of an export's {@code @name}: an {@code *.executable.export} op, then perhaps
   * a visibility keyword.
   */
  private static final Pattern EXPORT_OP =
      Pattern.compile("[A-Za-z_][\\w$.]*\\.executable\\.export\\s+((public|private|nested)\\s+)?$");

  /** An export op in generic form, whose name is its {@code sym_name} property. */
  private static final Pattern GENERIC_EXPORT_OP =
      Pattern.compile("\"[A-Za-z_][\\w$.]*\\.executable\\.export\"\\(");

  /** A {@code sym_name} in generic form; its name without escapes (the names IREE writes). */
  private static final Pattern SYM_NAME = Pattern.compile("\\bsym_name = \"([^\"\\\\]*)\"");

  private final Map<Node, Map<String, String>> renames = new HashMap<>();

  private ExecutableExports() {}

  /**
   * Gives new export names to every executable in {@code linked} that the link renamed. Each new
   * name is free of every export of the output's executables and of every top-level name.
   */
  static ExecutableExports assign(Iterable<Operation> targetOps, List<Node> linked) {
    ExecutableExports result = new ExecutableExports();
    List<Node> renamed = new ArrayList<>();
    for (Node node : linked) {
      if (node.op().kind() == OpKind.EXECUTABLE && !node.name.equals(node.definition.localName())) {
        renamed.add(node);
      }
    }
    if (renamed.isEmpty()) {
      return result; // the usual link: no executable's exports are read
    }
    Set<String> taken = new HashSet<>();
    for (Operation op : targetOps) {
      takeNames(op, taken);
    }
    for (Node node : linked) {
      taken.add(node.name);
      takeNames(node.op(), taken);
    }
    for (Node node : renamed) {
      Map<String, String> names = newNames(node.op(), node.name, taken);
      if (!names.isEmpty()) {
        result.renames.put(node, names);
      }
    }
    return result;
  }

  /** The new names of {@code node}'s exports, old to new; empty when they keep theirs. */
  Map<String, String> renamesOf(Node node) {
    return renames.getOrDefault(node, Map.of());
  }

  /** Adds {@code op}'s symbol name and, for an executable, what it exports, to {@code taken}. */
  static void takeNames(Operation op, Set<String> taken) {
    op.symbolName().ifPresent(taken::add);
    if (op.kind() == OpKind.EXECUTABLE) {
      taken.addAll(exportNames(op));
    }
  }

  /**
   * New names for what {@code executable} exports now that it is called {@code newName}, each free
   * of {@code taken} and added to it: {@code @f_dispatch_0_elementwise} of {@code @f_dispatch_0}
   * renamed {@code @f_dispatch_0_0} becomes {@code @f_dispatch_0_0_elementwise}.
   */
  static Map<String, String> newNames(Operation executable, String newName, Set<String> taken) {
    String oldName = executable.symbolName().orElseThrow();
    Map<String, String> names = new HashMap<>();
    for (String export : exportNames(executable)) {
      String wanted =
          export.startsWith(oldName) ? newName + export.substring(oldName.length()) : export;
      String name = taken.contains(wanted) ? FreshNames.fresh(wanted, taken::contains) : wanted;
      taken.add(name);
      names.put(export, name);
    }
    return names;
  }

  /**
   * Adds the edits that rename, inside {@code executable}, each export in {@code names} and every
   * use of its name (the inner function that implements it).
   */
  static void renameInside(Operation executable, Map<String, String> names, List<TextEdit> edits) {
    if (names.isEmpty()) {
      return;
    }
    Span body = executable.body().orElseThrow();
    for (SymbolUse use : executable.symbolUses()) {
      String name = names.get(use.root());
      if (name != null && body.contains(use.rootSpan())) {
        edits.add(OpEdits.renameUse(use, name));
      }
    }
    // In generic form an export and the function that implements it name themselves in a string.
    String text = genericBody(executable, body);
    if (text != null) {
      Matcher m = SYM_NAME.matcher(text);
      while (m.find()) {
        String name = names.get(m.group(1));
        if (name != null) {
          long start = body.start() + m.start(1) - 1;
          long end = body.start() + m.end(1) + 1;
          edits.add(new TextEdit(new Span(start, end), MlirSyntax.stringLiteral(name)));
        }
      }
    }
  }

  /** The text of an executable's body when it holds ops in generic form, else null. */
  private static String genericBody(Operation executable, Span body) {
    String text = executable.source().string(body.start(), body.end());
    return text.contains(".executable.export\"(") ? text : null;
  }

  /**
   * Adds the edits that make {@code use}, a reference to an executable such as {@code
   * @exe::@export} or {@code @exe::@variant::@export}, name the exports' new {@code names}.
   */
  static void renameNested(
      SourceText source, SymbolUse use, Map<String, String> names, List<TextEdit> edits) {
    if (names.isEmpty() || use.nested().isEmpty()) {
      return;
    }
    long p = use.rootSpan().end();
    for (String part : use.nested()) {
      long start = p + 2; // past "::"
      long end = symbolEnd(source, start);
      String name = names.get(part);
      if (name != null) {
        edits.add(new TextEdit(new Span(start, end), MlirSyntax.symbolReference(name)));
      }
      p = end;
    }
  }

  /** The names {@code executable} exports, in text order. */
  static List<String> exportNames(Operation executable) {
    Span body = executable.body().orElse(null);
    if (body == null) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    for (SymbolUse use : executable.symbolUses()) {
      if (body.contains(use.rootSpan())
          && use.nested().isEmpty()
          && EXPORT_OP.matcher(executable.textBefore(use)).find()) {
        names.add(use.root());
      }
    }
    String text = genericBody(executable, body);
    if (text != null) {
      // The first sym_name after a generic export op is its own: its properties come before its
      // region.
      Matcher op = GENERIC_EXPORT_OP.matcher(text);
      Matcher name = SYM_NAME.matcher(text);
      while (op.find()) {
        if (name.find(op.end())) {
          names.add(name.group(1));
        }
      }
    }
    return names;
  }

  /** Where the symbol name {@code @name} or {@code @"name"} starting at {@code at} ends. */
  private static long symbolEnd(SourceText source, long at) {
    String text = source.string(at, Math.min(source.length(), at + 4096));
    int end =
        text.length() > 1 && text.charAt(1) == '"'
            ? MlirSyntax.stringEnd(text, 1)
            : MlirSyntax.suffixIdEnd(text, 1);
    return at + end;
  }
}
