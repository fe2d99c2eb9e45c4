package org.mlirlink.resolve;

/**
 * Definitions by name, in one array and without an entry object each: open addressing with linear
 * probing. The name is the definition's own (its local name) or, for {@link #qualified()} tables,
 * its qualified name {@code m.sym}, which is hashed and compared piece by piece and never built.
 * The first definition put under a name keeps it, until {@link #replace} puts another in its place.
 */
final class DefinitionTable {
  private final boolean qualified;
  private Definition[] slots;

  /** {@code 32 - log2(slots.length)}: a hash's top bits pick its first slot. */
  private int shift;

  private int size;

  private DefinitionTable(boolean qualified, int expected) {
    this.qualified = qualified;
    this.slots = new Definition[capacityFor(expected)];
    this.shift = Integer.numberOfLeadingZeros(slots.length) + 1;
  }

  /** A table by local name. */
  static DefinitionTable local(int expected) {
    return new DefinitionTable(false, expected);
  }

  /** A table by qualified name ({@link Definition#qualifiedName()}). */
  static DefinitionTable qualified() {
    return new DefinitionTable(true, 0);
  }

  /** The definition named {@code name}, or null. */
  Definition get(String name) {
    int mask = slots.length - 1;
    int hash = name.hashCode();
    for (int i = slot(hash); ; i = (i + 1) & mask) {
      Definition slot = slots[i];
      if (slot == null || (hash(slot) == hash && matches(slot, name))) {
        return slot;
      }
    }
  }

  /** Makes room for {@code more} definitions, so that adding them does not grow the table. */
  void reserve(int more) {
    if (2 * (size + more) > slots.length) {
      rehash(capacityFor(size + more));
    }
  }

  /** Adds {@code definition} unless its name is taken; returns the one taking it, or null. */
  Definition putIfAbsent(Definition definition) {
    if (2 * (size + 1) > slots.length) {
      rehash(2 * slots.length);
    }
    int mask = slots.length - 1;
    int hash = hash(definition);
    for (int i = slot(hash); ; i = (i + 1) & mask) {
      Definition slot = slots[i];
      if (slot == null) {
        slots[i] = definition;
        size++;
        return null;
      }
      if (hash(slot) == hash && sameName(slot, definition)) {
        return slot;
      }
    }
  }

  /** Puts {@code now} in the place of {@code earlier}, which has the same name. */
  void replace(Definition earlier, Definition now) {
    int mask = slots.length - 1;
    for (int i = slot(hash(earlier)); ; i = (i + 1) & mask) {
      if (slots[i] == earlier) {
        slots[i] = now;
        return;
      }
      if (slots[i] == null) {
        throw new IllegalArgumentException(earlier + " is not in the table");
      }
    }
  }

  /** Moves every definition into a table of {@code capacity} slots (a power of two). */
  private void rehash(int capacity) {
    Definition[] old = slots;
    slots = new Definition[capacity];
    shift = Integer.numberOfLeadingZeros(capacity) + 1;
    int mask = slots.length - 1;
    for (Definition definition : old) {
      if (definition != null) {
        int i = slot(hash(definition));
        while (slots[i] != null) {
          i = (i + 1) & mask;
        }
        slots[i] = definition;
      }
    }
  }

  /**
   * The first slot to probe for a hash. Names such as {@code f1}, {@code f2}, ... have consecutive
   * hashes: multiplying by the golden ratio spreads them, or linear probing would cluster.
   */
  private int slot(int hash) {
    return (hash * 0x9E3779B9) >>> shift;
  }

  /** A power of two at least twice {@code expected}: the table is never more than half full. */
  private static int capacityFor(int expected) {
    int capacity = 16;
    while (capacity < 2 * expected) {
      capacity *= 2;
    }
    return capacity;
  }

  /** The hash of the definition's name: {@link String#hashCode} of the name, built or not. */
  private int hash(Definition definition) {
    return qualified ? definition.qualifiedHash() : definition.localNameOrNull().hashCode();
  }

  /** {@code module.qualify(local).hashCode()}, without building the qualified name. */
  static int qualifiedHash(SourceModule module, String local) {
    String name = module.nameOrNull();
    if (name == null) {
      return local.hashCode();
    }
    // "m.sym".hashCode() = (m.hashCode() * 31 + '.') * 31^|sym| + sym.hashCode()
    return (name.hashCode() * 31 + '.') * powerOf31(local.length()) + local.hashCode();
  }

  /** Whether {@code definition} is named {@code name}. */
  private boolean matches(Definition definition, String name) {
    String local = definition.localNameOrNull();
    String module = qualified ? definition.module().nameOrNull() : null;
    if (module == null) {
      return local.equals(name);
    }
    int dot = module.length();
    return name.length() == dot + 1 + local.length()
        && name.charAt(dot) == '.'
        && name.startsWith(module)
        && name.startsWith(local, dot + 1);
  }

  private boolean sameName(Definition a, Definition b) {
    if (!qualified) {
      return a.localNameOrNull().equals(b.localNameOrNull());
    }
    if (a.module() == b.module()) {
      return a.localNameOrNull().equals(b.localNameOrNull());
    }
    String moduleA = a.module().nameOrNull();
    String moduleB = b.module().nameOrNull();
    if (moduleA == null) {
      return matches(b, a.localNameOrNull());
    }
    if (moduleB == null) {
      return matches(a, b.localNameOrNull());
    }
    // Two qualified names, each split at its module's end: compare them as whole strings would.
    String localA = a.localNameOrNull();
    String localB = b.localNameOrNull();
    int length = moduleA.length() + 1 + localA.length();
    if (length != moduleB.length() + 1 + localB.length()) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (charAt(moduleA, localA, i) != charAt(moduleB, localB, i)) {
        return false;
      }
    }
    return true;
  }

  /** The character at {@code i} of {@code module + "." + local}. */
  private static char charAt(String module, String local, int i) {
    int dot = module.length();
    return i < dot ? module.charAt(i) : i == dot ? '.' : local.charAt(i - dot - 1);
  }

  /** 31 to the power of each name length up to 63, for {@link #hash}. */
  private static final int[] POWERS_OF_31 = new int[64];

  static {
    POWERS_OF_31[0] = 1;
    for (int i = 1; i < POWERS_OF_31.length; i++) {
      POWERS_OF_31[i] = 31 * POWERS_OF_31[i - 1];
    }
  }

  private static int powerOf31(int exponent) {
    if (exponent < POWERS_OF_31.length) {
      return POWERS_OF_31[exponent];
    }
    int result = 1;
    int base = 31;
    for (int e = exponent; e > 0; e >>= 1) {
      if ((e & 1) != 0) {
        result *= base;
      }
      base *= base;
    }
    return result;
  }
}
