package org.mlirlink.model;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable model of one MLIR text file: its text and its top-level items with their exact
 * source ranges. Writing the items and the text between them back gives the input byte for byte.
 *
 * <p>A file whose only top-level operation is a {@code module} is that module; any other file is an
 * implicit anonymous module holding all its top-level operations.
 *
 * <pre>{@code
 * MlirFile file = MlirReader.read(new SourceText("a.mlir", text));
 * file.moduleName();          // Optional[module_a]
 * file.operations();          // the module's ops
 * }</pre>
 */
public final class MlirFile {
  private final SourceText source;
  private final ImmutableList<TopLevelItem> items;
  private final Operation module;
  private final List<Operation> operations;
  private final ImmutableMap<String, AliasDefinition> aliases;
  private final ResourceSection resources;
  private final AliasExpansions aliasExpansions;

  /**
   * @param aliasExpansions the expansions of this file's aliases, shared with the parser of its
   *     function types
   */
  public MlirFile(SourceText source, List<TopLevelItem> items, AliasExpansions aliasExpansions) {
    this.source = source;
    this.items = ImmutableList.copyOf(items);
    ImmutableList.Builder<Operation> topLevel = ImmutableList.builder();
    Operation onlyModule = null;
    int operationCount = 0;
    ImmutableMap.Builder<String, AliasDefinition> aliasBuilder = ImmutableMap.builder();
    ResourceSection section = null;
    for (TopLevelItem item : items) {
      if (item instanceof Operation op) {
        topLevel.add(op);
        operationCount++;
        onlyModule = op.kind() == OpKind.MODULE ? op : null;
      } else if (item instanceof AliasDefinition alias) {
        aliasBuilder.put(alias.name(), alias);
      } else if (item instanceof ResourceSection resourceSection) {
        section = resourceSection;
      }
    }
    this.module = operationCount == 1 ? onlyModule : null;
    this.operations = module != null ? module.children() : topLevel.build();
    this.aliases = aliasBuilder.buildOrThrow();
    this.resources = section;
    this.aliasExpansions = aliasExpansions;
  }

  public SourceText source() {
    return source;
  }

  /** The top-level items in file order. */
  public ImmutableList<TopLevelItem> items() {
    return items;
  }

  /** The file's single {@code module} op, when it has exactly one top-level op and it is one. */
  public Optional<Operation> module() {
    return Optional.ofNullable(module);
  }

  /** The module's name ({@code module @name}), if the file is a named module. */
  public Optional<String> moduleName() {
    return module == null ? Optional.empty() : module.symbolName();
  }

  /** The operations of the file's module: the explicit module's body, or the top level. */
  public List<Operation> operations() {
    return operations;
  }

  /** The alias definitions at the top level, by name ({@code #map}, {@code !t}). */
  public Map<String, AliasDefinition> aliases() {
    return aliases;
  }

  /** The values of this file's aliases with the aliases they use expanded, for comparisons. */
  public AliasExpansions aliasExpansions() {
    return aliasExpansions;
  }

  /** The {@code {-# ... #-}} section, if the file has one. */
  public Optional<ResourceSection> resources() {
    return Optional.ofNullable(resources);
  }
}
