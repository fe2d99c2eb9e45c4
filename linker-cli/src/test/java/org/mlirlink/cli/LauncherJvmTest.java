package org.mlirlink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlirlink.testing.MlirTools;

/**
 * {@code bin/mlir-link} starts on the JDK 25 (or newer) the build made its ahead-of-time cache for,
 * and on the java of the PATH with the class-data archive when there is no cache: the user sees the
 * same either way. Each command runs twice, from the built tree (with the cache) and from a copy of
 * the launchers and the jar without it, and the two runs must print, write and exit alike. Tagged
 * {@code launcher}: Maven runs these in the package phase, after the jar and the cache are built.
 */
@Tag("launcher")
class LauncherJvmTest {
  private static final Path ROOT = MlirTools.projectRoot();
  private static final Path TARGET = ROOT.resolve("linker-cli/target");
  private static final Path CASES = CliRun.linkCases();

  @TempDir Path tmp;

  /**
   * The built tree uses the cache: the command's classes come from it, not from the jar. Without
   * this, a cache the JVM silently refused would make the comparison below one of Java 17 with
   * itself.
   */
  @Test
  void theBuiltTreeStartsFromTheAheadOfTimeCache() throws IOException {
    assumeCache();
    Path log = tmp.resolve("classes.log");
    MlirTools.Run run =
        shell(
            ROOT.resolve("bin"),
            tmp,
            "MLIR_LINK_JAVA_OPTS=-Xlog:class+load:file=" + log + " exec \"$0\" --version");
    assertEquals(0, run.exitCode(), run.stderr());
    String classes = Files.readString(log);
    assertTrue(
        classes.contains("org.mlirlink.cli.LinkCommand source: shared objects file"),
        "LinkCommand loaded from the jar, not the cache");
  }

  /** Links, errors, usage errors, help, version and the JVM options a user gives: all alike. */
  @Test
  void theLauncherSaysTheSameWithAndWithoutTheCache() throws IOException {
    assumeCache();
    Path copy = withoutCache();
    Path links = CASES.resolve("named-modules-internal-helpers");
    Path mismatch = CASES.resolve("type-mismatch");
    String link =
        "exec \"$0\" "
            + links
            + "/main.mlir --link-module "
            + links
            + "/a.mlir --link-module "
            + links
            + "/b.mlir -o ";
    List<String> commands =
        List.of(
            link + "out.mlir",
            link + "out.mlirbc",
            "exec \"$0\" " + mismatch + "/main.mlir --link-module " + mismatch + "/lib.mlir",
            "exec \"$0\" --list-symbols " + links + "/a.mlir",
            "exec \"$0\" " + links + "/main.mlir --link-modul a.mlir",
            "exec \"$0\" --help",
            "exec \"$0\" --version",
            "exec \"${0%/*}/iree-link\" --help",
            "exec \"$0\" check " + links,
            "MLIR_LINK_JAVA_OPTS=-Dmlirlink.command=linker exec \"$0\" --nope",
            "MLIR_LINK_JAVA_OPTS=-Xmx16m exec \"$0\" " + bigInput());
    for (int i = 0; i < commands.size(); i++) {
      String command = commands.get(i);
      Path withCache = Files.createDirectories(tmp.resolve("with-" + i));
      Path without = Files.createDirectories(tmp.resolve("without-" + i));
      MlirTools.Run cached = shell(ROOT.resolve("bin"), withCache, command);
      MlirTools.Run plain = shell(copy.resolve("bin"), without, command);
      assertEquals(plain.exitCode(), cached.exitCode(), command + "\n" + cached.stderr());
      assertEquals(plain.stdout(), cached.stdout(), command);
      assertEquals(plain.stderr(), cached.stderr(), command);
      assertEquals(files(without), files(withCache), command);
      for (String name : files(without)) {
        assertEquals(
            -1L, Files.mismatch(without.resolve(name), withCache.resolve(name)), command + name);
      }
    }
  }

  private static void assumeCache() {
    Assumptions.assumeTrue(
        Files.exists(TARGET.resolve("mlir-link.aot")),
        "no ahead-of-time cache: the build found no JDK 25 or newer, so bin/mlir-link runs on the"
            + " java of the PATH alone (install a JDK 25 under /usr/lib/jvm and rebuild)");
  }

  /** A copy of bin/ and the jar with its class-data archive, but no ahead-of-time cache. */
  private Path withoutCache() throws IOException {
    Path copy = tmp.resolve("copy");
    Files.createDirectories(copy.resolve("bin"));
    Files.createDirectories(copy.resolve("linker-cli/target"));
    for (String launcher : List.of("mlir-link", "iree-link")) {
      Files.copy(
          ROOT.resolve("bin").resolve(launcher),
          copy.resolve("bin").resolve(launcher),
          StandardCopyOption.COPY_ATTRIBUTES);
    }
    // The archive's time is kept, so that it stays newer than the jar and is used.
    for (String file : List.of("mlir-link.jar", "mlir-link.jsa")) {
      Files.copy(
          TARGET.resolve(file),
          copy.resolve("linker-cli/target").resolve(file),
          StandardCopyOption.COPY_ATTRIBUTES);
    }
    assertFalse(Files.exists(copy.resolve("linker-cli/target/mlir-link.aot")));
    return copy;
  }

  /** About 6 MB of functions: more than a 16 MB heap can link. */
  private Path bigInput() throws IOException {
    return Files.writeString(tmp.resolve("big.mlir"), CliRun.bigModule("main", ""));
  }

  private static MlirTools.Run shell(Path bin, Path cwd, String command) {
    return MlirTools.run(
        List.of("sh", "-c", command, bin.resolve("mlir-link").toString()), null, cwd);
  }

  private static List<String> files(Path dir) throws IOException {
    List<String> names = new ArrayList<>();
    try (var list = Files.list(dir)) {
      list.forEach(file -> names.add(file.getFileName().toString()));
    }
    names.sort(null);
    return names;
  }
}
