package org.mlirlink.read.bytecode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.mlirlink.read.bytecode.BytecodeStructure.Section;

/**
 * The operations of a bytecode file's IR section, read into a tree that {@link GenericPrinter}
 * prints.
 *
 * <p>The section is the body of one block that holds the file's top-level operations: a block
 * header (the number of ops shifted left once, the low bit saying whether arguments follow), then
 * the ops. An op is its name's index, a byte of flags saying which parts follow, its location, then
 * as flagged: its attribute dictionary, its properties (from version 5 of the format), its result
 * types, its operands, its successors, the order of its results' uses (skipped: the linker has no
 * use lists) and its number of regions (shifted left once, the low bit saying whether they are
 * isolated from above). The regions of an op follow it before the next op: each region is its
 * number of blocks, and when it has any, the number of values its blocks define, then the blocks,
 * each a header and its ops. From version 2 on, the regions of an op isolated from above are a
 * nested IR section of their own.
 *
 * <p>Values are numbered per isolation scope: a region reserves its values' numbers when it is
 * entered, after those of the regions around it, assigns them in order as block arguments and op
 * results are defined, and frees them when it ends, so sibling regions reuse them. An operand is
 * the number of a value, which may be defined later in the region (a forward reference). Here each
 * value gets a number unique in the file, which names it in the printed text; its type is kept so
 * that an op's operand types can be printed, and a name, its number in its isolation scope.
 *
 * <p>Ops are read with an explicit stack, not by recursion, so nesting depth is bounded only by
 * memory.
 */
final class IrSection {
  /** An op's flags: which of its parts the file holds. */
  static final int HAS_ATTRIBUTES = 0x01;

  static final int HAS_RESULTS = 0x02;
  static final int HAS_OPERANDS = 0x04;
  static final int HAS_SUCCESSORS = 0x08;
  static final int HAS_REGIONS = 0x10;
  static final int HAS_USE_LIST_ORDERS = 0x20;
  static final int HAS_PROPERTIES = 0x40;

  /** From this version on the regions of an op isolated from above are a nested section. */
  static final int NESTED_SECTION_VERSION = 2;

  /** From this version on the file may record the order of a value's uses. */
  static final int USE_LIST_ORDER_VERSION = 3;

  /** From this version on a block argument's unknown location is left out. */
  static final int ELIDED_ARGUMENT_LOCATION_VERSION = 4;

  /** From this version on an op may have properties. */
  static final int PROPERTIES_VERSION = 5;

  /** One operation. Indices are those of the file's tables; values are file-unique numbers. */
  static final class Op {
    final int name;
    final int location;
    final int offset;
    int attributes = -1;
    String properties = "";
    int[] resultTypes = NONE;
    int[] results = NONE;
    int[] operands = NONE;
    int[] successors = NONE;
    Region[] regions = NO_REGIONS;

    /**
     * Whether the file reads its regions as isolated from above: a value scope of their own, and
     * from version 2 on a nested section. (The writer also marks ops whose regions merely use
     * nothing from outside.)
     */
    boolean isolated;

    Op(int name, int location, int offset) {
      this.name = name;
      this.location = location;
      this.offset = offset;
    }
  }

  /** One region: its blocks. */
  static final class Region {
    final List<Block> blocks = new ArrayList<>(1);
  }

  /** One block: its arguments (values, their types and locations, -1 unknown) and ops. */
  static final class Block {
    int[] arguments = NONE;
    int[] argumentTypes = NONE;
    int[] argumentLocations = NONE;
    final List<Op> ops = new ArrayList<>();
  }

  private static final int[] NONE = new int[0];
  private static final Region[] NO_REGIONS = new Region[0];
  private static final int UNDEFINED = -1;

  /** What the reader needs to know of the file's other parts. */
  interface Context {
    int attributeCount();

    int typeCount();

    int operationNameCount();

    /** Whether the op name of that index is {@code builtin.module}. */
    boolean isModule(int opName);

    /** The op's properties, read from {@code in}, printed ({@code <{...}>}) or empty. */
    String properties(int opName, ByteReader in);
  }

  private final byte[] bytes;
  private final int version;
  private final Context context;

  /** Each value's type, by value number. */
  private int[] valueTypes = new int[256];

  /** Each value's name: its number within its isolation scope, in the order values appear. */
  private int[] valueNames = new int[256];

  /** The next name of the innermost isolation scope. */
  private int nextName;

  /** The next names of the scopes around it. */
  private final Deque<Integer> outerNextNames = new ArrayDeque<>();

  private int valueCount;

  /** Values used before their definition, by value number: set until they are defined. */
  private boolean[] forward = new boolean[256];

  private int forwardCount;

  private final Deque<Scope> scopes = new ArrayDeque<>();

  private IrSection(byte[] bytes, int version, Context context) {
    this.bytes = bytes;
    this.version = version;
    this.context = context;
  }

