package org.mlirlink.resolve;

import org.mlirlink.model.FunctionSignature;

/**
 * The words of the link errors about one declaration, shared by the link and by the workspace's
 * checks, so that an editor shows what the link would print.
 *
 * <pre>{@code
 * LinkMessages.unresolved("lib.scal", "lib.scale");
 * // unresolved external symbol: 'lib.scal'; did you mean 'lib.scale'?
 * }</pre>
 */
public final class LinkMessages {
  private LinkMessages() {}

  /** A declaration nothing defines, with a close name if there is one (else null). */
  public static String unresolved(String name, String suggestion) {
    String message = "unresolved external symbol: '" + name + "'";
    return suggestion == null ? message : message + "; did you mean '" + suggestion + "'?";
  }

  /** A function declaration that resolves to another kind of op. */
  public static String notAFunction(String name, String opName) {
    return "symbol '" + name + "' is declared as a function but is a '" + opName + "'";
  }

  /**
   * A function declared as one function op and defined as another ({@code func.func} and {@code
   * util.func}): a call written for the one cannot call the other.
   */
  public static String otherFunctionOp(String name, String declaredAs, String definedAs) {
    return "type mismatch for symbol '"
        + name
        + "': declared as a '"
        + declaredAs
        + "', defined as a '"
        + definedAs
        + "' (a call to one cannot call the other)";
  }

  /** A function declaration whose type differs from its definition's. */
  public static String typeMismatch(
      String name, FunctionSignature expected, FunctionSignature actual) {
    return "type mismatch for symbol '"
        + name
        + "': expected "
        + expected.display()
        + ", got "
        + actual.display();
  }

  /** The note at the definition of a {@link #typeMismatch}. */
  public static String definedWithType(FunctionSignature actual) {
    return "defined here with type " + actual.display();
  }

  /** The note at a private definition of the name an unresolved declaration asks for. */
  public static String privateTo(String localName, String moduleName) {
    return "'"
        + localName
        + "' is private to module @"
        + moduleName
        + "; only public symbols can be linked";
  }
}
