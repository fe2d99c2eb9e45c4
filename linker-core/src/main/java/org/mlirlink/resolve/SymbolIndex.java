package org.mlirlink.resolve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mlirlink.diagnostic.Diagnostic;
import org.mlirlink.diagnostic.DiagnosticException;
import org.mlirlink.model.MlirFile;
import org.mlirlink.model.OpKind;
import org.mlirlink.model.Operation;
import org.mlirlink.model.Visibility;

/**
 * The symbols that source modules offer, by the names other modules use for them: a public symbol
 * of {@code module @m} as {@code m.sym} and also as plain {@code sym}; a public symbol of an
 * anonymous module as {@code sym}. Private symbols are found only from their own module ({@link
 * #resolveFrom}).
 *
 * <pre>{@code
 * SymbolIndex index = new SymbolIndex();
 * index.addFile(file);
 * Optional<Definition> d = index.lookup("module_a.compute");
 * }</pre>
 */
public final class SymbolIndex {
  private final Map<String, Definition> byQualifiedName = new LinkedHashMap<>();
  private final Map<String, Definition> publicByName = new LinkedHashMap<>();
  private final Map<String, Definition> publicByPlainName = new LinkedHashMap<>();
  private final Map<String, SourceModule> modulesByName = new LinkedHashMap<>();

  /**
   * Indexes a file: a named module, an anonymous module, or an archive (an anonymous module whose
   * body holds named modules, each indexed on its own; the rest is an anonymous module).
   *
   * @throws DiagnosticException when a qualified name is already defined by an earlier module
   */
  public void addFile(MlirFile file) {
    List<SourceModule> added = new ArrayList<>();
    if (file.moduleName().isPresent()) {
      added.add(SourceModule.of(file, file.moduleName().get(), file.operations()));
    } else {
      List<Operation> rest = new ArrayList<>();
      for (Operation op : file.operations()) {
        if (op.kind() == OpKind.MODULE && op.symbolName().isPresent()) {
          added.add(SourceModule.of(file, op.symbolName().get(), op.children()));
        } else {
          rest.add(op);
        }
      }
      if (!rest.isEmpty() || added.isEmpty()) {
        added.add(0, SourceModule.of(file, null, rest));
      }
    }
    for (SourceModule module : added) {
      add(module);
    }
  }

  private void add(SourceModule module) {
    module.name().ifPresent(name -> modulesByName.putIfAbsent(name, module));
    for (Operation op : module.definitions().values()) {
      if (!isLinkable(op)) {
        continue;
      }
      Definition definition = new Definition(module, op);
      String qualified = definition.qualifiedName();
      if (module.name().isEmpty() && op.visibility() != Visibility.PUBLIC) {
        // A private symbol of an anonymous module is known only inside it: two anonymous modules
        // may each have their own (the later one is renamed when both are linked).
        continue;
      }
      Definition earlier = byQualifiedName.putIfAbsent(qualified, definition);
      if (earlier != null && isSamePlace(earlier.op(), op)) {
        String first = earlier.op().source().name();
        String second = op.source().name();
        throw new DiagnosticException(
            Diagnostic.error(
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
                            + " twice?)")));
      }
      if (earlier != null) {
        throw new DiagnosticException(
            Diagnostic.error(
                    op.source(), op.nameOffset(), "symbol '" + qualified + "' is defined twice")
                .withNote(earlier.op().source(), earlier.op().nameOffset(), "first defined here"));
      }
      if (op.visibility() == Visibility.PUBLIC) {
        publicByName.put(qualified, definition);
        if (module.name().isPresent()) {
          publicByPlainName.putIfAbsent(definition.localName(), definition);
        }
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
    Definition found = publicByName.get(name);
    if (found == null) {
      found = publicByPlainName.get(name);
    }
    return Optional.ofNullable(found);
  }

  /**
   * What a reference {@code @name} written inside {@code module} means: the module's own symbol if
   * it defines {@code name}, otherwise the symbol known from outside by that name.
   */
  public Optional<Definition> resolveFrom(SourceModule module, String name) {
    Optional<Operation> local = module.definition(name);
    if (local.isPresent()) {
      return Optional.of(new Definition(module, local.get()));
    }
    return lookup(name);
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

  /** The first indexed module named {@code name}, if any. */
  public Optional<SourceModule> module(String name) {
    return Optional.ofNullable(modulesByName.get(name));
  }

  /** Every name {@link #lookup} knows, for "did you mean" suggestions. */
  public List<String> knownNames() {
    List<String> names = new ArrayList<>(publicByName.keySet());
    for (String plain : publicByPlainName.keySet()) {
      if (!publicByName.containsKey(plain)) {
        names.add(plain);
      }
    }
    return names;
  }
}
