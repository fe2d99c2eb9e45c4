package org.mlirlink.write.bytecode;

import java.util.ArrayList;
import java.util.List;

/**
 * The resources of a text's {@code {-# ... #-}} section, by group, in file order: the dialect
 * groups ({@code dialect_resources: { builtin: {...} }}) and the external ones ({@code
 * external_resources: { mlir_reproducer: {...} }}). A blob is kept as where its hex digits are,
 * never as bytes: it can be gigabytes, and it is decoded only as it is written.
 *
 * <pre>{@code
 * Resources.Group builtin = resources.dialectGroup("builtin");
 * Resources.Entry weights = builtin.entries.get(0);   // key "w", kind BLOB, alignment 64
 * }</pre>
 */
final class Resources {
  /** The kinds of resource value, numbered as the bytecode format numbers them. */
  enum Kind {
    BLOB,
    BOOL,
    STRING
  }

  /** One {@code key: value} entry. */
  static final class Entry {
    /** The key, one character per byte (ISO-8859-1). */
    final String key;

    final Kind kind;

    /** Where the value is written, for errors. */
    final long at;

    /** A blob's hex digits after {@code "0x}, alignment included: {@code [hexStart, hexEnd)}. */
    long hexStart;

    long hexEnd;

    /** A blob's alignment (its first four bytes) and the size of its data (the bytes after). */
    long alignment;

    long size;

    boolean bool;

    /** A string's value, one character per byte. */
    String string;

    /** A key some {@code dense_resource} names but no entry holds: written with no data. */
    boolean declarationOnly;

    Entry(String key, Kind kind, long at) {
      this.key = key;
      this.kind = kind;
      this.at = at;
    }
  }

  /** A dialect's resources, or an external resource provider's. */
  static final class Group {
    final boolean external;
    final String name;
    final List<Entry> entries = new ArrayList<>();

    Group(boolean external, String name) {
      this.external = external;
      this.name = name;
    }
  }

  final List<Group> groups = new ArrayList<>();

  /** The group of {@code dialect}'s resources, added (empty) if the text has none. */
  Group dialectGroup(String dialect) {
    for (Group group : groups) {
      if (!group.external && group.name.equals(dialect)) {
        return group;
      }
    }
    Group added = new Group(false, dialect);
    groups.add(added);
    return added;
  }
}
