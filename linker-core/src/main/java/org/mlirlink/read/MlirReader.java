package org.mlirlink.read;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlirlink.diagnostic.Diagnostic;
import org.mlirlink.diagnostic.DiagnosticCode;
import org.mlirlink.diagnostic.DiagnosticException;
import org.mlirlink.model.AliasDefinition;
import org.mlirlink.model.AliasExpansions;
import org.mlirlink.model.Diagnostics;
import org.mlirlink.model.IoReasons;
import org.mlirlink.model.MlirFile;
import org.mlirlink.model.OpKind;
import org.mlirlink.model.Operation;
import org.mlirlink.model.SourceText;
import org.mlirlink.model.TopLevelItem;
import org.mlirlink.read.bytecode.BytecodeReader;
import org.mlirlink.read.bytecode.MalformedBytecodeException;

/**
 * Reads MLIR text into an {@link MlirFile}. The entry point of the {@code read} stage.
 *
 * <pre>{@code
 * MlirFile file = MlirReader.read(SourceText.open("a.mlir", Path.of("a.mlir")));
 * }</pre>
 *
 * <p>Bad input throws {@link DiagnosticException} carrying one diagnostic with file, line and
 * column.
 */
public final class MlirReader {
  private MlirReader() {}

  /**
   * Reads a file's text. The file is closed when it has been read; what is read of it later (a
   * function's header, the text the output copies) opens it again.
   */
  public static MlirFile read(SourceText source) {
    try {
      return DeepStack.call(() -> readOnce(source));
    } finally {
      source.release();
    }
  }

  private static MlirFile readOnce(SourceText source) {
    if (isBytecode(source)) {
      source = fromBytecode(source);
    }
    Map<String, AliasDefinition> aliases = new LinkedHashMap<>();
    AliasExpansions expansions = new AliasExpansions(aliases);
    StructureScanner scanner = new StructureScanner(source, new HeaderParser(expansions));
    List<TopLevelItem> items = scanner.scan();
    for (TopLevelItem item : items) {
      if (item instanceof AliasDefinition alias) {
        AliasDefinition first = aliases.putIfAbsent(alias.name(), alias);
        if (first != null) {
          throw new DiagnosticException(
              Diagnostics.error(
                      source, alias.range().start(), "redefinition of alias '" + alias.name() + "'")
                  .withNote(Diagnostics.note(source, first.range().start(), "first defined here")));
        }
      }
    }
    MlirFile file = new MlirFile(source, items, expansions);
    checkSymbolsUnique(file);
    return file;
  }

  /**
   * Rejects two ops with one symbol name in one symbol table, as MLIR's verifier does (unless one
   * of them is a guess, {@link Operation#symbolOwner}): the file's module and every module nested
   * in it are tables of their own. (Without this a library's second definition would be silently
   * dropped.) Nested modules are visited with a work list, not by recursion, so deep nesting cannot
   * overflow the stack.
   */
  private static void checkSymbolsUnique(MlirFile file) {
    Deque<SymbolTable> tables = new ArrayDeque<>();
    List<Operation> topLevel =
        file.items().stream()
            .filter(Operation.class::isInstance)
            .map(Operation.class::cast)
            .toList();
    tables.push(new SymbolTable(null, topLevel));
    while (!tables.isEmpty()) {
      SymbolTable table = tables.pop();
      Map<String, Operation> seen = new HashMap<>(2 * table.ops().size()); // never resized
      for (Operation op : table.ops()) {
        if (op.kind() == OpKind.MODULE && !op.children().isEmpty()) {
          tables.push(new SymbolTable(op.symbolNameOrNull(), op.children()));
        }
        String name = op.symbolNameOrNull();
        if (name == null) {
          continue;
        }
        Operation first = seen.putIfAbsent(name, op);
        if (first != null) {
          // No error when one of the two only may define the name (an op of a kind nothing here
          // knows): MLIR accepts the file if that op merely refers to it.
          Operation owner = Operation.symbolOwner(first, op);
          if (owner != null) {
            seen.put(name, owner);
            continue;
          }
          String where = table.moduleName() == null ? "" : " in module @" + table.moduleName();
          throw new DiagnosticException(
              Diagnostics.error(
                      op.source(),
                      op.nameOffset(),
                      "symbol '" + name + "' is defined twice" + where)
                  .withNote(
                      Diagnostics.note(first.source(), first.nameOffset(), "first defined here"))
                  .withCode(DiagnosticCode.DUPLICATE_DEFINITION));
        }
      }
    }
  }

  /**
   * The generic-form text of a bytecode input, under the input's name: the linker reads it as it
   * reads any text. Bytecode that does not read is an error naming the file, the byte and the
   * section.
   */
  private static SourceText fromBytecode(SourceText source) {
    try {
      // A model's weights stay in the bytecode file: its text shows them as hex digits, made only
      // when the output is written.
      return BytecodeReader.toSource(source);
    } catch (MalformedBytecodeException e) {
      String where = e.section() == null ? "" : " (" + e.section() + ")";
      throw new DiagnosticException(
          Diagnostic.error(
                  "cannot read '"
                      + source.name()
                      + "': malformed MLIR bytecode at byte "
                      + e.offset()
                      + where
                      + ": "
                      + e.getMessage())
              .withCode(DiagnosticCode.SYNTAX));
    } catch (IOException e) {
      throw new DiagnosticException(
          Diagnostic.error(
              "cannot read '"
                  + source.name()
                  + "': its text could not be written to a temporary file: "
                  + IoReasons.of(e, "an I/O error")));
    }
  }

  /** Whether a source starts with MLIR bytecode's magic number, "ML\xEFR". */
  private static boolean isBytecode(SourceText source) {
    return source.length() >= 4
        && source.charAt(0) == 'M'
        && source.charAt(1) == 'L'
        && source.charAt(2) == 0xEF
        && source.charAt(3) == 'R';
  }

  /** The ops of one symbol table, and the name of the module that holds them (null: none). */
  private record SymbolTable(String moduleName, List<Operation> ops) {}
}
