package org.mlirlink.write.bytecode;

import java.util.ArrayList;
import java.util.List;

/**
 * The IR of a generic-form text as the bytecode writer needs it: operations, regions and blocks,
 * with every attribute and type held as an index into {@link RawTexts} (its text as written, before
 * aliases are expanded) and every operand as the region that defines its value and the value's
 * number there. Nothing is interpreted: an op is its name, its parts and their order.
 *
 * <pre>{@code
 * GenericIr.Op op = module.ops.get(0);   // "builtin.module"() ({...}) : () -> ()
 * op.regions[0].blocks.get(0).ops;      // the module's body
 * }</pre>
 */
final class GenericIr {
  private GenericIr() {}

  /** One operation. Arrays are never null; an absent dictionary is {@code -1}. */
  static final class Op {
    /** Where the op's name is written, for errors about it. */
    final long at;

    /** Index into the file's operation names. */
    final int name;

    /** Raw attribute index of its location. */
    int location;

    /** Raw attribute index of its attribute dictionary (properties merged in), or -1. */
    int attributes = -1;

    /** Raw type indices of its results. */
    int[] resultTypes = new int[0];

    /**
     * Each operand's defining region and its value's number there, filled in when the region that
     * defines it has been read (a value may be used before it is defined).
     */
    Region[] operandRegions = new Region[0];

    int[] operandNumbers = new int[0];

    /** Each successor's index among its region's blocks. */
    int[] successors = new int[0];

    Region[] regions = new Region[0];

    /**
     * When MLIR's text parser creates this op, counting ops: after the ops in its regions, as the
     * parser reads regions before it creates their op. An operand's use starts then.
     */
    int created;

    /** The op's number in a pre-order walk of the file, as MLIR's bytecode reader counts them. */
    int preorder;

    /** Per result, the order of its uses to write (see {@link UseListOrders}), or null. */
    int[][] resultOrders;

    Op(long at, int name) {
      this.at = at;
      this.name = name;
    }
  }

  /** A region: its blocks, and how many values they define (not counting nested regions'). */
  static final class Region {
    final List<Block> blocks = new ArrayList<>();
    int valueCount;

    /** The number of this region's first value among all values of the file. */
    int firstValue;

    /**
     * Where this region's values start among those the bytecode reader holds while it reads this
     * region: set while the region is being encoded.
     */
    int base;
  }

  /** A block: its arguments' types and locations (-1 for none), and its ops. */
  static final class Block {
    int[] argumentTypes = new int[0];
    int[] argumentLocations = new int[0];
    final List<Op> ops = new ArrayList<>();

    /** How many ops MLIR's text parser has created when it defines this block's arguments. */
    int definedAfter;

    /** Per argument, the order of its uses to write (see {@link UseListOrders}), or null. */
    int[][] argumentOrders;
  }
}
