package org.mlirlink.read.bytecode;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.mlirlink.read.bytecode.IrSection.Block;
import org.mlirlink.read.bytecode.IrSection.Op;
import org.mlirlink.read.bytecode.IrSection.Region;

/**
 * Prints the ops {@link IrSection} read in MLIR's generic form, which needs no knowledge of any
 * dialect: {@code %3, %4 = "dialect.op"(%1, %2)[^bb1] <{properties}> ({regions}) {attributes} :
 * (operand types) -> (result types) loc(...)}. Every block is labelled, so an empty block is still
 * a block; values are named by their number in their isolation scope.
 *
 * <p>The text is one character a byte (ISO-8859-1), as the file's strings are, and is written out
 * that way, so bytes that are not UTF-8 reach the output unchanged. Nesting is walked with an
 * explicit stack.
 */
final class GenericPrinter {
  /** How an index of the file's tables is printed. */
  interface Names {
    String operationName(int index);

    String attribute(int index);

    String type(int index);
  }

  private static final int FLUSH_AT = 1 << 16;

  private final Names names;
  private final int[] valueTypes;
  private final int[] valueNames;
  private final OutputStream out;
  private final StringBuilder text = new StringBuilder(FLUSH_AT + 1024);

  private GenericPrinter(Names names, IrSection.Tree tree, OutputStream out) {
    this.names = names;
    this.valueTypes = tree.valueTypes();
    this.valueNames = tree.valueNames();
    this.out = out;
  }

  /** Prints the file's top-level ops to {@code out}. */
  static void print(IrSection.Tree tree, Names names, OutputStream out) throws IOException {
    GenericPrinter printer = new GenericPrinter(names, tree, out);
    try {
      printer.printTop(tree.top());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    printer.flush();
  }

  /** A step of the walk: an op to print, or text to close what an op opened. */
  private record Step(Op op, String close, int depth) {}

  private void printTop(Block top) {
    Deque<Step> steps = new ArrayDeque<>();
    for (int i = top.ops.size() - 1; i >= 0; i--) {
      steps.push(new Step(top.ops.get(i), null, 0));
    }
    while (!steps.isEmpty()) {
      Step step = steps.pop();
      if (step.close() != null) {
        text.append(step.close());
      } else {
        printOp(step.op(), step.depth(), steps);
      }
      if (text.length() >= FLUSH_AT) {
        flush();
      }
    }
  }

  /**
   * Prints an op up to its regions, and pushes its regions' ops and the text after them (its
   * attributes, types and location) to be printed next.
   */
  private void printOp(Op op, int depth, Deque<Step> steps) {
    indent(depth);
    if (op.results.length > 0) {
      for (int i = 0; i < op.results.length; i++) {
        text.append(i == 0 ? "%" : ", %").append(valueNames[op.results[i]]);
      }
      text.append(" = ");
    }
    text.append('"').append(names.operationName(op.name)).append("\"(");
    for (int i = 0; i < op.operands.length; i++) {
      text.append(i == 0 ? "%" : ", %").append(valueNames[op.operands[i]]);
    }
    text.append(')');
    if (op.successors.length > 0) {
      text.append('[');
      for (int i = 0; i < op.successors.length; i++) {
        text.append(i == 0 ? "^bb" : ", ^bb").append(op.successors[i]);
      }
      text.append(']');
    }
    if (!op.properties.isEmpty()) {
      text.append(' ').append(op.properties);
    }
    String tail = tail(op);
    if (op.regions.length == 0) {
      text.append(tail);
      return;
    }
    text.append(" (");
    // Pushed in reverse: the first region's blocks come out first.
    steps.push(new Step(null, ")" + tail, depth));
    for (int r = op.regions.length - 1; r >= 0; r--) {
      Region region = op.regions[r];
      steps.push(new Step(null, indentation(depth) + "}", depth));
      List<Block> blocks = region.blocks;
      for (int b = blocks.size() - 1; b >= 0; b--) {
        Block block = blocks.get(b);
        for (int i = block.ops.size() - 1; i >= 0; i--) {
          steps.push(new Step(block.ops.get(i), null, depth + 2));
        }
        steps.push(new Step(null, blockLabel(b, block, depth + 1), depth));
      }
      steps.push(new Step(null, (r == 0 ? "{\n" : ", {\n"), depth));
    }
  }

  /** The text after an op's regions: attributes, the function type and the location. */
  private String tail(Op op) {
    StringBuilder tail = new StringBuilder();
    if (op.attributes >= 0) {
      tail.append(' ').append(names.attribute(op.attributes));
    }
    tail.append(" : (");
    for (int i = 0; i < op.operands.length; i++) {
      if (i > 0) {
        tail.append(", ");
      }
      tail.append(names.type(valueTypes[op.operands[i]]));
    }
    tail.append(") -> ");
    boolean parenthesize = op.resultTypes.length != 1;
    if (parenthesize) {
      tail.append('(');
    }
    for (int i = 0; i < op.resultTypes.length; i++) {
      if (i > 0) {
        tail.append(", ");
      }
      String type = names.type(op.resultTypes[i]);
      // A lone function-typed result needs parentheses, or its arrow would read as the op's.
      if (!parenthesize && type.startsWith("(")) {
        tail.append('(').append(type).append(')');
      } else {
        tail.append(type);
      }
    }
    if (parenthesize) {
      tail.append(')');
    }
    tail.append(' ').append(names.attribute(op.location)).append('\n');
    return tail.toString();
  }

  private String blockLabel(int index, Block block, int depth) {
    StringBuilder label = new StringBuilder(indentation(depth)).append("^bb").append(index);
    if (block.arguments.length > 0) {
      label.append('(');
      for (int i = 0; i < block.arguments.length; i++) {
        if (i > 0) {
          label.append(", ");
        }
        label
            .append('%')
            .append(valueNames[block.arguments[i]])
            .append(": ")
            .append(names.type(block.argumentTypes[i]))
            .append(' ');
        int location = block.argumentLocations[i];
        label.append(location < 0 ? "loc(unknown)" : names.attribute(location));
      }
      label.append(')');
    }
    return label.append(":\n").toString();
  }

  private void indent(int depth) {
    for (int i = 0; i < depth; i++) {
      text.append("  ");
    }
  }

  private static String indentation(int depth) {
    return "  ".repeat(depth);
  }

  private void flush() {
    try {
      out.write(text.toString().getBytes(StandardCharsets.ISO_8859_1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    text.setLength(0);
  }
}
