package org.mlirlink.write.bytecode;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.mlirlink.diagnostic.DiagnosticCode;
import org.mlirlink.diagnostic.DiagnosticException;
import org.mlirlink.model.SourceText;

/**
 * Writes MLIR text whose operations are all in generic form as MLIR bytecode (format version 6),
 * which {@code iree-opt}, {@code iree-compile} and {@code iree-link} read as the same program.
 *
 * <p>The file is the magic number {@code ML\u00EFR}, the version, the producer, and the sections:
 * String, Dialect, AttrTypeOffset, AttrType (see {@link AttrTypeEncoder}), IR, an empty Properties
 * section, and ResourceOffset and Resource when the text has resources. Choices that keep the
 * writer small, each checked against what MLIR's reader does:
 *
 * <ul>
 *   <li>No properties: an op's {@code <{...}>} entries join its attribute dictionary, and MLIR
 *       moves the inherent ones back into properties as it creates the op.
 *   <li>Attributes and types are their assembly text, aliases expanded, except dense resources and
 *       distinct attributes (and the builtin dictionaries and arrays holding them), which must name
 *       their blob, or the one attribute, by index.
 *   <li>Every region is written inline, as if no op were isolated from above, so one numbering of
 *       values covers the file: a region reserves numbers for the values its blocks define (block
 *       arguments, then op results, block by block) when it is entered and frees them when it ends,
 *       and an operand names its value's number, defined before or after the use.
 *   <li>Ops without a written location get the one MLIR's text parser gives them, the file, line
 *       and column of the op's name (of a block argument's name for an argument).
 *   <li>Use lists: where the order MLIR's text parser leaves a value's uses in is not the one the
 *       reader restores by itself, the file says it ({@link UseListOrders}), so that the IR read is
 *       the text's own to the last detail.
 * </ul>
 *
 * <p>Only the resource blobs can be large: they are decoded from their hex digits a chunk at a time
 * as they are written, after everything else has been built in memory. Bad input is a {@link
 * DiagnosticException} at its place; one found in a blob's digits while it is being written leaves
 * the output incomplete.
 *
 * <pre>{@code
 * SourceText text = SourceText.open("linked.mlir", Path.of("linked.mlir"));
 * try (OutputStream out = Files.newOutputStream(Path.of("linked.mlirbc"))) {
 *   BytecodeWriter.write(text, out);
 * }
 * }</pre>
 */
public final class BytecodeWriter {
  /** The format version written. */
  public static final int VERSION = 6;

  /**
   * The producer recorded in the file. MLIR's reader only quotes it in a note on its errors ("in
   * bytecode version 6 produced by: ..."); this is what IREE 3.13.0's own writer records.
   */
  public static final String PRODUCER = "MLIR24.0.0git";

  private static final byte[] MAGIC = {'M', 'L', (byte) 0xEF, 'R'};

  // Section numbers.
  private static final int STRING = 0;
  private static final int DIALECT = 1;
  private static final int ATTR_TYPE = 2;
  private static final int ATTR_TYPE_OFFSET = 3;
  private static final int IR = 4;
  private static final int RESOURCE = 5;
  private static final int RESOURCE_OFFSET = 6;
  private static final int PROPERTIES = 8;

  // An op's mask: which parts follow its location.
  private static final int HAS_ATTRIBUTES = 0x01;
  private static final int HAS_RESULTS = 0x02;
  private static final int HAS_OPERANDS = 0x04;
  private static final int HAS_SUCCESSORS = 0x08;
  private static final int HAS_REGIONS = 0x10;
  private static final int HAS_USE_LIST_ORDERS = 0x20;

  private BytecodeWriter() {}

  /**
   * Writes {@code text} to {@code out} as bytecode.
   *
   * @throws DiagnosticException when an op is in custom form or the text is malformed, at the place
   * @throws IOException when {@code out} cannot be written
   */
  public static void write(SourceText text, OutputStream out) throws IOException {
    Prepared prepared;
    try {
      prepared = DeepStack.call(() -> prepare(text));
    } catch (DiagnosticException e) {
      // What the parser finds wrong with the text is why it cannot be written as bytecode.
      throw e.diagnostic().code() == DiagnosticCode.SYNTAX
          ? new DiagnosticException(e.diagnostic().withCode(DiagnosticCode.BYTECODE_OUTPUT))
          : e;
    }
    prepared.front.writeTo(out);
    prepared.resources.write(text, out);
  }

  /** Everything but the resource blobs, and what writes them. */
  private record Prepared(ByteSink front, ResourceWriter resources) {}

