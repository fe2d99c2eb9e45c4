package org.mlirlink.write;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlirlink.model.AliasDefinition;
import org.mlirlink.model.ByteView;
import org.mlirlink.model.MlirFile;
import org.mlirlink.model.MlirSyntax;
import org.mlirlink.model.Operation;
import org.mlirlink.model.ResourceSection;
import org.mlirlink.model.SourceText;
import org.mlirlink.model.TextEdit;
import org.mlirlink.model.TopLevelItem;
import org.mlirlink.resolve.BundlePlanner;
import org.mlirlink.resolve.LinkPlan;
import org.mlirlink.resolve.PlacedText;

/**
 * Writes a file model, and a linked module from its {@link LinkPlan}: the target's text as it is,
 * with replaced declarations, the ops placed after them, new aliases and resource entries spliced
 * in. The entry point of the {@code write} stage.
 *
 * <pre>{@code
 * Output out = ModuleWriter.write(plan);
 * out.writeTo(writer);
 * }</pre>
 */
public final class ModuleWriter {
  private ModuleWriter() {}

  /** The file written back from its items and the text between them: the input, byte for byte. */
  public static Output write(MlirFile file) {
    Output out = new Output();
    SourceText source = file.source();
    long pos = 0;
    for (TopLevelItem item : file.items()) {
      out.append(source, pos, item.range().start());
      out.append(source, item.range().start(), item.range().end());
      pos = item.range().end();
    }
    out.append(source, pos, source.length());
    return out;
  }

  /** The linked module a plan describes. */
  public static Output write(LinkPlan plan) {
    MlirFile target = plan.target();
    SourceText source = target.source();
    if (plan.isEmpty()) {
      return new Output().append(source, 0, source.length()); // the input as it is
    }
    String nl = lineEnding(source);
    Output out = new Output();
    long pos = 0;
    if (!plan.newAliases().isEmpty()) {
      long at = aliasInsertionPoint(target);
      out.append(source, 0, at);
      pos = at;
      for (PlacedText alias : plan.newAliases()) {
        boolean fileStart = at == 0 || isAfterByteOrderMark(source, at);
        if (!fileStart) {
          out.append(nl);
        }
        append(out, alias);
        if (fileStart) {
          out.append(nl);
        }
      }
    }
    for (Operation op : target.operations()) {
      if (op != plan.preludeAnchor() && !plan.replacements().containsKey(op)) {
        continue;
      }
      String indent = indentation(source, op.range().start());
      if (op == plan.preludeAnchor()) {
        out.append(source, pos, op.range().start());
        for (PlacedText placed : plan.prelude()) {
          append(out, placed, indent);
          out.append(nl).append(nl).append(indent);
        }
        pos = op.range().start();
      }
      PlacedText replacement = plan.replacements().get(op);
      if (replacement == null) {
        continue;
      }
      out.append(source, pos, op.range().start());
      append(out, replacement, indent);
      List<PlacedText> after = plan.insertedAfter().getOrDefault(op, List.of());
      if (!after.isEmpty()) {
        // Made as it is written: what a declaration pulls in can be a whole library, whose
        // pieces are never all held at once.
        out.appendLater(
            0,
            later -> {
              for (PlacedText placed : after) {
                later.append(nl).append(nl).append(indent);
                append(later, placed, indent);
              }
            });
      }
      pos = op.range().end();
    }
    if (!plan.newResources().isEmpty()) {
      ResourceSection section = target.resources().orElse(null);
      if (section != null) {
        out.append(source, pos, section.range().start());
        appendResourceSection(out, target, section, plan.newResources(), nl);
        pos = section.range().end();
      } else {
        out.append(source, pos, source.length());
        pos = source.length();
        if (source.length() > 0 && source.charAt(source.length() - 1) != '\n') {
          out.append(nl);
        }
        appendResourceSection(out, target, null, plan.newResources(), nl);
        out.append(nl);
      }
    }
    out.append(source, pos, source.length());
    return out;
  }

