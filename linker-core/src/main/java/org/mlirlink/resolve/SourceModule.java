package org.mlirlink.resolve;

import com.google.common.collect.ImmutableList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mlirlink.model.MlirFile;
import org.mlirlink.model.OpKind;
import org.mlirlink.model.Operation;

/**
 * A module to link from: a named {@code module @m}, an anonymous module, or one named module inside
 * an archive. Its symbol table maps each name its ops define to the op, and each name it only
 * declares to the declaration.
 *
 * <pre>{@code
 * SourceModule m = SourceModule.of(file, file.moduleName().orElse(null), file.operations());
 * m.qualify("compute");   // "module_a.compute"
 * }</pre>
 */
public final class SourceModule {
  private final MlirFile file;
  private final String name;
  private final ImmutableList<Operation> operations;
  private final Map<String, Operation> definitions = new LinkedHashMap<>();
  private final Map<String, Operation> declarations = new LinkedHashMap<>();

  private SourceModule(MlirFile file, String name, List<Operation> operations) {
    this.file = file;
    this.name = name;
    this.operations = ImmutableList.copyOf(operations);
    for (Operation op : operations) {
      if (op.symbolName().isEmpty() || op.kind() == OpKind.MODULE) {
        continue;
      }
      String symbol = op.symbolName().get();
      if (op.isDeclaration()) {
        declarations.putIfAbsent(symbol, op);
      } else {
        definitions.putIfAbsent(symbol, op);
      }
    }
  }

  /** A module over {@code operations} of {@code file}, named {@code name} (null: anonymous). */
  public static SourceModule of(MlirFile file, String name, List<Operation> operations) {
    return new SourceModule(file, name, operations);
  }

  public MlirFile file() {
    return file;
  }

  /** The module's name, empty for an anonymous module. */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  public List<Operation> operations() {
    return operations;
  }

  /** The op defining {@code symbol} (a local name) in this module, if any. */
  public Optional<Operation> definition(String symbol) {
    return Optional.ofNullable(definitions.get(symbol));
  }

  /** The declaration of {@code symbol} in this module, if it declares it without defining it. */
  public Optional<Operation> declaration(String symbol) {
    return Optional.ofNullable(declarations.get(symbol));
  }

  /** Every definition in this module, in file order. */
  public Map<String, Operation> definitions() {
    return Collections.unmodifiableMap(definitions);
  }

  /**
   * The name a local symbol has from outside: {@code m.sym} in a named module, else {@code sym}.
   */
  public String qualify(String symbol) {
    return name == null ? symbol : name + "." + symbol;
  }

  @Override
  public String toString() {
    return (name == null ? "<anonymous>" : "@" + name) + " in " + file.source().name();
  }
}
