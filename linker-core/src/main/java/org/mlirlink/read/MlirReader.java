package org.mlirlink.read;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlirlink.diagnostic.Diagnostic;
import org.mlirlink.diagnostic.DiagnosticException;
import org.mlirlink.model.AliasDefinition;
import org.mlirlink.model.AliasExpansions;
import org.mlirlink.model.MlirFile;
import org.mlirlink.model.OpKind;
import org.mlirlink.model.Operation;
import org.mlirlink.model.SourceText;
import org.mlirlink.model.TopLevelItem;

/**
 * Reads MLIR text into an {@link MlirFile}. The entry point of the {@code read} stage.
 *
 * <pre>{@code
 * MlirFile file = MlirReader.read(MlirReader.decode("a.mlir", Files.readAllBytes(path)));
 * }</pre>
 *
 * <p>Bad input throws {@link DiagnosticException} carrying one diagnostic with file, line and
 * column.
 */
public final class MlirReader {
  private MlirReader() {}

  /** Reads a file's text. */
  public static MlirFile read(SourceText source) {
    return DeepStack.call(() -> readOnce(source));
  }

  private static MlirFile readOnce(SourceText source) {
    Map<String, AliasDefinition> aliases = new LinkedHashMap<>();
    AliasExpansions expansions = new AliasExpansions(aliases);
    StructureScanner scanner = new StructureScanner(source, new HeaderParser(expansions));
    List<TopLevelItem> items = scanner.scan();
    for (TopLevelItem item : items) {
      if (item instanceof AliasDefinition alias) {
        AliasDefinition first = aliases.putIfAbsent(alias.name(), alias);
        if (first != null) {
          throw new DiagnosticException(
              Diagnostic.error(
                      source, alias.range().start(), "redefinition of alias '" + alias.name() + "'")
                  .withNote(source, first.range().start(), "first defined here"));
        }
      }
    }
    MlirFile file = new MlirFile(source, items, expansions);
    checkSymbolsUnique(file);
    return file;
  }

  /**
   * Rejects two ops with one symbol name in one symbol table, as MLIR's verifier does: the file's
   * module and every module nested in it are tables of their own. (Without this a library's second
   * definition would be silently dropped.) Nested modules are visited with a work list, not by
   * recursion, so deep nesting cannot overflow the stack.
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
      Map<String, Operation> seen = new HashMap<>();
      for (Operation op : table.ops()) {
        if (op.kind() == OpKind.MODULE && !op.children().isEmpty()) {
          tables.push(new SymbolTable(op.symbolName().orElse(null), op.children()));
        }
        if (op.symbolName().isEmpty()) {
          continue;
        }
        String name = op.symbolName().get();
        Operation first = seen.putIfAbsent(name, op);
        if (first != null) {
          String where = table.moduleName() == null ? "" : " in module @" + table.moduleName();
          throw new DiagnosticException(
              Diagnostic.error(
                      op.source(),
                      op.nameOffset(),
                      "symbol '" + name + "' is defined twice" + where)
                  .withNote(first.source(), first.nameOffset(), "first defined here"));
        }
      }
    }
  }

  /** What is said of a bytecode input, whichever way it was given. */
  public static String bytecodeMessage(String name) {
    String file = name.startsWith("<") ? "FILE.mlirbc" : name; // <stdin> has no name to use
    return "cannot read '"
        + name
        + "': MLIR bytecode is not supported; convert it to text with"
        + " mlir-opt "
        + file
        + " -o FILE.mlir";
  }

  /** Whether {@code bytes} start with MLIR bytecode's magic number, "ML\xEFR". */
  private static boolean isBytecode(byte[] bytes) {
    return bytes.length >= 4
        && bytes[0] == 'M'
        && bytes[1] == 'L'
        && bytes[2] == (byte) 0xEF
        && bytes[3] == 'R';
  }

  /** The ops of one symbol table, and the name of the module that holds them (null: none). */
  private record SymbolTable(String moduleName, List<Operation> ops) {}

  /**
   * Decodes UTF-8 bytes, rejecting invalid sequences with a diagnostic at the first bad byte (MLIR
   * files are UTF-8).
   */
  public static SourceText decode(String name, byte[] bytes) {
    if (isBytecode(bytes)) {
      throw new DiagnosticException(Diagnostic.error(bytecodeMessage(name)));
    }
    // The JDK's UTF-8 decoder copies ASCII (nearly every MLIR file, and every resource blob) in
    // one pass. It replaces a bad byte with U+FFFD, one character for one byte; every other
    // non-ASCII character takes two or more bytes. So equal counts and no U+FFFD mean ASCII (and
    // the search is free then: a string of only ASCII cannot hold U+FFFD). Anything else is
    // decoded again strictly, to reject bad UTF-8 at its place.
    String ascii = new String(bytes, StandardCharsets.UTF_8);
    if (ascii.length() == bytes.length && ascii.indexOf('\uFFFD') < 0) {
      return new SourceText(name, ascii, true);
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      out.flip();
      SourceText prefix = new SourceText(name, out.toString());
      throw new DiagnosticException(
          Diagnostic.error(
              prefix, prefix.length(), "invalid UTF-8 byte sequence (the file must be UTF-8)"));
    }
    decoder.flush(out);
    out.flip();
    return new SourceText(name, out.toString());
  }
}
