package org.mlirlink.resolve;

/**
 * A set of names in one array, without an entry object each: open addressing with linear probing,
 * for sets as large as the definitions a link names.
 */
final class NameSet {
  private String[] slots;

  /** {@code 32 - log2(slots.length)}: a hash's top bits pick its first slot. */
  private int shift;

  private int size;

  NameSet(int expected) {
    int capacity = 16;
    while (capacity < 2 * expected) {
      capacity *= 2;
    }
    slots = new String[capacity];
    shift = Integer.numberOfLeadingZeros(capacity) + 1;
  }

  boolean contains(String name) {
    int mask = slots.length - 1;
    for (int i = slot(name); ; i = (i + 1) & mask) {
      String slot = slots[i];
      if (slot == null) {
        return false;
      }
      if (slot.equals(name)) {
        return true;
      }
    }
  }

  /** Adds {@code name}; false when it was there already. */
  boolean add(String name) {
    if (2 * (size + 1) > slots.length) {
      grow();
    }
    int mask = slots.length - 1;
    for (int i = slot(name); ; i = (i + 1) & mask) {
      String slot = slots[i];
      if (slot == null) {
        slots[i] = name;
        size++;
        return true;
      }
      if (slot.equals(name)) {
        return false;
      }
    }
  }

  private void grow() {
    String[] old = slots;
    slots = new String[2 * old.length];
    shift--;
    int mask = slots.length - 1;
    for (String name : old) {
      if (name != null) {
        int i = slot(name);
        while (slots[i] != null) {
          i = (i + 1) & mask;
        }
        slots[i] = name;
      }
    }
  }

  /** The first slot to probe: the hash spread by the golden ratio ({@link DefinitionTable}). */
  private int slot(String name) {
    return (name.hashCode() * 0x9E3779B9) >>> shift;
  }
}
