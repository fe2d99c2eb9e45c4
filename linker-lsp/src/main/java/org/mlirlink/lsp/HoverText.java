package org.mlirlink.lsp;

import java.nio.file.Path;
import java.util.List;
import org.mlirlink.workspace.SignatureInfo;
import org.mlirlink.workspace.TextLocation;

/** The markdown of a hover over a function reference: its declared and defined types. */
final class HoverText {
  private HoverText() {}

  /**
   * Worded for what is under the cursor: on the declaration, "declared here"; on a call, where the
   * declaration is ("declared at line 9"); on a call of a function the file defines, where it is
   * defined.
   */
  static String markdown(SignatureInfo signature, List<Path> roots) {
    StringBuilder out = new StringBuilder();
    out.append("**`@").append(signature.name()).append("`**");
    String where =
        signature
            .definition()
            .map(at -> "`" + place(at, roots) + "`")
            .orElse("no file of the workspace");
    String declaredAt =
        signature.isDeclaration()
            ? "declared here"
            : signature
                .declaration()
                .map(at -> "declared at line " + at.range().start().line())
                .orElse("declared");
    String declared = signature.declaredType();
    String defined = signature.definedType();
    if (!declared.isEmpty() && !defined.isEmpty() && !declared.equals(defined)) {
      // The case a hover is most useful for: the two types side by side, so that the argument
      // that differs can be found by eye.
      out.append(" — the declared type differs from the definition's\n\n");
      out.append("| ").append(declaredAt).append(" | defined in ").append(cell(where));
      out.append(" |\n");
      out.append("| --- | --- |\n");
      out.append("| `")
          .append(cell(declared))
          .append("` | `")
          .append(cell(defined))
          .append("` |\n");
    } else if (!declared.isEmpty() && !defined.isEmpty()) {
      out.append(" — ").append(declaredAt).append(" and defined in ").append(where);
      out.append(", types agree\n\n");
      block(out, declared);
    } else if (!declared.isEmpty()) {
      out.append(" — ").append(declaredAt).append(", linked to no definition in the workspace\n\n");
      block(out, declared);
    } else if (!defined.isEmpty()) {
      out.append(" — defined in ").append(where).append("\n\n");
      block(out, defined);
    } else {
      out.append('\n');
    }
    return out.toString();
  }

  private static void block(StringBuilder out, String type) {
    out.append("```mlir\n").append(type).append("\n```\n");
  }

  /** A table cell's text: a pipe would end the cell, even inside a code span. */
  private static String cell(String text) {
    return text.replace("|", "\\|").replace('\n', ' ');
  }

  private static String place(TextLocation at, List<Path> roots) {
    return Convert.shortName(at.path(), roots) + ":" + at.range().start().line();
  }
}
