package org.mlirlink.resolve;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
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

  /**
   * One {@link Definition} for each name the module defines: the first op to define it, or the
   * first whose name is not a guess ({@link Operation#symbolOwner}).
   */
  private final List<Definition> definitions;

  private final DefinitionTable definitionsByName;
  private Map<String, Operation> declarations = Map.of();

  /** {@code name.}, what {@link #qualify} puts in front of a local name; null when anonymous. */
  private final String prefix;

  private SourceModule(MlirFile file, String name, List<Operation> operations, int firstId) {
    this.file = file;
    this.name = name;
    this.prefix = name == null ? null : name.concat(".");
    this.operations = ImmutableList.copyOf(operations);
    this.definitions = new ArrayList<>(operations.size());
    this.definitionsByName = DefinitionTable.local(operations.size());
    for (Operation op : operations) {
      enter(op, firstId);
    }
  }

  /**
   * Enters {@code op} in the symbol table. (A method of its own, called for each op: on a cold JVM
   * it is compiled after a few hundred calls, where a loop body is compiled only after tens of
   * thousands of rounds.)
   */
  private void enter(Operation op, int firstId) {
    String symbol = op.symbolNameOrNull();
    if (symbol == null || op.kind() == OpKind.MODULE) {
      return;
    }
    if (op.isDeclaration()) {
      if (declarations.isEmpty()) {
        declarations = new HashMap<>();
      }
      declarations.putIfAbsent(symbol, op);
    } else {
      Definition definition =
          new Definition(this, op, firstId < 0 ? -1 : firstId + definitions.size());
      Definition earlier = definitionsByName.putIfAbsent(definition);
      if (earlier == null) {
        definitions.add(definition);
      } else if (Operation.symbolOwner(earlier.op(), op) == op) {
        // The earlier op's name was a guess, this one's is not: it takes the name, and the
        // earlier one's number and place.
        Definition owner = new Definition(this, op, earlier.id());
        definitionsByName.replace(earlier, owner);
        definitions.set(definitions.indexOf(earlier), owner);
      }
    }
  }

  /** A module over {@code operations} of {@code file}, named {@code name} (null: anonymous). */
  public static SourceModule of(MlirFile file, String name, List<Operation> operations) {
    return new SourceModule(file, name, operations, -1);
  }

  /**
   * A module whose definitions are numbered from {@code firstId} on, in file order ({@link
   * SymbolIndex}).
   */
  static SourceModule numbered(
      MlirFile file, String name, List<Operation> operations, int firstId) {
    return new SourceModule(file, name, operations, firstId);
  }

  public MlirFile file() {
    return file;
  }

  /** The module's name, empty for an anonymous module. */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /** The module's name, or null for an anonymous module. */
  String nameOrNull() {
    return name;
  }

  public List<Operation> operations() {
    return operations;
  }

  /** The op defining {@code symbol} (a local name) in this module, if any. */
  public Optional<Operation> definition(String symbol) {
    Definition definition = definitionsByName.get(symbol);
    return definition == null ? Optional.empty() : Optional.of(definition.op());
  }

  /** The definition of {@code symbol} (a local name) in this module, or null. */
  Definition localDefinition(String symbol) {
    return definitionsByName.get(symbol);
  }

  /** The declaration of {@code symbol} in this module, if it declares it without defining it. */
  public Optional<Operation> declaration(String symbol) {
    return Optional.ofNullable(declarations.get(symbol));
  }

  /** Whether the module declares {@code symbol} (without defining it, or besides). */
  boolean declares(String symbol) {
    return !declarations.isEmpty() && declarations.containsKey(symbol);
  }

  /** Every definition in this module, in file order. */
  public Map<String, Operation> definitions() {
    Map<String, Operation> byName = new LinkedHashMap<>();
    for (Definition definition : definitions) {
      byName.put(definition.localName(), definition.op());
    }
    return Collections.unmodifiableMap(byName);
  }

  /** Every definition in this module, in file order, numbered when the module is. */
  List<Definition> definitionList() {
    return definitions;
  }

  /**
   * The name a local symbol has from outside: {@code m.sym} in a named module, else {@code sym}.
   */
  public String qualify(String symbol) {
    return prefix == null ? symbol : prefix.concat(symbol); // one exact copy, made for each link
  }

  @Override
  public String toString() {
    return (name == null ? "<anonymous>" : "@" + name) + " in " + file.source().name();
  }
}
