package org.mlirlink.workspace;

import java.util.Optional;

/**
 * What a symbol reference names, for a hover: the declaration in the document, the definition it
 * resolves to, and their types side by side.
 *
 * <pre>{@code
 * workspace.signature(file, 9, 22).ifPresent(s -> {
 *   if (!s.matches()) {
 *     System.out.println("declared " + s.declaredType() + " but defined " + s.definedType());
 *   }
 *   if (!s.isDeclaration()) {   // a call: its declaration is elsewhere in the file
 *     s.declaration().ifPresent(d -> System.out.println("declared at line " + d.range().start().line()));
 *   }
 * });
 * }</pre>
 *
 * @param name the name as written at the reference ({@code moe_components.mul_mat_id})
 * @param range the reference's token
 * @param declaredType the type of the document's declaration of the name, or "" without one
 * @param definedType the type of the definition it resolves to, or "" when it resolves to none
 * @param definition where that definition is, if it resolves
 * @param declaration where the document's declaration of the name is, if it has one: at {@code
 *     range} when the reference is the declaration itself, elsewhere for a call of it
 */
public record SignatureInfo(
    String name,
    TextRange range,
    String declaredType,
    String definedType,
    Optional<TextLocation> definition,
    Optional<TextLocation> declaration) {

  /**
   * Whether the reference is the declaration itself, rather than a use (a call) of the name.
   *
   * @return true when the position is on the declaration itself
   */
  public boolean isDeclaration() {
    return declaration.filter(at -> at.range().equals(range)).isPresent();
  }

  /**
   * Whether the declaration and the definition agree (true when either is missing).
   *
   * @return false only when both are there and their types differ
   */
  public boolean matches() {
    return declaredType.isEmpty() || definedType.isEmpty() || declaredType.equals(definedType);
  }
}
