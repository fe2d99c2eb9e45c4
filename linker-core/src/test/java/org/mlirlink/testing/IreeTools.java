package org.mlirlink.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.mlirlink.model.OpTableGenerator;

/**
 * The real IREE tools ({@code iree-compile}, {@code iree-run-module}, {@code iree-link}) as test
 * oracles. They come from the pinned PyPI packages in {@code .ci/iree-requirements.txt}, installed
 * into the git-ignored virtual environment {@code .venv/} by {@code .ci/install-tools}; the library
 * and the CLI never use them.
 *
 * <p>The tools folder is the system property {@code mlirlink.iree.bin}, else the environment
 * variable {@code MLIR_LINK_IREE_BIN}, else {@code .venv/bin} under the project root. As with
 * {@link MlirTools}, a missing tool fails the test when {@code CI} is set and skips it elsewhere,
 * with the command that installs it.
 *
 * <p>Compiling is the slow step (a fraction of a second to a few seconds per module), so {@link
 * #compile} keeps every {@code .vmfb} it makes under {@code target/iree-cache/}, named by a hash of
 * the text and the flags: a module compiled once in a build is never compiled again.
 *
 * <pre>{@code
 * IreeTools.Compiled compiled = IreeTools.compile(linkedText);
 * IreeTools.Results out = IreeTools.runModule(compiled.vmfb(), "entry", List.of("7"), 1);
 * byte[] first = out.npy().get(0);
 * }</pre>
 */
public final class IreeTools {
  public static final String COMPILE = "iree-compile";
  public static final String RUN_MODULE = "iree-run-module";
  public static final String LINK = "iree-link";

  /** The version the tests are pinned to (the one {@code .ci/iree-requirements.txt} installs). */
  public static final String VERSION = "3.13.0";

  /**
   * The flags every module is compiled with: the local CPU device through LLVM, for a generic x86
   * CPU so that a {@code .vmfb} does not depend on the machine that compiled it.
   */
  public static final List<String> COMPILE_FLAGS =
      List.of(
          "--iree-hal-target-device=local",
          "--iree-hal-local-target-device-backends=llvm-cpu",
          "--iree-llvmcpu-target-cpu=generic");

  static final String INSTALL_HINT =
      "install it with: python3 -m venv .venv && .venv/bin/pip install -r .ci/iree-requirements.txt"
          + " (or name another tools folder with -Dmlirlink.iree.bin=DIR)";

  private IreeTools() {}

  /**
   * Writes {@code text} as bytecode to {@code bytecode} with {@code iree-opt --emit-bytecode},
   * {@code flags} first ({@code --emit-bytecode-version=4}, {@code --allow-unregistered-dialect}).
   */
  public static MlirTools.Run emitBytecode(Path text, Path bytecode, String... flags) {
    List<String> command = new java.util.ArrayList<>();
    command.add(require("iree-opt").toString());
    command.add("--emit-bytecode");
    command.addAll(List.of(flags));
    command.addAll(List.of(text.toString(), "-o", bytecode.toString()));
    return MlirTools.run(command, null);
  }

  /**
   * What {@code iree-opt} prints for a file in generic form ({@code --mlir-print-op-generic}), with
   * {@code flags} such as {@code --mlir-print-local-scope} or {@code --mlir-print-debuginfo}: how
   * the tests compare two texts as the same IR.
   */
  public static MlirTools.Run printGeneric(Path file, String... flags) {
    List<String> command = new java.util.ArrayList<>();
    command.add(require("iree-opt").toString());
    command.addAll(List.of(flags));
    command.addAll(List.of("--mlir-print-op-generic", file.toString()));
    return MlirTools.run(command, null);
  }

  /** The folder the IREE tools are looked for in. */
  public static Path toolsDir() {
    String property = System.getProperty("mlirlink.iree.bin");
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    String env = System.getenv("MLIR_LINK_IREE_BIN");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return MlirTools.projectRoot().resolve(".venv").resolve("bin");
  }

  /** The tool's path; fails in CI and skips elsewhere when it is not installed. */
  public static Path require(String tool) {
    Path candidate = toolsDir().resolve(tool);
    if (!Files.isExecutable(candidate)) {
      String message = tool + " is not in " + toolsDir() + "; " + INSTALL_HINT;
      if (System.getenv("CI") != null) {
        fail(message);
      }
      assumeTrue(false, message);
    }
    return candidate;
  }

