package org.mlirlink.resolve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mlirlink.diagnostic.DiagnosticCode;
import org.mlirlink.diagnostic.DiagnosticException;
import org.mlirlink.model.Diagnostics;
import org.mlirlink.model.MlirFile;
import org.mlirlink.model.OpKind;
import org.mlirlink.model.Operation;
import org.mlirlink.model.Visibility;

/**
 * The symbols that source modules offer, by the names other modules use for them: a public symbol
 * of {@code module @m} as {@code m.sym} and also as plain {@code sym}; a public symbol of an
 * anonymous module as {@code sym}. Private symbols are found only from their own module ({@code
 * SourceModule.localDefinition}).
 *
 * <pre>{@code
 * SymbolIndex index = new SymbolIndex();
 * index.addFile(file);
 * Optional<Definition> d = index.lookup("module_a.compute");
 * }</pre>
 */
public final class SymbolIndex {
  /**
   * Every definition indexed, by qualified name; its public ones are those {@link #lookup} finds by
   * that name.
   */
  private final DefinitionTable byQualifiedName = DefinitionTable.qualified();

  private final DefinitionTable publicByPlainName = DefinitionTable.local(0);
  private final Map<String, SourceModule> modulesByName = new LinkedHashMap<>();

  /** Every definition of the modules made here, by {@link Definition#id()}. */
  private Definition[] byId = new Definition[16];

  private int idCount;

  /** Whether each definition (by id) went into {@link #byQualifiedName}; in that order. */
  private final BitSet indexed = new BitSet();

  /** What {@link #knownNames} answered, until the next file is indexed. */
  private List<String> knownNames;

  /**
   * Indexes a file: a named module, an anonymous module, or an archive (an anonymous module whose
   * body holds named modules, each indexed on its own; the rest is an anonymous module).
   *
   * @throws DiagnosticException when a qualified name is already defined by an earlier module
   */
  public void addFile(MlirFile file) {
    List<SourceModule> added = new ArrayList<>();
    if (file.moduleName().isPresent()) {
      added.add(numbered(file, file.moduleName().get(), file.operations()));
    } else {
      List<Operation> named = new ArrayList<>();
      List<Operation> rest = new ArrayList<>();
      for (Operation op : file.operations()) {
        if (op.kind() == OpKind.MODULE && op.symbolName().isPresent()) {
          named.add(op);
        } else {
          rest.add(op);
        }
      }
      // Numbered in the order they are indexed: the anonymous rest first.
      if (!rest.isEmpty() || named.isEmpty()) {
        added.add(numbered(file, null, rest));
      }
      for (Operation op : named) {
        added.add(numbered(file, op.symbolName().get(), op.children()));
      }
    }
    for (SourceModule module : added) {
      add(module);
    }
  }

  /** A module of {@code file} whose definitions take the next free ids. */
  private SourceModule numbered(MlirFile file, String name, List<Operation> operations) {
    SourceModule module = SourceModule.numbered(file, name, operations, idCount);
    List<Definition> definitions = module.definitionList();
    if (idCount + definitions.size() > byId.length) {
      byId = Arrays.copyOf(byId, Math.max(2 * byId.length, idCount + definitions.size()));
    }
    for (Definition definition : definitions) {
      byId[idCount++] = definition;
    }
    return module;
  }

  private void add(SourceModule module) {
    knownNames = null;
    module.name().ifPresent(name -> modulesByName.putIfAbsent(name, module));
    byQualifiedName.reserve(module.definitionList().size());
    if (module.nameOrNull() != null) {
      publicByPlainName.reserve(module.definitionList().size());
    }
    for (Definition definition : module.definitionList()) {
      add(module, definition);
    }
  }

