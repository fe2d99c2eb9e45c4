package org.mlirlink.resolve;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.mlirlink.model.AliasUse;
import org.mlirlink.model.MlirFile;
import org.mlirlink.model.OpKind;
import org.mlirlink.model.Operation;
import org.mlirlink.model.SymbolUse;

/**
 * Which of a library's globals are the target's own. A program compiled by IREE to the {@code
 * stream} phase or later names its device in a global ({@code @__device_0}, with queries and
 * executables cached in more globals next to it), and every module compiled apart carries its own
 * copy. Linked as a second global, a library's copy would make the program drive two devices. So a
 * library global is the target's global of the same name when both say the same thing: the global
 * ops are the same text, and so are the initializers of each module that store to it. Its uses then
 * name the target's global and nothing of it is linked. A global that differs in anything is linked
 * as its own, renamed on the clash.
 *
 * <p>Texts compare as written, with every alias they use standing for the same value in both files
 * (two files may give one alias name different values); a text that uses a {@code dense_resource}
 * is never taken for the same, since its key may name different data in the two files.
 *
 * <pre>{@code
 * SharedGlobals shared = new SharedGlobals(target);
 * shared.isTargetGlobal(libraryModule, libraryGlobal);   // true: link nothing, keep the name
 * }</pre>
 */
final class SharedGlobals {
  /**
   * The text in front of a global's name in an op that stores to it, in custom form ({@code
   * util.global.store %v, @g}) or generic form ({@code "util.global.store"(%v) <{global = @g}>}).
   */
  private static final Pattern STORE =
      Pattern.compile(
          "(util\\.global\\.store\\s+%[\\w$.#-]+\\s*,\\s*"
              + "|\"util\\.global\\.store\"\\s*\\([^)]*\\)\\s*<\\{\\s*global\\s*=\\s*)$");

  /** How much text before a name is enough to see the store in front of it. */
  private static final int LOOK_BEHIND = 160;

  private final MlirFile target;
  private final Map<String, Operation> targetGlobals = new HashMap<>();

  SharedGlobals(MlirFile target) {
    this.target = target;
    for (Operation op : target.operations()) {
      if (op.kind() == OpKind.GLOBAL && op.symbolName().isPresent()) {
        targetGlobals.put(op.symbolName().get(), op);
      }
    }
  }

  /** Whether {@code global}, of the library {@code module}, is the target's global of its name. */
  boolean isTargetGlobal(SourceModule module, Operation global) {
    String name = global.symbolName().orElse(null);
    Operation own = name == null ? null : targetGlobals.get(name);
    if (own == null || !sameText(module.file(), global, target, own)) {
      return false;
    }
    List<Operation> theirs = storing(module.operations(), name);
    List<Operation> ours = storing(target.operations(), name);
    if (theirs.size() != ours.size()) {
      return false;
    }
    for (int i = 0; i < ours.size(); i++) {
      if (!sameText(module.file(), theirs.get(i), target, ours.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** The initializers among {@code ops} that store to the global {@code name}, in order. */
  private static List<Operation> storing(List<Operation> ops, String name) {
    List<Operation> found = new ArrayList<>();
    for (Operation op : ops) {
      if (op.kind() == OpKind.INITIALIZER && storesTo(op, name)) {
        found.add(op);
      }
    }
    return found;
  }

  private static boolean storesTo(Operation op, String name) {
    for (SymbolUse use : op.symbolUses()) {
      if (use.root().equals(name) && use.nested().isEmpty()) {
        long at = use.rootSpan().start();
        String before = op.source().string(Math.max(op.range().start(), at - LOOK_BEHIND), at);
        if (STORE.matcher(before).find()) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether two ops are the same text, meaning the same in their files (aliases and resources). */
  private static boolean sameText(MlirFile fileA, Operation a, MlirFile fileB, Operation b) {
    long length = a.range().length();
    if (length != b.range().length()
        || !a.resourceUses().isEmpty()
        || !b.resourceUses().isEmpty()
        || !a.source().regionEquals(a.range().start(), b.source(), b.range().start(), length)) {
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
}
