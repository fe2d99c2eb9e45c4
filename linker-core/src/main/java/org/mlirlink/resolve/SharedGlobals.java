package org.mlirlink.resolve;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.mlirlink.model.AliasUse;
import org.mlirlink.model.MlirFile;
import org.mlirlink.model.MlirSyntax;
import org.mlirlink.model.OpKind;
import org.mlirlink.model.Operation;
import org.mlirlink.model.Span;
import org.mlirlink.model.SymbolUse;

/**
 * Which of a library's globals are the target's own. A program compiled by IREE to the {@code
 * stream} phase or later names its device in a global ({@code @__device_0}, with queries and
 * executables cached in more globals next to it), and every module compiled apart carries its own
 * copy. Linked as a second global, a library's copy would make the program drive two devices. So a
 * library global is the target's global of the same name when both say the same thing: the global
 * ops are the same text, and so are the initializers of each module that store to it, and so is
 * everything else these name, in turn (so that two libraries' {@code @f_dispatch_0} executables,
 * which differ, keep the globals that load them apart). Its uses then name the target's global and
 * nothing of it is linked. A global that differs in anything is linked as its own, renamed on the
 * clash, and so is a {@code mutable} one, whatever its text: it is the state of its own module (two
 * libraries that each count their calls in a {@code @counter} keep two counts).
 *
 * <p>Texts compare as written, with every alias they use standing for the same value in both files
 * (two files may give one alias name different values); a text that uses a {@code dense_resource}
 * is never taken for the same, since its key may name different data in the two files.
 *
 * <pre>{@code
 * SharedGlobals shared = new SharedGlobals(target);
 * shared.resolve(libraryGlobal);   // null: the target's global of that name, link nothing
 * }</pre>
 */
final class SharedGlobals {
  /**
   * The text in front of a global's name in an op that stores to it, in custom form ({@code
   * util.global.store %v, @g}) or generic form, the global a property ({@code
   * "util.global.store"(%v) <{global = @g}>}) or, as bytecode before version 5 has it, an attribute
   * ({@code "util.global.store"(%v) {global = @g}}). Other entries may come before it on the op's
   * line; a match there too many only compares one more initializer.
   */
  private static final Pattern STORE =
      Pattern.compile(
          "(util\\.global\\.store\\s+%[\\w$.#-]+\\s*,\\s*"
              + "|\"util\\.global\\.store\"\\s*\\([^)]*\\)\\s*<?\\{[^\\n]*?\\bglobal\\s*=\\s*)$");

  /** A module whose names are compared: the target, or a library module. */
  private record Scope(MlirFile file, List<Operation> ops, Map<String, Operation> byName) {
    static Scope of(MlirFile file, List<Operation> ops) {
      Map<String, Operation> byName = new HashMap<>();
      for (Operation op : ops) {
        op.symbolName().ifPresent(name -> byName.putIfAbsent(name, op));
      }
      return new Scope(file, ops, byName);
    }
  }

  private final Scope target;
  private final Map<SourceModule, Scope> libraries = new IdentityHashMap<>();

  /** {@link #runBy}'s answers, by initializer. */
  private final Map<Operation, List<Operation>> runs = new IdentityHashMap<>();

  /** The first global linked under each local name, from whichever library. */
  private final Map<String, Definition> linkedGlobals = new HashMap<>();

  SharedGlobals(MlirFile target) {
    this.target = Scope.of(target, target.operations());
  }

  /**
   * What a library's use of its own global {@code global} refers to: null when it is a copy of the
   * target's global of its name (the use keeps its name, which the target defines), the global
   * already linked from another library that it is a copy of (two libraries compiled for one device
   * each carry it, when the target has none), else {@code global} itself.
   */
  Definition resolve(Definition global) {
    if (isMutable(global.op())) {
      return global; // state of its own module: two libraries' counters are two counters
    }
    Scope scope = scope(global.module());
    Operation own = target.byName().get(global.localName());
    if (own != null
        && own.kind() == OpKind.GLOBAL
        && same(scope, global.op(), target, own, new HashSet<>())) {
      return null;
    }
    Definition earlier = linkedGlobals.get(global.localName());
    if (earlier != null
        && earlier.module() != global.module()
        && same(scope(earlier.module()), earlier.op(), scope, global.op(), new HashSet<>())) {
      return earlier;
    }
    return global;
  }

  /**
   * Whether a {@code util.global} may be stored to outside its initializers: {@code mutable} in
   * front of its name in custom form, an {@code is_mutable} entry in generic form.
   */
  static boolean isMutable(Operation global) {
    if (global.isGenericForm()) {
      return global.attributes().stream().anyMatch(entry -> entry.name().equals("is_mutable"));
    }
    long from = global.range().start() + global.opName().length();
    long to = global.symbolSpan().map(Span::start).orElse(from);
    return MUTABLE.matcher(global.source().string(from, to)).find();
  }

  /** The keyword of a mutable global among the words in front of its name. */
  private static final Pattern MUTABLE = Pattern.compile("(^|\\s)mutable(\\s|$)");

  /** Notes a global the link takes, for {@link #resolve}. */
  void linked(Definition global) {
    linkedGlobals.putIfAbsent(global.localName(), global);
  }

