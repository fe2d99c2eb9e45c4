package org.mlirlink.resolve;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mlirlink.diagnostic.Diagnostic;
import org.mlirlink.diagnostic.DiagnosticCode;
import org.mlirlink.model.Diagnostics;
import org.mlirlink.model.MlirFile;
import org.mlirlink.model.OpKind;
import org.mlirlink.model.Operation;
import org.mlirlink.model.Span;
import org.mlirlink.model.SymbolUse;
import org.mlirlink.model.TextEdit;
import org.mlirlink.model.Visibility;
import org.mlirlink.report.LinkedSymbol;

/**
 * Plans a bundle ({@code --bundle}): one anonymous module holding every named source module whole
 * as a nested module, and the ops of every anonymous source module merged in directly. A private
 * symbol that an earlier module already defines is renamed {@code name_N}, and every reference in
 * its own module (initializers included) follows. Nothing is resolved.
 *
 * <pre>{@code
 * BundlePlan plan = BundlePlanner.plan(files, errors);
 * }</pre>
 */
public final class BundlePlanner {
  private BundlePlanner() {}

  /**
   * What a bundle holds.
   *
   * @param operations the nested modules and merged ops, in input order
   * @param aliases alias definitions the output needs
   * @param resources resource entries the output needs
   * @param symbols what the bundle holds at its top level (a named module whole, each symbol of an
   *     anonymous one), under the names it is written with, in input order
   */
  public record BundlePlan(
      List<PlacedText> operations,
      List<PlacedText> aliases,
      List<LinkPlan.NewResource> resources,
      List<LinkedSymbol> symbols) {}

  /** Plans the bundle of {@code files}; problems go to {@code errors}. */
  public static BundlePlan plan(List<MlirFile> files, List<Diagnostic> errors) {
    AliasMerger aliases = new AliasMerger();
    ResourceMerger resources = new ResourceMerger();
    List<PlacedText> operations = new ArrayList<>();
    Map<String, Operation> outerNames = new LinkedHashMap<>();
    // Every name written at the bundle's top level, so a rename never takes a later module's name.
    Set<String> writtenNames = new HashSet<>();
    // Every export of the anonymous modules' executables, so that a renamed executable's new
    // export names are free of all of them.
    Set<String> exportNames = new HashSet<>();
    for (MlirFile file : files) {
      if (file.moduleName().isPresent()) {
        writtenNames.add(file.moduleName().get());
      } else {
        file.operations().forEach(op -> op.symbolName().ifPresent(writtenNames::add));
        file.operations().forEach(op -> ExecutableExports.takeNames(op, exportNames));
      }
    }
    for (MlirFile file : files) {
      if (file.moduleName().isPresent()) {
        Operation module = file.module().orElseThrow();
        claim(outerNames, file.moduleName().get(), module, errors);
        List<TextEdit> edits = new ArrayList<>();
        addAliasAndResourceEdits(module, file, aliases, resources, edits);
        operations.add(new PlacedText(module.source(), module.range(), edits));
        continue;
      }
      Map<String, String> renames = new HashMap<>();
      Map<String, Map<String, String>> exportRenames = new HashMap<>();
      for (Operation op : file.operations()) {
        if (op.symbolName().isEmpty()) {
          continue;
        }
        String name = op.symbolName().get();
        if (!outerNames.containsKey(name)) {
          outerNames.put(name, op);
        } else if (op.visibility() == Visibility.PRIVATE && op.kind() != OpKind.MODULE) {
          String fresh =
              FreshNames.fresh(
                  name,
                  candidate ->
                      writtenNames.contains(candidate) || outerNames.containsKey(candidate));
          outerNames.put(fresh, op);
          renames.put(name, fresh);
          if (op.kind() == OpKind.EXECUTABLE) {
            exportNames.addAll(writtenNames);
            exportRenames.put(name, ExecutableExports.newNames(op, fresh, exportNames));
          }
        } else {
          claim(outerNames, name, op, errors);
        }
      }
      for (Operation op : file.operations()) {
        List<TextEdit> edits = new ArrayList<>();
        String ownName = op.symbolName().orElse(null);
        if (ownName != null && renames.containsKey(ownName)) {
          String fresh = renames.get(ownName);
          edits.add(OpEdits.renameDefinition(op, fresh));
        }
        Span inside = op.kind() == OpKind.EXECUTABLE ? op.body().orElse(null) : null;
        for (SymbolUse use : op.symbolUses()) {
          if (inside != null && inside.contains(use.rootSpan())) {
            continue; // an executable's own internals, renamed below when its exports are
          }
          String fresh = renames.get(use.root());
          if (fresh != null) {
            edits.add(OpEdits.renameUse(use, fresh));
            ExecutableExports.renameNested(
                op.source(), use, exportRenames.getOrDefault(use.root(), Map.of()), edits);
          }
        }
        if (ownName != null && exportRenames.containsKey(ownName)) {
          ExecutableExports.renameInside(op, exportRenames.get(ownName), edits);
        }
        addAliasAndResourceEdits(op, file, aliases, resources, edits);
        operations.add(new PlacedText(op.source(), op.range(), edits));
      }
    }
    List<LinkedSymbol> symbols = new ArrayList<>();
    outerNames.forEach(
        (name, op) ->
            symbols.add(
                new LinkedSymbol(
                    name,
                    op.symbolName().orElse(name),
                    op.opName(),
                    op.source().locationOf(op.nameOffset()),
                    null)));
    return new BundlePlan(operations, aliases.newDefinitions(), resources.newEntries(), symbols);
  }

  private static void claim(
      Map<String, Operation> names, String name, Operation op, List<Diagnostic> errors) {
    Operation earlier = names.putIfAbsent(name, op);
    if (earlier != null && earlier != op) {
      Operation owner = Operation.symbolOwner(earlier, op);
      if (owner != null) {
        // One of the two only may define the name (an op of a kind nothing here knows): no
        // error, and the one known to define it takes it.
        names.put(name, owner);
        return;
      }
      errors.add(
          Diagnostics.error(
                  op.source(),
                  op.nameOffset(),
                  "symbol '" + name + "' is defined twice in the bundle")
              .withNote(
                  Diagnostics.note(earlier.source(), earlier.nameOffset(), "first defined here"))
              .withCode(DiagnosticCode.DUPLICATE_DEFINITION));
    }
  }

  /** Alias and resource renames for an op and, for a module, everything inside it. */
  private static void addAliasAndResourceEdits(
      Operation op,
      MlirFile file,
      AliasMerger aliases,
      ResourceMerger resources,
      List<TextEdit> edits) {
    aliases.renameUses(file, op.aliasUses(), edits);
    resources.renameUses(file, op.resourceUses(), edits);
    for (Operation child : op.children()) {
      addAliasAndResourceEdits(child, file, aliases, resources, edits);
    }
  }
}