  private static Prepared prepare(SourceText text) {
    GenericTextParser.Parsed parsed = GenericTextParser.parse(text);
    Names strings = new Names();
    Names dialects = new Names();
    AttrTypeEncoder table = new AttrTypeEncoder(text, parsed, strings, dialects);
    UseListOrders.compute(parsed.topLevel);

    ByteSink ir = new ByteSink();
    ir.varintWithFlag(parsed.topLevel.size(), false);
    for (GenericIr.Op op : parsed.topLevel) {
      writeOp(op, table, 0, ir);
    }

    ByteSink attrTypes = new ByteSink();
    ByteSink offsets = new ByteSink();
    table.write(attrTypes, offsets);

    ResourceWriter resources = new ResourceWriter(parsed.resources, strings, dialects);

    ByteSink dialectSection = new ByteSink();
    int[] opNameDialects = new int[parsed.opNames.size()];
    for (int i = 0; i < opNameDialects.length; i++) {
      opNameDialects[i] = dialects.index(parsed.opNames.get(i)[0]);
    }
    List<String> dialectNames = dialects.all();
    dialectSection.varint(dialectNames.size());
    for (String dialect : dialectNames) {
      dialectSection.varintWithFlag(strings.index(dialect), false); // no version section
    }
    dialectSection.varint(opNameDialects.length);
    for (int i = 0; i < opNameDialects.length; ) {
      int run = i;
      while (run < opNameDialects.length && opNameDialects[run] == opNameDialects[i]) {
        run++;
      }
      dialectSection.varint(opNameDialects[i]);
      dialectSection.varint(run - i);
      for (; i < run; i++) {
        // Marked registered, as MLIR marks every op its context knows: the reader looks at the
        // mark only for an op's properties, and we write none.
        dialectSection.varintWithFlag(strings.index(parsed.opNames.get(i)[1]), true);
      }
    }

    ByteSink properties = new ByteSink();
    properties.varint(0); // required from version 5 on; empty, as no op has properties here

    ByteSink stringSection = new ByteSink();
    strings.writeStringSection(stringSection);

    ByteSink front = new ByteSink();
    front.write(MAGIC);
    front.varint(VERSION);
    front.text(PRODUCER);
    section(front, STRING, stringSection);
    section(front, DIALECT, dialectSection);
    section(front, ATTR_TYPE_OFFSET, offsets);
    section(front, ATTR_TYPE, attrTypes);
    section(front, IR, ir);
    section(front, PROPERTIES, properties);
    if (resources.present()) {
      section(front, RESOURCE_OFFSET, resources.offsets());
      resources.writeHeader(front, RESOURCE);
    }
    return new Prepared(front, resources);
  }

  private static void section(ByteSink out, int id, ByteSink contents) {
    out.write(id);
    out.varint(contents.size());
    out.write(contents);
  }

  private static void writeOp(
      GenericIr.Op op, AttrTypeEncoder table, int regionBase, ByteSink out) {
    int mask = 0;
    mask |= op.attributes >= 0 ? HAS_ATTRIBUTES : 0;
    mask |= op.resultTypes.length > 0 ? HAS_RESULTS : 0;
    mask |= op.operandNumbers.length > 0 ? HAS_OPERANDS : 0;
    mask |= op.successors.length > 0 ? HAS_SUCCESSORS : 0;
    mask |= op.regions.length > 0 ? HAS_REGIONS : 0;
    mask |= op.resultOrders != null ? HAS_USE_LIST_ORDERS : 0;
    out.varint(op.name);
    out.write(mask);
    out.varint(table.attribute(op.location));
    if (op.attributes >= 0) {
      out.varint(table.attribute(op.attributes));
    }
    if (op.resultTypes.length > 0) {
      out.varint(op.resultTypes.length);
      for (int type : op.resultTypes) {
        out.varint(table.type(type));
      }
    }
    if (op.operandNumbers.length > 0) {
      out.varint(op.operandNumbers.length);
      for (int i = 0; i < op.operandNumbers.length; i++) {
        // The defining region encloses this op, so its base is the one set when it was entered.
        out.varint((long) op.operandRegions[i].base + op.operandNumbers[i]);
      }
    }
    if (op.successors.length > 0) {
      out.varint(op.successors.length);
      for (int successor : op.successors) {
        out.varint(successor);
      }
    }
    if (op.resultOrders != null) {
      writeOrders(op.resultOrders, out);
    }
    if (op.regions.length > 0) {
      out.varintWithFlag(op.regions.length, false); // never "isolated from above": no own section
      for (GenericIr.Region region : op.regions) {
        writeRegion(region, table, regionBase, out);
      }
    }
  }

  private static void writeRegion(
      GenericIr.Region region, AttrTypeEncoder table, int base, ByteSink out) {
    out.varint(region.blocks.size());
    if (region.blocks.isEmpty()) {
      return;
    }
    out.varint(region.valueCount);
    region.base = base;
    int nestedBase = base + region.valueCount;
    for (GenericIr.Block block : region.blocks) {
      boolean hasArguments = block.argumentTypes.length > 0;
      out.varintWithFlag(block.ops.size(), hasArguments);
      if (hasArguments) {
        out.varint(block.argumentTypes.length);
        for (int i = 0; i < block.argumentTypes.length; i++) {
          out.varintWithFlag(table.type(block.argumentTypes[i]), true);
          out.varint(table.attribute(block.argumentLocations[i]));
        }
        out.write(block.argumentOrders != null ? HAS_USE_LIST_ORDERS : 0);
        if (block.argumentOrders != null) {
          writeOrders(block.argumentOrders, out);
        }
      }
      for (GenericIr.Op op : block.ops) {
        writeOp(op, table, nestedBase, out);
      }
    }
  }

  /**
   * The use-list orders of a range of values (an op's results, a block's arguments), null for a
   * value whose uses the reader orders by itself: how many have one and which (both only when the
   * range has more than one value), then per value the count, flagged as a full list rather than
   * pairs, and the places.
   */
  private static void writeOrders(int[][] orders, ByteSink out) {
    int count = 0;
    for (int[] order : orders) {
      count += order != null ? 1 : 0;
    }
    if (orders.length > 1) {
      out.varint(count);
    }
    for (int i = 0; i < orders.length; i++) {
      if (orders[i] == null) {
        continue;
      }
      if (orders.length > 1) {
        out.varint(i);
      }
      out.varintWithFlag(orders[i].length, false);
      for (int place : orders[i]) {
        out.varint(place);
      }
    }
  }
}
