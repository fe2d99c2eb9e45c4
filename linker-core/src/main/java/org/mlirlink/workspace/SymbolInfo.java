package org.mlirlink.workspace;

import java.util.List;

/**
 * A symbol a document defines or declares, with the symbols nested in it (a module's functions).
 *
 * <pre>{@code
 * for (SymbolInfo module : workspace.symbols(file)) {
 *   for (SymbolInfo function : module.children()) {
 *     System.out.println(function.visibility() + " " + function.qualifiedName());
 *     // public moe_components.mul_mat_id
 *   }
 * }
 * }</pre>
 *
 * @param name the symbol's own name, without {@code @} ({@code mul_mat_id})
 * @param qualifiedName the name another module links it by ({@code moe_components.mul_mat_id}); the
 *     same as {@code name} outside a named module
 * @param kind what it is
 * @param visibility {@code public}, {@code private} or {@code nested}
 * @param declaration whether it is an external declaration (a function without a body)
 * @param detail its type, for a function ({@code (tensor<?x?xf32>) -> tensor<?x?xf32>}), or ""
 * @param location the whole op, in its document
 * @param selection the name token ({@code @mul_mat_id})
 * @param children the symbols defined inside it, for a module
 */
public record SymbolInfo(
    String name,
    String qualifiedName,
    SymbolKind kind,
    String visibility,
    boolean declaration,
    String detail,
    TextLocation location,
    TextRange selection,
    List<SymbolInfo> children) {
  /**
   * A symbol; {@code children} is copied.
   *
   * @param name the name as written in its module
   * @param qualifiedName the name a dotted declaration would use ({@code module.name})
   * @param kind what kind of op defines it
   * @param visibility {@code public}, {@code private} or {@code nested}
   * @param declaration whether it is a declaration (no body)
   * @param detail a short description (a function's type, a global's type)
   * @param location the whole op
   * @param selection the symbol's name within it
   * @param children the symbols of a module
   */
  public SymbolInfo {
    children = List.copyOf(children);
  }
}
