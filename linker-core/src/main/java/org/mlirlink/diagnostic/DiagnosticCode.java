package org.mlirlink.diagnostic;

import java.util.Locale;

/**
 * What kind of problem a {@link Diagnostic} reports: stable across releases, for filters, quick
 * fixes and build tools that treat one kind differently from another.
 *
 * <pre>{@code
 * boolean onlyMissing = result.diagnostics().stream()
 *     .allMatch(d -> d.code() == DiagnosticCode.UNRESOLVED_EXTERNAL);
 * }</pre>
 */
public enum DiagnosticCode {
  /** The text cannot be read as MLIR: a syntax error, bad UTF-8, malformed bytecode. */
  SYNTAX,
  /** A file cannot be read at all: gone, no permission, not a file, changed while linked. */
  UNREADABLE,
  /** A dotted external declaration ({@code @module.f}) that nothing defines. */
  UNRESOLVED_EXTERNAL,
  /** A declaration whose type differs from its definition's, or that names no function. */
  TYPE_MISMATCH,
  /** A symbol defined twice in one symbol table, or by two linked modules. */
  DUPLICATE_DEFINITION,
  /** A module name declared by more than one file under the library paths. */
  AMBIGUOUS_MODULE,
  /** A library path that does not exist or is not a folder. */
  LIBRARY_PATH,
  /** The linked text cannot be written as bytecode (an op in custom form, a section too large). */
  BYTECODE_OUTPUT,
  /** A bug of the linker's, not of the input: to be reported with the inputs. */
  INTERNAL;

  /**
   * The code as tools show it.
   *
   * @return the name in lower case, words joined by hyphens: {@code unresolved-external}
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
