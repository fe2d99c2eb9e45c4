package org.mlirlink.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.mlirlink.LinkResult;
import org.mlirlink.Linker;
import org.mlirlink.Source;
import org.mlirlink.testing.IreeTools;
import org.mlirlink.testing.MlirTools;

/**
 * One folder of {@code testdata/link/}: the inputs, the arguments (an {@code args} file with
 * iree-link's options, one or more per line, in order; {@code main.mlir} is the INPUT unless {@code
 * --bundle} is given), and what the link must give: {@code expected.mlir} (the exact output) or
 * {@code expected.err} (the exact diagnostics, file names relative to the folder).
 *
 * <pre>{@code
 * LinkCase.named("simple-link").assertLinksAsExpected().verifyWithMlirOpt(Dialects.UPSTREAM);
 * }</pre>
 */
public final class LinkCase {
  /** How the linked output can be checked with {@code mlir-opt-22}. */
  public enum Dialects {
    /** Only upstream dialects: mlir-opt parses and verifies the output as it is. */
    UPSTREAM,
    /**
     * {@code util.func}/{@code util.call}/{@code util.return} over upstream dialects: verified
     * after a test-only rewrite to {@code func.func}/{@code func.call}/{@code func.return}.
     */
    UTIL_FUNCTIONS
  }

  private final String name;
  private final Path dir;

  private LinkCase(String name) {
    this(name, root().resolve(name));
  }

  private LinkCase(String name, Path dir) {
    this.name = name;
    this.dir = dir;
    assertTrue(Files.isDirectory(dir), "no test case folder " + dir);
  }

  public static LinkCase named(String name) {
    return new LinkCase(name);
  }

  /** A case laid out like those of {@code testdata/link/} in another folder (a changed copy). */
  public static LinkCase at(String name, Path dir) {
    return new LinkCase(name, dir);
  }

  /**
   * The flags {@code iree-compile} needs for this case's output beyond the usual ones: {@code
   * --compile-from=PHASE} when the folder has a file {@code phase} naming the phase of compilation
   * its inputs were compiled to ({@code iree-compile --compile-to=PHASE}).
   */
  public List<String> compileFlags() {
    Path phase = dir.resolve("phase");
    if (!Files.exists(phase)) {
      return List.of();
    }
    try {
      return List.of("--compile-from=" + Files.readString(phase).strip());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code testdata/link/}. */
  public static Path root() {
    return MlirTools.projectRoot().resolve("testdata").resolve("link");
  }

  public Path dir() {
    return dir;
  }

  /** The arguments from the {@code args} file (none when it is missing), split at whitespace. */
  public List<String> args() {
    Path file = dir.resolve("args");
    if (!Files.exists(file)) {
      return List.of();
    }
    List<String> args = new ArrayList<>();
    for (String token : read(file).trim().split("\\s+")) {
      if (!token.isEmpty()) {
        args.add(token);
      }
    }
    return args;
  }

  public boolean isBundle() {
    return args().contains("--bundle");
  }

  /** Links the case through the library, as the CLI would with the case's arguments. */
  public LinkResult link() {
    List<String> args = args();
    Linker.Builder linker = Linker.builder();
    boolean bundle = false;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      switch (option) {
        case "--bundle" -> bundle = true;
        case "--link-module" -> linker.linkModule(Source.of(dir.resolve(value(args, i))));
        case "--library-path" -> linker.libraryPath(dir.resolve(value(args, i)));
        default -> throw new IllegalArgumentException(name + "/args: unknown argument " + arg);
      }
      if (!arg.contains("=") && !arg.equals("--bundle")) {
        i++;
      }
    }
    linker.bundle(bundle);
    if (!bundle) {
      linker.main(Source.of(dir.resolve("main.mlir")));
    }
    return linker.build().link();
  }

  private static String value(List<String> args, int i) {
    String arg = args.get(i);
    return arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : args.get(i + 1);
  }

  /** Links and checks the output against {@code expected.mlir}; returns the output. */
  public String assertLinksAsExpected() {
    LinkResult result = link();
    assertTrue(
        result.succeeded(),
        () -> name + " failed to link:\n" + relative(result.formattedDiagnostics()));
    assertTrue(
        result.diagnostics().isEmpty(),
        () -> name + ": unexpected diagnostics:\n" + relative(result.formattedDiagnostics()));
    String expected = read(dir.resolve("expected.mlir"));
    assertEquals(expected, result.text(), name + ": output differs from expected.mlir");
    return result.text();
  }

