package org.mlirlink.workspace;

import java.util.Locale;

/** The kind of a link diagnostic, stable across releases, for filters and quick fixes. */
public enum DiagnosticCode {
  /** The reader cannot read the document: a syntax error, bad UTF-8, bytecode. */
  SYNTAX,
  /** The file cannot be read at all: no permission, gone, not a file. */
  UNREADABLE,
  /** A dotted external declaration ({@code @module.f}) that no document defines. */
  UNRESOLVED_EXTERNAL,
  /** A declaration whose type differs from the definition's it resolves to. */
  TYPE_MISMATCH,
  /** A symbol defined twice in one symbol table. */
  DUPLICATE_DEFINITION,
  /** A module name declared by more than one file, where a declaration links against it. */
  AMBIGUOUS_MODULE;

  /** The code as tools show it: {@code unresolved-external}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
