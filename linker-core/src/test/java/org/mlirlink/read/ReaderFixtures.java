package org.mlirlink.read;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.mlirlink.model.MlirFile;
import org.mlirlink.model.Operation;
import org.mlirlink.model.SourceText;
import org.mlirlink.model.Span;
import org.mlirlink.testing.MlirTools;

/** Finds and reads the reader's test files ({@code testdata/reader/}). */
final class ReaderFixtures {
  private ReaderFixtures() {}

  /** Rough MLIR tokens, enough to cut a text into pieces to drop, repeat and swap. */
  private static final Pattern ROUGH_TOKEN =
      Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|->|\\.\\.\\.|[%@!#^]?[\\w$.]+|\\S");

  /**
   * The text, and each text made from it by one change to one of its tokens, from the {@code
   * from}-th to the {@code to}-th: dropped, repeated, swapped with the next, or followed by one of
   * {@code strays}. The tokens are rejoined with single blanks.
   */
  static Set<String> tokenVariants(String text, int from, int to, List<String> strays) {
    List<String> tokens = new ArrayList<>();
    Matcher m = ROUGH_TOKEN.matcher(text);
    while (m.find()) {
      tokens.add(m.group());
    }
    Set<String> out = new LinkedHashSet<>();
    out.add(text);
    for (int i = from; i < tokens.size() && i < to; i++) {
      List<String> dropped = new ArrayList<>(tokens);
      dropped.remove(i);
      out.add(String.join(" ", dropped));
      List<String> repeated = new ArrayList<>(tokens);
      repeated.add(i, tokens.get(i));
      out.add(String.join(" ", repeated));
      if (i + 1 < tokens.size()) {
        List<String> swapped = new ArrayList<>(tokens);
        swapped.set(i, tokens.get(i + 1));
        swapped.set(i + 1, tokens.get(i));
        out.add(String.join(" ", swapped));
      }
      for (String stray : strays) {
        List<String> inserted = new ArrayList<>(tokens);
        inserted.add(i + 1, stray);
        out.add(String.join(" ", inserted));
      }
    }
    return out;
  }

  static Path root() {
    return MlirTools.projectRoot();
  }

  static Path readerData() {
    return root().resolve("testdata/reader");
  }

  /** Reads {@code testdata/reader/REL}, reported under the name {@code REL}. */
  static MlirFile read(String rel) {
    return MlirReader.read(SourceText.ofBytes(rel, bytes(readerData().resolve(rel))));
  }

  static byte[] bytes(Path path) {
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every {@code .mlir} file under {@code dir}, recursively, in path order. */
  static List<Path> mlirFiles(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".mlir"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The error a link case expects from reading {@code file}, when the case is about an input that
   * is invalid on its own: the first line of the folder's {@code expected.err}, if it names this
   * file. Null otherwise.
   */
  static String expectedReadError(Path file) {
    Path expected = file.resolveSibling("expected.err");
    if (!Files.exists(expected)) {
      return null;
    }
    String first =
        new String(bytes(expected), java.nio.charset.StandardCharsets.UTF_8)
            .lines()
            .findFirst()
            .orElse("");
    return first.startsWith(file.getFileName() + ":") ? first : null;
  }

  /** Whether the reader rejects {@code file}. */
  static boolean unreadable(Path file) {
    try {
      MlirReader.read(SourceText.ofBytes(file.toString(), bytes(file)));
      return false;
    } catch (org.mlirlink.diagnostic.DiagnosticException e) {
      return true;
    }
  }

  /** The op defining {@code symbol}, searched through module bodies. */
  static Operation op(MlirFile file, String symbol) {
    List<Operation> found = new ArrayList<>();
    collect(file.operations(), symbol, found);
    if (found.size() != 1) {
      throw new AssertionError("expected one op defining @" + symbol + ", found " + found);
    }
    return found.get(0);
  }

  private static void collect(List<Operation> ops, String symbol, List<Operation> out) {
    for (Operation op : ops) {
      if (op.symbolName().orElse("").equals(symbol)) {
        out.add(op);
      }
      collect(op.children(), symbol, out);
    }
  }

  static String text(MlirFile file, Span span) {
    return span.of(file.source());
  }

  /** The whole text of a file (a test's small input). */
  static String text(MlirFile file) {
    return file.source().string(0, file.source().length());
  }

  static List<String> symbolNames(List<Operation> ops) {
    return ops.stream().map(o -> o.symbolName().orElse("<none>")).toList();
  }

  static List<String> useRoots(Operation op) {
    return op.symbolUses().stream().map(u -> u.root()).toList();
  }
}
