package org.mlirlink.model;

import java.util.List;

/**
 * The {@code {-# ... #-}} file metadata section. Only its resource entries are modelled: each
 * {@code key: value} inside {@code dialect_resources: { dialect: { ... } }} (and likewise {@code
 * external_resources}).
 *
 * @param range the whole section, {@code {-#} to {@code #-}}
 * @param entries every resource entry in file order
 */
public record ResourceSection(Span range, List<Entry> entries) implements TopLevelItem {
  public ResourceSection {
    entries = List.copyOf(entries);
  }

  /**
   * One resource.
   *
   * @param group {@code dialect_resources} or {@code external_resources}
   * @param dialect the dialect key under the group, e.g. {@code builtin}
   * @param key the resource key, e.g. {@code blob1}
   * @param keySpan the key token
   * @param valueSpan the value (usually a long hex string)
   */
  public record Entry(String group, String dialect, String key, Span keySpan, Span valueSpan) {}
}