  /** Links and checks that it fails with exactly the diagnostics of {@code expected.err}. */
  public void assertFailsAsExpected() {
    LinkResult result = link();
    assertFalse(result.succeeded(), () -> name + " linked but should fail:\n" + result.text());
    assertEquals(
        read(dir.resolve("expected.err")),
        relative(result.formattedDiagnostics()),
        name + ": diagnostics differ from expected.err");
  }

  /** Links and checks that the output is {@code main.mlir}, byte for byte. */
  public void assertOutputIsInputByteForByte() throws IOException {
    LinkResult result = link();
    assertTrue(result.succeeded(), () -> relative(result.formattedDiagnostics()));
    assertArrayEquals(
        Files.readAllBytes(dir.resolve("main.mlir")),
        result.text().getBytes(StandardCharsets.UTF_8),
        name + ": output is not the input");
  }

  /** The file that keeps a case from being read as bytecode ({@link #asBytecode}). */
  static final String TEXT_ONLY = "text-only";

  /**
   * Copies a case folder, its inputs written as bytecode by the real {@code iree-opt
   * --emit-bytecode}; false when iree-opt cannot read one of them. The main input and link modules
   * keep their names (bytecode is known by its first bytes); files under a library path are renamed
   * {@code .mlirbc}, as a library search finds them by that name too. Other files (the arguments,
   * the expected output) are copied as they are. False too for a case about text that bytecode
   * cannot carry, whose folder holds a {@code text-only} file saying what (aliases: bytecode writes
   * their values in place).
   */
  public static boolean asBytecode(Path from, Path to) throws IOException {
    if (Files.exists(from.resolve(TEXT_ONLY))) {
      return false;
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(from)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    for (Path file : files) {
      Path relative = from.relativize(file);
      Path target = to.resolve(relative.toString());
      Files.createDirectories(target.getParent());
      String fileName = file.getFileName().toString();
      if (!fileName.endsWith(".mlir") || fileName.equals("expected.mlir")) {
        Files.copy(file, target);
        continue;
      }
      if (relative.getNameCount() > 1) {
        target = target.resolveSibling(fileName + "bc");
      }
      MlirTools.Run emit = IreeTools.emitBytecode(file, target);
      if (!emit.ok()) {
        return false;
      }
    }
    return true;
  }

  /** Links in-memory {@code main} ("main.mlir") with {@code lib} ("lib.mlir"). */
  public static LinkResult linkInMemory(String main, String lib) {
    return Linker.builder()
        .main(Source.of("main.mlir", main))
        .linkModule(Source.of("lib.mlir", lib))
        .build()
        .link();
  }

  /**
   * Runs a link on a thread with a 256 KB stack, as an embedding program's thread may have: the
   * library must give the same answer there, and never throw.
   */
  public static LinkResult onSmallStack(Supplier<LinkResult> link) {
    AtomicReference<Object> outcome = new AtomicReference<>();
    Thread thread =
        new Thread(
            null,
            () -> {
              try {
                outcome.set(link.get());
              } catch (Throwable t) {
                outcome.set(t);
              }
            },
            "small-stack",
            256 * 1024);
    thread.start();
    try {
      thread.join();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
    if (outcome.get() instanceof Throwable t) {
      throw new AssertionError("link() threw on a small stack", t);
    }
    return (LinkResult) outcome.get();
  }

  /** Diagnostics with this case's folder left out of file names. */
  public String relative(String diagnostics) {
    return diagnostics.replace(dir.toString() + "/", "");
  }

  /**
   * Checks that {@code mlir-opt-22} parses and verifies {@code text}: every call resolves and call
   * and callee types agree.
   */
  public static void verifyWithMlirOpt(String caseName, String text, Dialects dialects) {
    Path opt = MlirTools.require(MlirTools.OPT);
    String input = dialects == Dialects.UTIL_FUNCTIONS ? utilAsFunc(text) : text;
    MlirTools.Run run =
        MlirTools.run(
            List.of(opt.toString(), "--allow-unregistered-dialect", "--verify-each", "-"), input);
    assertTrue(
        run.ok(),
        () ->
            caseName
                + ": mlir-opt-22 rejects the linked output:\n"
                + run.stderr()
                + "\n--- input given to mlir-opt ---\n"
                + input);
  }

  /** Test-only: util's function ops as func's, so mlir-opt can verify calls against callees. */
  static String utilAsFunc(String text) {
    return text.replace("util.func ", "func.func ")
        .replace("util.call ", "func.call ")
        .replace("util.return", "func.return");
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