  /** The top-level ops of the file whose framing is {@code structure}, and each value's type. */
  static Tree read(byte[] bytes, BytecodeStructure structure, Context context) {
    IrSection reader = new IrSection(bytes, structure.version(), context);
    int[] extent = structure.extent(Section.IR);
    if (extent.length == 0) {
      throw new MalformedBytecodeException(bytes.length, "the file has no IR section");
    }
    Block top = reader.readTop(new ByteReader(bytes, extent[0], extent[1], "the IR section"));
    return new Tree(
        top,
        Arrays.copyOf(reader.valueTypes, reader.valueCount),
        Arrays.copyOf(reader.valueNames, reader.valueCount));
  }

  /**
   * The file's top-level block, and each value's type and name by its number. Names restart in each
   * op isolated from above, as MLIR's printer numbers them, so that two ops that are the same in
   * two files print the same.
   */
  record Tree(Block top, int[] valueTypes, int[] valueNames) {}

  /** Where the reading of one op's regions stands. */
  private static final class RegionState {
    final Op op;
    final ByteReader in;
    final boolean isolated;
    int region;
    Region current;
    int block = -1;
    long opsLeft;
    boolean namesFromZero;
    int reserved;

    RegionState(Op op, ByteReader in, boolean isolated) {
      this.op = op;
      this.in = in;
      this.isolated = isolated;
    }
  }

  /** The value numbers of one isolation scope, by their number in the file's encoding. */
  private static final class Scope {
    int[] values = new int[64];
    int size;
    final Deque<Integer> next = new ArrayDeque<>();

    void reserve(int count, int at) {
      if (count > Integer.MAX_VALUE - size) {
        throw new MalformedBytecodeException(at, "a region defines too many values: " + count);
      }
      next.push(size);
      int end = size + count;
      if (end > values.length) {
        values = Arrays.copyOf(values, Math.max(end, values.length * 2));
      }
      Arrays.fill(values, size, end, UNDEFINED);
      size = end;
    }
  }

  private Block readTop(ByteReader in) {
    Op root = new Op(-1, -1, in.position());
    Region region = new Region();
    Block block = new Block();
    region.blocks.add(block);
    root.regions = new Region[] {region};
    RegionState state = new RegionState(root, in, true);
    state.current = region;
    state.block = 0;
    Scope scope = new Scope();
    scopes.push(scope);
    scope.reserve(0, in.position());
    readBlockHeader(state, block);
    Deque<RegionState> stack = new ArrayDeque<>();
    stack.push(state);
    while (!stack.isEmpty()) {
      readRegions(stack);
    }
    if (!in.atEnd()) {
      throw new MalformedBytecodeException(
          in.position(), (in.end() - in.position()) + " bytes left unread in the IR section");
    }
    return block;
  }

  /**
   * Reads the regions of the op on top of the stack until they end (the op is popped) or an op with
   * regions of its own is read (it is pushed, to be read first).
   */
  private void readRegions(Deque<RegionState> stack) {
    RegionState state = stack.peek();
    ByteReader in = state.in;
    while (state.region < state.op.regions.length) {
      if (state.block < 0) {
        state.current = state.op.regions[state.region];
        if (!readRegionHeader(state)) {
          state.region++;
          continue;
        }
      }
      while (true) {
        List<Block> blocks = state.current.blocks;
        Block block = blocks.get(state.block);
        while (state.opsLeft > 0) {
          state.opsLeft--;
          Op op = readOp(in, state, block);
          if (op.regions.length > 0) {
            boolean isolated = op.isolated;
            ByteReader childIn = in;
            if (isolated && version >= NESTED_SECTION_VERSION) {
              childIn = nestedSection(in);
            }
            if (isolated) {
              scopes.push(new Scope());
            }
            RegionState child = new RegionState(op, childIn, isolated);
            // An op of a module's body (a function, an initializer) names its values from 0.
            child.namesFromZero = state.op.name < 0 || context.isModule(state.op.name);
            if (child.namesFromZero) {
              outerNextNames.push(nextName);
              nextName = 0;
            }
            stack.push(child);
            return;
          }
        }
        if (++state.block == blocks.size()) {
          break;
        }
        readBlockHeader(state, blocks.get(state.block));
      }
      state.block = -1;
      release(state.reserved, in.position());
      state.region++;
    }
    if (state.isolated && state.op.name >= 0) {
      if (!state.in.atEnd() && version >= NESTED_SECTION_VERSION) {
        throw new MalformedBytecodeException(
            state.in.position(),
            (state.in.end() - state.in.position()) + " bytes left unread in a region's section");
      }
      scopes.pop();
    }
    if (state.namesFromZero) {
      nextName = outerNextNames.pop();
    }
    stack.pop();
  }