  /**
   * Indexes one definition of {@code module}. (A method of its own, called for each: on a cold JVM
   * it is compiled after a few hundred calls, where a loop body is compiled only after tens of
   * thousands of rounds.)
   */
  private void add(SourceModule module, Definition definition) {
    Operation op = definition.op();
    if (!isLinkable(op)) {
      return;
    }
    if (module.nameOrNull() == null && op.visibility() != Visibility.PUBLIC) {
      // A private symbol of an anonymous module is known only inside it: two anonymous modules
      // may each have their own (the later one is renamed when both are linked).
      return;
    }
    Definition earlier = byQualifiedName.putIfAbsent(definition);
    if (earlier != null && isSamePlace(earlier.op(), op)) {
      String qualified = definition.qualifiedName();
      String first = earlier.op().source().name();
      String second = op.source().name();
      throw new DiagnosticException(
          Diagnostics.error(
                  op.source(),
                  op.nameOffset(),
                  "symbol '"
                      + qualified
                      + "' is defined twice: "
                      + (first.equals(second)
                          ? "the file '" + second + "' is linked twice"
                          : "'"
                              + first
                              + "' and '"
                              + second
                              + "' hold the same text (one file given"
                              + " twice?)"))
              .withCode(DiagnosticCode.DUPLICATE_DEFINITION));
    }
    if (earlier != null) {
      Operation owner = Operation.symbolOwner(earlier.op(), op);
      if (owner != null) {
        // One of the two only may define the name (an op of a kind nothing here knows, which may
        // merely refer to it): no error, and the one known to define it takes it.
        if (owner == op) {
          replace(module, earlier, definition);
        }
        return;
      }
      String qualified = definition.qualifiedName();
      throw new DiagnosticException(
          Diagnostics.error(
                  op.source(), op.nameOffset(), "symbol '" + qualified + "' is defined twice")
              .withNote(
                  Diagnostics.note(
                      earlier.op().source(), earlier.op().nameOffset(), "first defined here"))
              .withCode(DiagnosticCode.DUPLICATE_DEFINITION));
    }
    indexed.set(definition.id());
    if (op.visibility() == Visibility.PUBLIC && module.nameOrNull() != null) {
      publicByPlainName.putIfAbsent(definition);
    }
  }

  /**
   * Puts {@code definition} in the place of {@code earlier}, which has its qualified name; a plain
   * name that led to {@code earlier} leads to nothing now ({@link #lookupOrNull}) unless it leads
   * to {@code definition}.
   */
  private void replace(SourceModule module, Definition earlier, Definition definition) {
    byQualifiedName.replace(earlier, definition);
    indexed.clear(earlier.id());
    indexed.set(definition.id());
    if (definition.op().visibility() == Visibility.PUBLIC && module.nameOrNull() != null) {
      if (publicByPlainName.get(definition.localName()) == earlier) {
        publicByPlainName.replace(earlier, definition);
      } else {
        publicByPlainName.putIfAbsent(definition);
      }
    }
  }

  /** Whether two ops are at the same place of the same text (one file given twice). */
  private static boolean isSamePlace(Operation a, Operation b) {
    return a.nameOffset() == b.nameOffset() && a.source().contentEquals(b.source());
  }

  /** A definition (not a declaration) of a kind that {@link OpKind#isLinkable} says is linkable. */
  static boolean isLinkable(Operation op) {
    return op.kind().isLinkable() && !op.isDeclaration();
  }

  /** The public definition known from outside as {@code name} (qualified first, then plain). */
  public Optional<Definition> lookup(String name) {
    return Optional.ofNullable(lookupOrNull(name));
  }

  /** {@link #lookup}, without the optional. */
  Definition lookupOrNull(String name) {
    Definition found = publicByName(name);
    if (found != null) {
      return found;
    }
    Definition plain = publicByPlainName.get(name);
    // A definition another has replaced since (replace) is no answer.
    return plain != null && indexed.get(plain.id()) ? plain : null;
  }

  /** The public definition whose qualified name is {@code name}, or null. */
  private Definition publicByName(String name) {
    Definition found = byQualifiedName.get(name);
    return found != null && found.op().visibility() == Visibility.PUBLIC ? found : null;
  }

  /**
   * The private definition that a module of the sources has under the qualified name {@code name}
   * ({@code lib.helper} for a private {@code helper} of {@code module @lib}), if any: it cannot be
   * linked, but an error about the name should say it is there.
   */
  public Optional<Definition> privateDefinition(String name) {
    Definition found = byQualifiedName.get(name);
    return found == null || found.op().visibility() == Visibility.PUBLIC
        ? Optional.empty()
        : Optional.of(found);
  }

  /** The definition numbered {@code id} by this index, or null. */
  Definition byId(int id) {
    return id >= 0 && id < idCount ? byId[id] : null;
  }

  /** How many definitions this index has numbered (ids are below it). */
  int idCount() {
    return idCount;
  }

  /** The first indexed module named {@code name}, if any. */
  public Optional<SourceModule> module(String name) {
    return Optional.ofNullable(modulesByName.get(name));
  }

  /** Every name {@link #lookup} knows, for "did you mean" suggestions. */
  public List<String> knownNames() {
    if (knownNames == null) {
      List<String> names = new ArrayList<>();
      List<Definition> plain = new ArrayList<>();
      for (int id = indexed.nextSetBit(0); id >= 0; id = indexed.nextSetBit(id + 1)) {
        Definition definition = byId[id];
        if (definition.op().visibility() == Visibility.PUBLIC) {
          names.add(definition.qualifiedName());
          if (publicByPlainName.get(definition.localName()) == definition) {
            plain.add(definition);
          }
        }
      }
      for (Definition definition : plain) {
        if (publicByName(definition.localName()) == null) {
          names.add(definition.localName());
        }
      }
      knownNames = Collections.unmodifiableList(names);
    }
    return knownNames;
  }
}