  /**
   * A bundle: one anonymous module holding the plan's ops, then the merged resources. The module is
   * written in generic form when every op is.
   */
  public static Output write(BundlePlanner.BundlePlan plan) {
    Output out = new Output();
    for (PlacedText alias : plan.aliases()) {
      append(out, alias);
      out.append("\n");
    }
    // Ops all in generic form (read from bytecode) get a wrapper in generic form too, so that the
    // whole bundle can be written as bytecode.
    boolean generic =
        !plan.operations().isEmpty()
            && plan.operations().stream()
                .allMatch(op -> op.source().charAt(op.span().start()) == '"');
    out.append(generic ? "\"builtin.module\"() ({\n^bb0:" : "module {");
    for (PlacedText op : plan.operations()) {
      out.append("\n  ");
      append(out, op, "  ");
    }
    if (generic) {
      out.append("\n}) : () -> ()\n");
    } else {
      out.append(plan.operations().isEmpty() ? "}\n" : "\n}\n");
    }
    if (!plan.resources().isEmpty()) {
      appendResourceSection(out, null, null, plan.resources(), "\n");
      out.append("\n");
    }
    return out;
  }

  /** Appends a placed piece: its source text with its edits applied. */
  static void append(Output out, PlacedText placed) {
    append(out, placed, null);
  }

  /**
   * Appends a placed op that starts a line indented by {@code indent}: at the start of each of its
   * lines after the first, the indentation its first line has in its source becomes {@code indent},
   * so a function from a nested module sits level in a top-level one and the other way round. Only
   * whitespace after line breaks outside angle brackets changes, which MLIR ignores (a string
   * cannot span lines; inside a dialect's {@code <...>} body whitespace is kept, so an op with a
   * line break there is copied as it is); a line indented less than the op's first line is left as
   * it is. Null: no change.
   */
  static void append(Output out, PlacedText placed, String indent) {
    SourceText source = placed.source();
    long start = placed.span().start();
    long end = placed.span().end();
    String own =
        indent == null || isIndentedBy(source, start, indent) ? null : indentation(source, start);
    if (own == null || own.equals(indent)) {
      appendEdited(out, placed, null, null, null);
      return;
    }
    ByteView text = source.forPassOver(start, end); // both passes below go through it in order
    boolean reindent = MlirSyntax.lineBreaksOutsideAngleBrackets(text, start, end);
    appendEdited(out, placed, reindent ? text : null, own, indent);
  }

  /**
   * Appends a placed piece with its edits applied and, where {@code text} is not null, {@code own}
   * at the start of its lines made {@code indent}.
   */
  private static void appendEdited(
      Output out, PlacedText placed, ByteView text, String own, String indent) {
    long pos = placed.span().start();
    for (TextEdit edit : placed.edits()) {
      appendLines(out, placed.source(), text, pos, edit.span().start(), own, indent);
      out.append(edit.replacement());
      pos = edit.span().end();
    }
    appendLines(out, placed.source(), text, pos, placed.span().end(), own, indent);
  }

  /**
   * Appends {@code source[start, end)}, with {@code own} at line starts made {@code indent} when
   * {@code text} (the source's bytes, read in order) is not null.
   */
  private static void appendLines(
      Output out,
      SourceText source,
      ByteView text,
      long start,
      long end,
      String own,
      String indent) {
    if (text == null) {
      out.append(source, start, end);
      return;
    }
    long pos = start;
    for (long newline = text.indexOf('\n', start, end);
        newline >= 0;
        newline = text.indexOf('\n', newline + 1, end)) {
      long line = newline + 1;
      boolean blank = line >= end || text.charAt(line) == '\n' || text.charAt(line) == '\r';
      if (!blank && line + own.length() <= end && text.startsWith(own, line)) {
        out.append(source, pos, line);
        out.append(indent);
        pos = line + own.length();
      }
    }
    out.append(source, pos, end);
  }

  /** After the target's last alias definition in front of its first op, or the file's start. */
  private static long aliasInsertionPoint(MlirFile target) {
    long at = target.source().startsWith(BYTE_ORDER_MARK, 0) ? BYTE_ORDER_MARK.length() : 0;
    for (TopLevelItem item : target.items()) {
      if (item instanceof Operation) {
        break;
      }
      if (item instanceof AliasDefinition) {
        at = item.range().end();
      }
    }
    return at;
  }