  /**
   * The op bindings of the IREE compiler's Python package ({@code iree/compiler/dialects}) in the
   * virtual environment the tools are in; fails in CI and skips elsewhere when they are missing.
   */
  public static Path requireCompilerBindings() {
    Path venv = toolsDir().toAbsolutePath().getParent();
    Path found;
    try {
      found = OpTableGenerator.dialectsDir(venv);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (found == null) {
      String message = "the IREE compiler's Python package is not in " + venv + "; " + INSTALL_HINT;
      if (System.getenv("CI") != null) {
        fail(message);
      }
      assumeTrue(false, message);
    }
    return found;
  }

  /** What {@code iree-compile} made of a module: the {@code .vmfb}, or why there is none. */
  public record Compiled(Path vmfb, String errors) {
    public boolean ok() {
      return vmfb != null;
    }

    /** The {@code .vmfb}; fails the test with the compiler's errors when there is none. */
    public Path require(String what) {
      if (vmfb == null) {
        fail("iree-compile rejected " + what + ":\n" + errors);
      }
      return vmfb;
    }
  }

  /**
   * Compiles MLIR text with {@link #COMPILE_FLAGS}, or returns the {@code .vmfb} compiled earlier
   * from the same text. A rejected module is not cached; its errors are returned, and the text they
   * point at is kept in the cache folder.
   */
  public static Compiled compile(String mlir) {
    return compile(mlir, List.of());
  }

  /**
   * Like {@link #compile(String)}, with more flags after {@link #COMPILE_FLAGS}, such as {@code
   * --compile-from=flow} for text that {@link #compileTo} lowered to that phase (left to guess the
   * phase, {@code iree-compile} turns a program at the {@code stream} phase into one that computes
   * zeros); the cache key holds every flag.
   */
  public static Compiled compile(String mlir, List<String> moreFlags) {
    Output out = compileCached(mlir, moreFlags, ".vmfb");
    return new Compiled(out.file(), out.errors());
  }

  /** What {@code iree-compile --compile-to=PHASE} made of a module: its MLIR text, or why none. */
  public record Lowered(String text, String errors) {
    public boolean ok() {
      return text != null;
    }
  }

  /**
   * The module's MLIR text after the compiler's phase {@code phase} ({@code iree-compile
   * --compile-to=PHASE} with {@link #COMPILE_FLAGS}), cached like {@link #compile}. The phases are
   * those {@code iree-compile --help} lists for {@code --compile-to}: {@code input}, {@code abi},
   * ..., {@code flow}, {@code stream}, ..., {@code hal}, {@code vm}.
   */
  public static Lowered compileTo(String mlir, String phase) {
    Output out = compileCached(mlir, List.of("--compile-to=" + phase), "." + phase + ".mlir");
    if (out.file() == null) {
      return new Lowered(null, out.errors());
    }
    try {
      return new Lowered(Files.readString(out.file(), StandardCharsets.UTF_8), "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Output(Path file, String errors) {}

  private static Output compileCached(String mlir, List<String> moreFlags, String suffix) {
    Path compiler = require(COMPILE);
    Path cache = cacheDir();
    List<String> flags = new ArrayList<>(COMPILE_FLAGS);
    flags.addAll(moreFlags);
    String key = sha256(String.join("\n", flags) + "\n\n" + mlir);
    Path output = cache.resolve(key + suffix);
    if (Files.isRegularFile(output)) {
      return new Output(output, "");
    }
    try {
      Path input = cache.resolve(key + ".mlir");
      Files.writeString(input, mlir, StandardCharsets.UTF_8);
      Path partial = Files.createTempFile(cache, key, ".part");
      List<String> command = new ArrayList<>();
      command.add(compiler.toString());
      command.addAll(flags);
      command.addAll(List.of(input.toString(), "-o", partial.toString()));
      MlirTools.Run run = MlirTools.run(command, null);
      if (!run.ok()) {
        // The input stays, so that the file and line in the errors can be looked at.
        Files.deleteIfExists(partial);
        return new Output(null, run.stderr());
      }
      Files.deleteIfExists(input);
      Files.move(
          partial, output, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return new Output(output, "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What one {@code iree-run-module} call returned: each result as the bytes of a {@code .npy}. */
  public record Results(List<byte[]> npy) {
    public Npy.Array get(int index) {
      return Npy.read(npy.get(index));
    }
  }

  /**
   * Runs {@code function} of a compiled module on the local synchronous CPU device. Each input is
   * an {@code iree-run-module --input} value: a scalar such as {@code 7} or {@code 2.5}, or
   * {@code @FILE.npy}. The function must return exactly {@code results} values; each comes back as
   * the bytes of a {@code .npy} file, so results compare bit for bit. Fails the test when the run
   * fails.
   */
  public static Results runModule(Path vmfb, String function, List<String> inputs, int results) {
    Path runner = require(RUN_MODULE);
    Path dir = null;
    try {
      dir = Files.createTempDirectory("iree-run");
      List<String> command = new ArrayList<>();
      command.add(runner.toString());
      command.add("--device=local-sync");
      command.add("--module=" + vmfb);
      command.add("--function=" + function);
      for (String input : inputs) {
        command.add("--input=" + input);
      }
      List<Path> outputs = new ArrayList<>();
      for (int i = 0; i < results; i++) {
        Path out = dir.resolve("result" + i + ".npy");
        outputs.add(out);
        command.add("--output=@" + out);
      }
      MlirTools.Run run = MlirTools.run(command, null);
      if (!run.ok()) {
        fail(
            "iree-run-module failed on @"
                + function
                + " of "
                + vmfb
                + " (exit "
                + run.exitCode()
                + "):\n"
                + run.stderr()
                + run.stdout());
      }
      List<byte[]> bytes = new ArrayList<>();
      for (Path out : outputs) {
        bytes.add(Files.readAllBytes(out));
      }
      return new Results(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (dir != null) {
        MlirTools.deleteRecursively(dir);
      }
    }
  }

  /**
   * Runs the real {@code iree-link} with {@code args} (file names relative to {@code cwd}). Its
   * output goes to {@code -o} files the caller names, never to {@code /dev/null}.
   */
  public static MlirTools.Run link(List<String> args, Path cwd) {
    List<String> command = new ArrayList<>();
    command.add(require(LINK).toString());
    command.addAll(args);
    return MlirTools.run(command, null, cwd);
  }

  /** {@code target/iree-cache/} of the module whose tests run (the working directory). */
  private static Path cacheDir() {
    try {
      return Files.createDirectories(Path.of("target", "iree-cache").toAbsolutePath());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
