package org.mlirlink.model;

/** What a top-level operation is to the linker. */
public enum OpKind {
  /** {@code module} / {@code builtin.module}: its body is read item by item. */
  MODULE,
  /** {@code util.func} or {@code func.func}, in custom or generic form. */
  FUNCTION,
  /** {@code flow.executable}, {@code hal.executable}, {@code hal.executable.source}: linked whole. */
  EXECUTABLE,
  /** {@code util.global}. */
  GLOBAL,
  /** {@code util.initializer}. */
  INITIALIZER,
  /** Anything else; kept as text. */
  OTHER;

  /** The kind of an op by its name ({@code "util.func"}, {@code "module"}, ...). */
  public static OpKind ofOpName(String opName) {
    switch (opName) {
      case "module":
      case "builtin.module":
        return MODULE;
      case "util.func":
      case "func.func":
        return FUNCTION;
      case "flow.executable":
      case "hal.executable":
      case "hal.executable.source":
        return EXECUTABLE;
      case "util.global":
        return GLOBAL;
      case "util.initializer":
        return INITIALIZER;
      default:
        return OTHER;
    }
  }
}