  /** The target's line ending (that of its first line), used for every line break we add. */
  private static String lineEnding(SourceText source) {
    long newline = source.indexOf('\n', 0);
    return newline > 0 && source.charAt(newline - 1) == '\r' ? "\r\n" : "\n";
  }

  /** The UTF-8 bytes of U+FEFF, as the characters {@link SourceText#startsWith} compares. */
  private static final String BYTE_ORDER_MARK = "\u00EF\u00BB\u00BF";

  private static boolean isAfterByteOrderMark(SourceText source, long offset) {
    return offset == BYTE_ORDER_MARK.length() && source.startsWith(BYTE_ORDER_MARK, 0);
  }

  /**
   * Whether {@code indent} (blanks, not empty) is all that is in front of {@code offset} on its
   * line, as {@link #indentation} would find: looked at in place, as most ops are, without making
   * the string. False may also mean that {@link #indentation} must tell.
   */
  private static boolean isIndentedBy(SourceText source, long offset, String indent) {
    long lineStart = offset - indent.length();
    return !indent.isEmpty()
        && lineStart >= 0
        && (lineStart == 0 || source.charAt(lineStart - 1) == '\n')
        && source.startsWith(indent, lineStart);
  }

  /** The blanks in front of {@code offset} on its line; empty when anything else is there. */
  private static String indentation(SourceText source, long offset) {
    long lineStart = offset;
    while (lineStart > 0 && source.charAt(lineStart - 1) != '\n') {
      char c = source.charAt(lineStart - 1);
      if (c != ' ' && c != '\t') {
        if (isAfterByteOrderMark(source, lineStart)) {
          break; // a byte order mark is not text before the op
        }
        return "";
      }
      lineStart--;
    }
    return source.string(lineStart, offset);
  }

  /** One key and its value in a written resource section. */
  private record ResourceEntry(String key, PlacedText value) {}

  /**
   * Writes the merged resource section: the target's entries, then the new ones, grouped by section
   * and dialect in order of first appearance.
   */
  private static void appendResourceSection(
      Output out,
      MlirFile target,
      ResourceSection section,
      List<LinkPlan.NewResource> added,
      String nl) {
    // group (dialect_resources, ...) -> dialect -> entries, in order of first appearance
    Map<String, Map<String, List<ResourceEntry>>> groups = new LinkedHashMap<>();
    if (section != null) {
      for (ResourceSection.Entry entry : section.entries()) {
        entriesOf(groups, entry.group(), entry.dialect())
            .add(
                new ResourceEntry(
                    entry.key(), new PlacedText(target.source(), entry.valueSpan(), List.of())));
      }
    }
    for (LinkPlan.NewResource resource : added) {
      entriesOf(groups, resource.group(), resource.dialect())
          .add(new ResourceEntry(resource.key(), resource.value()));
    }
    out.append("{-#" + nl);
    int g = 0;
    for (Map.Entry<String, Map<String, List<ResourceEntry>>> group : groups.entrySet()) {
      out.append("  ").append(group.getKey()).append(": {" + nl);
      int d = 0;
      for (Map.Entry<String, List<ResourceEntry>> dialect : group.getValue().entrySet()) {
        out.append("    ").append(dialect.getKey()).append(": {" + nl);
        List<ResourceEntry> entries = dialect.getValue();
        for (int i = 0; i < entries.size(); i++) {
          out.append("      ").append(MlirSyntax.quoteIfNeeded(entries.get(i).key())).append(": ");
          append(out, entries.get(i).value());
          out.append(i + 1 < entries.size() ? "," + nl : nl);
        }
        out.append(++d < group.getValue().size() ? "    }," + nl : "    }" + nl);
      }
      out.append(++g < groups.size() ? "  }," + nl : "  }" + nl);
    }
    out.append("#-}");
  }

  private static List<ResourceEntry> entriesOf(
      Map<String, Map<String, List<ResourceEntry>>> groups, String group, String dialect) {
    return groups
        .computeIfAbsent(group, g -> new LinkedHashMap<>())
        .computeIfAbsent(dialect, d -> new ArrayList<>());
  }
}