  private boolean readRegionHeader(RegionState state) {
    ByteReader in = state.in;
    int at = in.position();
    int blocks = in.readSize("the number of a region's blocks");
    if (blocks == 0) {
      return false;
    }
    if (blocks > in.end() - in.position()) {
      throw new MalformedBytecodeException(at, blocks + " blocks cannot fit in the section");
    }
    int valuesAt = in.position();
    int values = in.readSize("the number of a region's values");
    if (values > in.end() - in.position()) {
      throw new MalformedBytecodeException(valuesAt, values + " values cannot fit in the section");
    }
    for (int i = 0; i < blocks; i++) {
      state.current.blocks.add(new Block());
    }
    state.reserved = values;
    scopes.peek().reserve(values, valuesAt);
    state.block = 0;
    readBlockHeader(state, state.current.blocks.get(0));
    return true;
  }

  private void readBlockHeader(RegionState state, Block block) {
    ByteReader in = state.in;
    long opsAndArguments = in.readVarInt("a block's number of ops");
    state.opsLeft = opsAndArguments >>> 1;
    boolean hasArguments = (opsAndArguments & 1) != 0;
    if (state.opsLeft > in.end() - in.position()) {
      throw new MalformedBytecodeException(
          in.position(), state.opsLeft + " ops cannot fit in the section");
    }
    if (!hasArguments) {
      return;
    }
    int at = in.position();
    int count = in.readSize("a block's number of arguments");
    if (count > in.end() - in.position()) {
      throw new MalformedBytecodeException(at, count + " block arguments cannot fit");
    }
    block.argumentTypes = new int[count];
    block.argumentLocations = new int[count];
    for (int i = 0; i < count; i++) {
      if (version >= ELIDED_ARGUMENT_LOCATION_VERSION) {
        int typeAt = in.position();
        long typeAndLocation = in.readVarInt("a block argument's type");
        block.argumentTypes[i] = index(typeAndLocation >>> 1, context.typeCount(), "type", typeAt);
        block.argumentLocations[i] =
            (typeAndLocation & 1) != 0 ? attribute(in, "a block argument's location") : -1;
      } else {
        block.argumentTypes[i] = type(in, "a block argument's type");
        block.argumentLocations[i] = attribute(in, "a block argument's location");
      }
    }
    block.arguments = define(block.argumentTypes, at);
    if (version >= USE_LIST_ORDER_VERSION) {
      if (in.readByte("whether a block's arguments have use-list orders") != 0) {
        skipUseListOrders(in, count);
      }
    }
  }

  private Op readOp(ByteReader in, RegionState state, Block block) {
    int at = in.position();
    int name = index(in.readVarInt("an op's name"), context.operationNameCount(), "op name", at);
    int flags = in.readByte("an op's flags");
    if ((flags & 0x80) != 0 || (version < PROPERTIES_VERSION && (flags & HAS_PROPERTIES) != 0)) {
      throw new MalformedBytecodeException(at, "unknown op flags 0x" + Integer.toHexString(flags));
    }
    Op op = new Op(name, attribute(in, "an op's location"), at);
    block.ops.add(op);
    if ((flags & HAS_ATTRIBUTES) != 0) {
      op.attributes = attribute(in, "an op's attributes");
    }
    if ((flags & HAS_PROPERTIES) != 0) {
      op.properties = context.properties(name, in);
    }
    if ((flags & HAS_RESULTS) != 0) {
      int count = count(in, "an op's number of results");
      op.resultTypes = new int[count];
      for (int i = 0; i < count; i++) {
        op.resultTypes[i] = type(in, "a result's type");
      }
    }
    if ((flags & HAS_OPERANDS) != 0) {
      int count = count(in, "an op's number of operands");
      op.operands = new int[count];
      for (int i = 0; i < count; i++) {
        op.operands[i] = operand(in);
      }
    }
    if ((flags & HAS_SUCCESSORS) != 0) {
      int count = count(in, "an op's number of successors");
      op.successors = new int[count];
      int blocks = state.current.blocks.size();
      for (int i = 0; i < count; i++) {
        int successorAt = in.position();
        op.successors[i] = index(in.readVarInt("a successor"), blocks, "block", successorAt);
      }
    }
    if ((flags & HAS_USE_LIST_ORDERS) != 0 && version >= USE_LIST_ORDER_VERSION) {
      skipUseListOrders(in, op.resultTypes.length);
    }
    if ((flags & HAS_REGIONS) != 0) {
      long regionsAndIsolated = in.readVarInt("an op's number of regions");
      long count = regionsAndIsolated >>> 1;
      if (count == 0 || count > in.end() - in.position() + 1) {
        throw new MalformedBytecodeException(at, "an op with " + count + " regions");
      }
      op.isolated = (regionsAndIsolated & 1) != 0;
      op.regions = new Region[(int) count];
      for (int i = 0; i < count; i++) {
        op.regions[i] = new Region();
      }
    }
    op.results = define(op.resultTypes, at);
    return op;
  }

