package org.mlirlink.write.bytecode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The order of each value's uses that MLIR's text parser leaves, for the values whose order a
 * bytecode reader would not restore by itself: so that reading our bytecode gives the very IR that
 * parsing the text gives, use lists included (passes that walk a value's users see them in that
 * order, and {@code iree-opt --emit-bytecode} of either writes the same file).
 *
 * <p>The text parser adds a use to the front of its value's list when it creates the op that holds
 * it, and it creates an op after the ops in its regions. A use read before its value is defined
 * goes to a placeholder, whose uses move to the value, in reverse, when it is defined. So a value's
 * list is its later uses, last attached first, then its earlier ones, first attached first. The
 * bytecode reader, given no order, sorts each list by its uses' places in a pre-order walk of the
 * IR, last first (an op's operands by number within it); where the parser's order differs, the file
 * says, per use in the reader's order, its place in the parser's.
 *
 * <pre>{@code
 * UseListOrders.compute(parsed.topLevel);
 * op.resultOrders;            // per result: null, or the places to write
 * block.argumentOrders;       // likewise per block argument
 * }</pre>
 */
final class UseListOrders {
  private final List<GenericIr.Op> ops = new ArrayList<>();
  private int nextValue;

  // Per value (numbered across the file): when it is defined, and by what.
  private int[] definedAt = new int[64];
  private Object[] definer = new Object[64];
  private int[] definerIndex = new int[64];

  private UseListOrders() {}

  /** Sets {@code resultOrders} and {@code argumentOrders} throughout the IR. */
  static void compute(List<GenericIr.Op> topLevel) {
    UseListOrders orders = new UseListOrders();
    for (GenericIr.Op op : topLevel) {
      orders.walk(op);
    }
    orders.orderUses();
  }

  private void walk(GenericIr.Op op) {
    op.preorder = ops.size();
    ops.add(op);
    for (GenericIr.Region region : op.regions) {
      region.firstValue = nextValue;
      nextValue += region.valueCount;
      int value = region.firstValue;
      for (GenericIr.Block block : region.blocks) {
        for (int i = 0; i < block.argumentTypes.length; i++) {
          define(value++, block, i, block.definedAfter);
        }
        for (GenericIr.Op nested : block.ops) {
          for (int i = 0; i < nested.resultTypes.length; i++) {
            define(value++, nested, i, nested.created);
          }
          walk(nested);
        }
      }
    }
  }

  private void define(int value, Object by, int index, int at) {
    if (value >= definedAt.length) {
      int size = Math.max(value + 1, definedAt.length * 2);
      definedAt = Arrays.copyOf(definedAt, size);
      definer = Arrays.copyOf(definer, size);
      definerIndex = Arrays.copyOf(definerIndex, size);
    }
    definedAt[value] = at;
    definer[value] = by;
    definerIndex[value] = index;
  }

  private void orderUses() {
    // Every value's uses, by value: start[v] to start[v + 1] in owners and operands.
    int[] start = new int[nextValue + 1];
    for (GenericIr.Op op : ops) {
      for (int i = 0; i < op.operandNumbers.length; i++) {
        start[value(op, i) + 1]++;
      }
    }
    for (int v = 0; v < nextValue; v++) {
      start[v + 1] += start[v];
    }
    GenericIr.Op[] owners = new GenericIr.Op[start[nextValue]];
    int[] operands = new int[owners.length];
    int[] filled = Arrays.copyOf(start, nextValue);
    for (GenericIr.Op op : ops) {
      for (int i = 0; i < op.operandNumbers.length; i++) {
        int at = filled[value(op, i)]++;
        owners[at] = op;
        operands[at] = i;
      }
    }
    for (int v = 0; v < nextValue; v++) {
      if (start[v + 1] - start[v] > 1) {
        int[] order = order(v, start[v], start[v + 1], owners, operands);
        if (order != null) {
          record(v, order);
        }
      }
    }
  }

  private static int value(GenericIr.Op op, int operand) {
    return op.operandRegions[operand].firstValue + op.operandNumbers[operand];
  }

  /** The order to write for value {@code v}'s uses {@code [from, to)}, or null for none. */
  private int[] order(int v, int from, int to, GenericIr.Op[] owners, int[] operands) {
    Integer[] uses = new Integer[to - from];
    for (int i = 0; i < uses.length; i++) {
      uses[i] = from + i;
    }
    // The order the parser attaches them in: by the creation of their op, then by operand.
    Integer[] attached = uses.clone();
    Arrays.sort(
        attached,
        Comparator.<Integer>comparingInt(u -> owners[u].created)
            .thenComparingInt(u -> operands[u]));
    List<Integer> parsed = new ArrayList<>(uses.length);
    for (int i = attached.length - 1; i >= 0; i--) {
      if (owners[attached[i]].created >= definedAt[v]) {
        parsed.add(attached[i]); // attached after the definition: the last one first
      }
    }
    for (Integer use : attached) {
      if (owners[use].created < definedAt[v]) {
        parsed.add(use); // moved from the placeholder: the first one first
      }
    }
    // The order the reader restores by itself: by pre-order place, then operand, last first.
    Integer[] restored = uses.clone();
    Arrays.sort(
        restored,
        Comparator.<Integer>comparingInt(u -> owners[u].preorder)
            .thenComparingInt(u -> operands[u])
            .reversed());
    int[] placeInParsed = new int[uses.length];
    for (int i = 0; i < parsed.size(); i++) {
      placeInParsed[parsed.get(i) - from] = i;
    }
    int[] order = new int[uses.length];
    boolean same = true;
    for (int k = 0; k < restored.length; k++) {
      order[k] = placeInParsed[restored[k] - from];
      same &= order[k] == k;
    }
    return same ? null : order;
  }

  private void record(int v, int[] order) {
    if (definer[v] instanceof GenericIr.Block block) {
      if (block.argumentOrders == null) {
        block.argumentOrders = new int[block.argumentTypes.length][];
      }
      block.argumentOrders[definerIndex[v]] = order;
    } else {
      GenericIr.Op op = (GenericIr.Op) definer[v];
      if (op.resultOrders == null) {
        op.resultOrders = new int[op.resultTypes.length][];
      }
      op.resultOrders[definerIndex[v]] = order;
    }
  }
}
