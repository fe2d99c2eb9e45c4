package org.mlirlink.resolve;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlirlink.model.MlirFile;
import org.mlirlink.model.ResourceSection;
import org.mlirlink.model.Span;

/**
 * Decides the output key of every {@code dense_resource<key>} a linked op uses. The target's
 * entries are kept; a source entry is shared when the output has the same key with the same
 * value, added when the key is free, and added as {@code key_N} when the key holds another value.
 * Values are compared in place, never copied.
 */
public final class ResourceMerger {
  private record Value(MlirFile file, ResourceSection.Entry entry) {}

  private final Map<String, Value> outputEntries = new LinkedHashMap<>();
  private final Map<MlirFile, Map<String, String>> keys = new IdentityHashMap<>();
  private final List<LinkPlan.NewResource> added = new ArrayList<>();

  /** @param target the module whose entries the output keeps; null for none (a bundle) */
  ResourceMerger(MlirFile target) {
    if (target == null) {
      return;
    }
    target.resources().ifPresent(section -> {
      for (ResourceSection.Entry entry : section.entries()) {
        outputEntries.putIfAbsent(entry.key(), new Value(target, entry));
      }
    });
  }

  /** The key {@code key} (as used in {@code file}) has in the output. */
  String outputKey(MlirFile file, String key) {
    Map<String, String> fileKeys = keys.computeIfAbsent(file, f -> new HashMap<>());
    String known = fileKeys.get(key);
    if (known != null) {
      return known;
    }
    ResourceSection.Entry entry = file.resources().flatMap(section -> section.entries().stream()
        .filter(e -> e.key().equals(key)).findFirst()).orElse(null);
    if (entry == null) {
      fileKeys.put(key, key);
      return key; // no entry in its own file: keep the use as written
    }
    Value existing = outputEntries.get(key);
    if (existing != null
        && LinkPlanner.sameText(existing.file(), valueSpan(existing.file(), existing.entry()),
            file, valueSpan(file, entry))) {
      fileKeys.put(key, key);
      return key;
    }
    String outputKey = existing == null ? key : freshKey(key);
    fileKeys.put(key, outputKey);
    outputEntries.put(outputKey, new Value(file, entry));
    added.add(new LinkPlan.NewResource(entry.group(), entry.dialect(), outputKey,
        new PlacedText(file.source(), valueSpan(file, entry), List.of())));
    return outputKey;
  }

  /**
   * The entry's value without the whitespace the reader may leave after it (before the closing
   * brace), so equal values compare equal wherever they stand and are written cleanly.
   */
  public static Span valueSpan(MlirFile file, ResourceSection.Entry entry) {
    Span span = entry.valueSpan();
    String text = file.text();
    int end = span.end();
    while (end > span.start() && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    return new Span(span.start(), end);
  }

  private String freshKey(String key) {
    for (int counter = 0; ; counter++) {
      String candidate = key + "_" + counter;
      if (!outputEntries.containsKey(candidate)) {
        return candidate;
      }
    }
  }

  List<LinkPlan.NewResource> newEntries() {
    return List.copyOf(added);
  }
}
