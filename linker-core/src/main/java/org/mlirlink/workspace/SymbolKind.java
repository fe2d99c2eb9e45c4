package org.mlirlink.workspace;

/** What a symbol of a document is, as an outline or a completion list shows it. */
public enum SymbolKind {
  /** {@code module @name}. */
  MODULE,
  /** {@code util.func} or {@code func.func}, defined or declared. */
  FUNCTION,
  /** {@code util.global} or {@code memref.global}. */
  GLOBAL,
  /** {@code flow.executable}, {@code hal.executable}, {@code hal.executable.source}. */
  EXECUTABLE,
  /** Any other op that defines a symbol. */
  OTHER,
  /** A top-level alias, {@code #map} or {@code !type}. */
  ALIAS
}
