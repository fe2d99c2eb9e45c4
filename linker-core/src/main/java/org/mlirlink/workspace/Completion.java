package org.mlirlink.workspace;

/**
 * One completion of a symbol reference being typed.
 *
 * <pre>{@code
 * // line 2 is "  util.func private @activation_components.": the cursor at its end
 * for (Completion c : workspace.complete(file, 2, 44)) {
 *   System.out.println(c.label() + " " + c.detail());   // swiglu (tensor<?x?x?xf32>, ...) -> ...
 * }
 * }</pre>
 *
 * @param label what the list shows: a module's name, or a symbol's own name
 * @param kind what it names
 * @param detail a function's type, or the file a module is in
 * @param insertText the text that replaces {@code replace}
 * @param replace the part of the reference already typed after {@code @} or after the dot
 */
public record Completion(
    String label, SymbolKind kind, String detail, String insertText, TextRange replace) {}
