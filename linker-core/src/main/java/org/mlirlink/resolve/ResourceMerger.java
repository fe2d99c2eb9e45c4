package org.mlirlink.resolve;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlirlink.model.MlirFile;
import org.mlirlink.model.MlirSyntax;
import org.mlirlink.model.ResourceSection;
import org.mlirlink.model.ResourceUse;
import org.mlirlink.model.Span;
import org.mlirlink.model.TextEdit;

/**
 * Decides the output key of every {@code dense_resource<key>} a linked op uses. The target's
 * entries are kept; a source entry is shared when the output has the same key with the same value,
 * added when the key is free, and added as {@code key_N} when the key holds another value. Values
 * are compared in place, never copied.
 */
final class ResourceMerger {
  private record Value(MlirFile file, ResourceSection.Entry entry) {}

  private final Map<String, Value> outputEntries = new LinkedHashMap<>();
  private final Map<MlirFile, Map<String, String>> keys = new IdentityHashMap<>();
  private final List<LinkPlan.NewResource> added = new ArrayList<>();

  /** A merger for an output that starts with no resources (a bundle). */
  ResourceMerger() {}

  /** A merger for an output that keeps the resource entries of {@code target}. */
  ResourceMerger(MlirFile target) {
    target
        .resources()
        .ifPresent(
            section -> {
              for (ResourceSection.Entry entry : section.entries()) {
                outputEntries.putIfAbsent(entry.key(), new Value(target, entry));
              }
            });
  }

  /** Adds an edit for each of {@code uses} (written in {@code file}) whose key changes. */
  void renameUses(MlirFile file, List<ResourceUse> uses, List<TextEdit> edits) {
    for (ResourceUse use : uses) {
      String key = outputKey(file, use.key());
      if (!key.equals(use.key())) {
        edits.add(new TextEdit(use.keySpan(), MlirSyntax.quoteIfNeeded(key)));
      }
    }
  }

  /** The key {@code key} (as used in {@code file}) has in the output. */
  String outputKey(MlirFile file, String key) {
    Map<String, String> fileKeys = keys.computeIfAbsent(file, f -> new HashMap<>());
    String known = fileKeys.get(key);
    if (known != null) {
      return known;
    }
    ResourceSection.Entry entry =
        file.resources()
            .flatMap(
                section -> section.entries().stream().filter(e -> e.key().equals(key)).findFirst())
            .orElse(null);
    if (entry == null) {
      fileKeys.put(key, key);
      return key; // no entry in its own file: keep the use as written
    }
    Value existing = outputEntries.get(key);
    if (existing != null
        && sameText(existing.file(), existing.entry().valueSpan(), file, entry.valueSpan())) {
      fileKeys.put(key, key);
      return key;
    }
    String outputKey = existing == null ? key : FreshNames.fresh(key, outputEntries::containsKey);
    fileKeys.put(key, outputKey);
    outputEntries.put(outputKey, new Value(file, entry));
    added.add(
        new LinkPlan.NewResource(
            entry.group(),
            entry.dialect(),
            outputKey,
            new PlacedText(file.source(), entry.valueSpan(), List.of())));
    return outputKey;
  }

  List<LinkPlan.NewResource> newEntries() {
    return List.copyOf(added);
  }

  /** Whether two spans hold the same bytes, compared in place (values can be huge). */
  private static boolean sameText(MlirFile a, Span spanA, MlirFile b, Span spanB) {
    return spanA.length() == spanB.length()
        && a.source().regionEquals(spanA.start(), b.source(), spanB.start(), spanA.length());
  }
}