  /** The section the regions of an isolated op are in, moved past in {@code in}. */
  private ByteReader nestedSection(ByteReader in) {
    int at = in.position();
    int idAndAligned = in.readByte("the kind of a region's section");
    if ((idAndAligned & 0x7F) != Section.IR.ordinal()) {
      throw new MalformedBytecodeException(
          at, "the regions of an isolated op are not in an IR section");
    }
    int length = in.readSize("the length of a region's section");
    if ((idAndAligned & 0x80) != 0) {
      throw new MalformedBytecodeException(at, "a region's section is aligned");
    }
    int start = in.position();
    in.skip(length, "a region's section");
    return new ByteReader(bytes, start, start + length, "a region's section");
  }

  private void skipUseListOrders(ByteReader in, int values) {
    long lists = 1;
    if (values > 1) {
      lists = in.readVarInt("the number of use-list orders");
    }
    for (long i = 0; i < lists; i++) {
      if (values > 1) {
        in.readVarInt("the value of a use-list order");
      }
      long count = in.readVarInt("the length of a use-list order") >>> 1;
      if (count > in.end() - in.position()) {
        throw new MalformedBytecodeException(in.position(), "a use-list order cannot fit");
      }
      for (long j = 0; j < count; j++) {
        in.readVarInt("a use-list index");
      }
    }
  }

  /** Gives the next values of the innermost region file-unique numbers; returns them. */
  private int[] define(int[] types, int at) {
    if (types.length == 0) {
      return NONE;
    }
    Scope scope = scopes.peek();
    if (scope.next.isEmpty()) {
      throw new MalformedBytecodeException(at, "values defined outside any region");
    }
    int first = scope.next.pop();
    if (types.length > scope.size - first) {
      throw new MalformedBytecodeException(
          at,
          "the region defines more values than the "
              + (scope.size - scope.next.size())
              + " it reserved");
    }
    int[] numbers = new int[types.length];
    for (int i = 0; i < types.length; i++) {
      int slot = first + i;
      int value = scope.values[slot];
      if (value == UNDEFINED) {
        value = newValue();
      } else if (forward[value]) {
        forward[value] = false;
        forwardCount--;
      } else {
        throw new MalformedBytecodeException(at, "a value is defined twice");
      }
      scope.values[slot] = value;
      valueTypes[value] = types[i];
      numbers[i] = value;
    }
    scope.next.push(first + types.length);
    return numbers;
  }

  /** The value an operand names: defined already, or a forward reference to be defined later. */
  private int operand(ByteReader in) {
    int at = in.position();
    Scope scope = scopes.peek();
    int slot = index(in.readVarInt("an operand"), scope.size, "value", at);
    int value = scope.values[slot];
    if (value == UNDEFINED) {
      value = newValue();
      forward[value] = true;
      forwardCount++;
      scope.values[slot] = value;
    }
    return value;
  }

  private int newValue() {
    if (valueCount == valueTypes.length) {
      valueTypes = Arrays.copyOf(valueTypes, valueCount * 2);
      valueNames = Arrays.copyOf(valueNames, valueCount * 2);
      forward = Arrays.copyOf(forward, valueCount * 2);
    }
    valueTypes[valueCount] = -1;
    valueNames[valueCount] = nextName++;
    return valueCount++;
  }

  /** Frees the values the region just read reserved; every forward reference must be defined. */
  private void release(int reserved, int at) {
    Scope scope = scopes.peek();
    int start = scope.size - reserved;
    for (int slot = start; slot < scope.size; slot++) {
      int value = scope.values[slot];
      if (value != UNDEFINED && forward[value]) {
        throw new MalformedBytecodeException(at, "a value is used but never defined");
      }
    }
    scope.size = start;
    scope.next.pop();
  }

  private int attribute(ByteReader in, String what) {
    int at = in.position();
    return index(in.readVarInt(what), context.attributeCount(), "attribute", at);
  }

  private int type(ByteReader in, String what) {
    int at = in.position();
    return index(in.readVarInt(what), context.typeCount(), "type", at);
  }

  private static int count(ByteReader in, String what) {
    int at = in.position();
    int count = in.readSize(what);
    if (count > in.end() - in.position()) {
      throw new MalformedBytecodeException(at, what + " (" + count + ") cannot fit");
    }
    return count;
  }

  private static int index(long value, int size, String what, int at) {
    if (value < 0 || value >= size) {
      throw new MalformedBytecodeException(
          at, what + " " + Long.toUnsignedString(value) + " of " + size);
    }
    return (int) value;
  }

  /** Whether every value used was defined (checked when the reading ends). */
  boolean complete() {
    return forwardCount == 0;
  }
}