  private Scope scope(SourceModule module) {
    return libraries.computeIfAbsent(module, m -> Scope.of(m.file(), m.operations()));
  }

  /**
   * Whether op {@code a} of scope {@code sa} says the same as {@code b} of {@code sb}: the same
   * text, every symbol it names outside itself the same in both scopes in turn (an initializer that
   * loads executable {@code @f_dispatch_0} in two libraries names two different executables), and,
   * for a global, the same initializers storing to it. {@code assumed} holds the pairs being
   * compared already, taken as the same: a global and its initializer name each other.
   */
  private boolean same(Scope sa, Operation a, Scope sb, Operation b, Set<List<Operation>> assumed) {
    if (!sameText(sa.file(), a, sb.file(), b)) {
      return false;
    }
    String own = a.symbolName().orElse(null);
    if (a.kind() == OpKind.GLOBAL) {
      List<Operation> storingA = storing(sa, own);
      List<Operation> storingB = storing(sb, own);
      if (storingA.size() != storingB.size()) {
        return false;
      }
      for (int i = 0; i < storingA.size(); i++) {
        if (assumed.add(List.of(storingA.get(i), storingB.get(i)))
            && !same(sa, storingA.get(i), sb, storingB.get(i), assumed)) {
          return false;
        }
      }
    }
    // The same text has the same uses at the same places.
    List<SymbolUse> uses = a.dependencyUses();
    for (SymbolUse use : uses) {
      String name = use.root();
      if (name.equals(own)) {
        continue;
      }
      Operation da = sa.byName().get(name);
      Operation db = sb.byName().get(name);
      if (da == null || db == null) {
        if (da != db) {
          return false;
        }
        continue;
      }
      if (assumed.add(List.of(da, db)) && !same(sa, da, sb, db, assumed)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The initializers of {@code scope} that store to the global {@code name}, in order: themselves,
   * or through a function of the scope they call.
   */
  private List<Operation> storing(Scope scope, String name) {
    List<Operation> found = new ArrayList<>();
    for (Operation op : scope.ops()) {
      if (op.kind() == OpKind.INITIALIZER && storesThrough(runBy(scope, op), name)) {
        found.add(op);
      }
    }
    return found;
  }

  private static boolean storesThrough(List<Operation> run, String name) {
    for (Operation op : run) {
      if (storesTo(op, name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * What running {@code initializer} of a library module runs there: itself, then every function of
   * the module it calls, directly or through the functions it calls; found once for each
   * initializer, here for deciding which globals are the same and for linking the initializers that
   * touch a global.
   *
   * <pre>{@code
   * shared.runBy(module, init);   // [init, @setup, @helper]: util.call @setup, which calls @helper
   * }</pre>
   */
  List<Operation> runBy(SourceModule module, Operation initializer) {
    return runBy(scope(module), initializer);
  }

  private List<Operation> runBy(Scope scope, Operation initializer) {
    List<Operation> run = runs.get(initializer);
    if (run != null) {
      return run;
    }
    run = new ArrayList<>();
    run.add(initializer);
    Set<Operation> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    seen.add(initializer);
    for (int i = 0; i < run.size(); i++) {
      for (SymbolUse use : run.get(i).dependencyUses()) {
        Operation called = scope.byName().get(use.root());
        if (called != null && called.kind() == OpKind.FUNCTION && seen.add(called)) {
          run.add(called);
        }
      }
    }
    runs.put(initializer, run);
    return run;
  }

  private static boolean storesTo(Operation op, String name) {
    for (SymbolUse use : op.symbolUses()) {
      if (use.root().equals(name)
          && use.nested().isEmpty()
          && STORE.matcher(op.textBefore(use)).find()) {
        return true;
      }
    }
    return false;
  }

  /** Whether two ops are the same text, meaning the same in their files (aliases and resources). */
  private static boolean sameText(MlirFile fileA, Operation a, MlirFile fileB, Operation b) {
    if (!a.resourceUses().isEmpty() || !b.resourceUses().isEmpty()) {
      return false;
    }
    long length = a.range().length();
    boolean identical =
        length == b.range().length()
            && a.source().regionEquals(a.range().start(), b.source(), b.range().start(), length);
    if (!identical && !sameButForLocations(a, b)) {
      return false;
    }
    for (AliasUse use : a.aliasUses()) {
      if (!Objects.equals(
          fileA.aliasExpansions().valueOf(use.name()),
          fileB.aliasExpansions().valueOf(use.name()))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether two ops differ only in their locations, as the same op read from two bytecode files
   * does (generic text carries every location). Ops of up to a few megabytes are compared.
   */
  private static boolean sameButForLocations(Operation a, Operation b) {
    long limit = 4L << 20;
    if (a.range().length() > limit || b.range().length() > limit) {
      return false;
    }
    String textA = a.source().string(a.range().start(), a.range().end());
    String textB = b.source().string(b.range().start(), b.range().end());
    return (textA.contains("loc(") || textB.contains("loc("))
        && MlirSyntax.withoutLocations(textA).equals(MlirSyntax.withoutLocations(textB));
  }
}
