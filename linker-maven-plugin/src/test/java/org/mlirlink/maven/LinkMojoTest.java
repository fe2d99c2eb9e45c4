package org.mlirlink.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The link goal's checks of its configuration and the state that lets a build skip a link, without
 * a Maven build (the sample builds under src/it run the goal for real).
 */
class LinkMojoTest {
  @TempDir Path project;

  private static void set(Object target, String field, Object value) throws Exception {
    Field f = null;
    for (Class<?> c = target.getClass(); f == null; c = c.getSuperclass()) {
      try {
        f = c.getDeclaredField(field); // the goal's own, or one all goals share
      } catch (NoSuchFieldException inSuperclass) {
        if (c.getSuperclass() == null) {
          throw inSuperclass;
        }
      }
    }
    f.setAccessible(true);
    f.set(target, value);
  }

  /** The build the goals of a test run in, as Maven would inject it. */
  private final MavenSession session = OutputClaimsTest.session();

  private final MavenProject mavenProject = new MavenProject();

  private LinkMojo mojo() throws Exception {
    return mojo("default");
  }

  /** The goal as an execution of this id would run it, with the parameters' defaults. */
  private LinkMojo mojo(String executionId) throws Exception {
    LinkMojo mojo = new LinkMojo();
    set(mojo, "baseDirectory", project.toFile());
    set(mojo, "buildDirectory", project.resolve("target").toFile());
    set(mojo, "outputDirectory", project.resolve("target/mlir").toFile());
    set(mojo, "sourceDirectory", project.resolve("src/main/mlir").toFile());
    set(mojo, "addOutputToResources", true);
    set(mojo, "session", session);
    set(mojo, "project", mavenProject);
    set(mojo, "execution", new MojoExecution(new MojoDescriptor(), executionId));
    return mojo;
  }

  /** A main module with nothing to link in, whose output shows which one it was. */
  private File hparams(String model, int layers) throws IOException {
    Path main = project.resolve("src/main/mlir/llm/" + model + "/hparams.mlir");
    Files.createDirectories(main.getParent());
    Files.writeString(
        main,
        "module @hparams {\n"
            + "  util.func public @layers() -> i32 {\n"
            + "    %c = arith.constant "
            + layers
            + " : i32\n"
            + "    util.return %c : i32\n"
            + "  }\n"
            + "}\n");
    return new File("src/main/mlir/llm/" + model + "/hparams.mlir");
  }

  @Test
  void mainsOfOneNameInTwoFoldersOfTheSourcesLinkToTwoOutputs() throws Exception {
    LinkMojo toy = mojo("toy");
    set(toy, "main", hparams("toy", 2));
    toy.execute();
    LinkMojo mixtral = mojo("mixtral");
    set(mixtral, "main", hparams("mixtral", 32));
    mixtral.execute();
    assertTrue(
        Files.readString(project.resolve("target/mlir/llm/toy/hparams.mlir")).contains("2 : i32"));
    assertTrue(
        Files.readString(project.resolve("target/mlir/llm/mixtral/hparams.mlir"))
            .contains("32 : i32"));
    assertFalse(Files.exists(project.resolve("target/mlir/hparams.mlir")));
  }

  @Test
  void twoExecutionsWritingOneFileAreRefusedNamingBoth() throws Exception {
    LinkMojo toy = mojo("toy");
    set(toy, "main", hparams("toy", 2));
    set(toy, "output", new File("target/hparams.mlir"));
    toy.execute();
    LinkMojo mixtral = mojo("mixtral");
    set(mixtral, "main", hparams("mixtral", 32));
    set(mixtral, "output", new File("target/hparams.mlir"));
    MojoExecutionException e = assertThrows(MojoExecutionException.class, mixtral::execute);
    assertTrue(
        e.getMessage().contains("execution 'toy' of ")
            && e.getMessage().contains("execution 'mixtral' of ")
            && e.getMessage().contains("both write " + project.resolve("target/hparams.mlir")),
        e.getMessage());
    // the first execution's output is left as it linked it
    assertTrue(Files.readString(project.resolve("target/hparams.mlir")).contains("2 : i32"));
  }

  @Test
  void theOutputDirectoryIsAddedToTheResourcesOnceUnlessSwitchedOff() throws Exception {
    LinkMojo toy = mojo("toy");
    set(toy, "main", hparams("toy", 2));
    toy.execute();
    LinkMojo mixtral = mojo("mixtral");
    set(mixtral, "main", hparams("mixtral", 32));
    mixtral.execute();
    List<String> folders = mavenProject.getResources().stream().map(r -> r.getDirectory()).toList();
    assertEquals(List.of(project.resolve("target/mlir").toString()), folders);

    MavenProject other = new MavenProject();
    LinkMojo off = mojo("off");
    set(off, "project", other);
    set(off, "main", hparams("off", 1));
    set(off, "addOutputToResources", false);
    off.execute();
    assertEquals(List.of(), other.getResources());
  }

  @Test
  void anOutputUnderALibraryPathIsRefused() throws Exception {
    LinkMojo mojo = mojo();
    set(mojo, "main", new File("main.mlir"));
    set(mojo, "libraryPaths", List.of(new File(".")));
    MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
    assertTrue(e.getMessage().contains("is under the library path"), e.getMessage());
  }

  @Test
  void twoLinksWritingOneFileAreRefused() throws Exception {
    LinkMojo mojo = mojo();
    Link a = Link.of(new File("a/main.mlir"), null, null, null, false, null, null, null);
    Link b = Link.of(new File("b/main.mlir"), null, null, null, false, null, null, null);
    set(mojo, "links", List.of(a, b)); // both default to target/mlir/main.mlir
    MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
    assertTrue(e.getMessage().contains("two links write"), e.getMessage());
  }

  @Test
  void anOutputThatIsAnInputOrABundleWithAMainIsRefused() throws Exception {
    LinkMojo mojo = mojo();
    set(mojo, "main", new File("main.mlir"));
    set(mojo, "output", new File("main.mlir"));
    MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
    assertTrue(e.getMessage().contains("is one of the link's inputs"), e.getMessage());

    LinkMojo bundle = mojo();
    set(bundle, "main", new File("main.mlir"));
    set(bundle, "bundle", true);
    e = assertThrows(MojoExecutionException.class, bundle::execute);
    assertTrue(e.getMessage().contains("a bundle takes no <main>"), e.getMessage());
  }

  @Test
  void anEditWhileTheLinkRunsCountsAsAChangeNextTime() throws IOException {
    Path lib = Files.createDirectories(project.resolve("lib"));
    Path main = Files.writeString(project.resolve("main.mlir"), "module @m {}\n");
    Path stateFile = project.resolve("link.state");
    List<String> settings = List.of("main " + main);
    LinkState before = LinkState.before(settings, List.of(lib), List.of(main));
    // the link runs; meanwhile the main module is edited
    Files.writeString(main, "module @m {}\n// edited\n");
    Files.writeString(stateFile, before.read(List.of(main)).text());
    assertFalse(LinkState.before(settings, List.of(lib), List.of(main)).matches(stateFile));
  }

  @Test
  void aBytecodeFileAppearingUnderALibraryPathCounts() throws IOException {
    Path lib = Files.createDirectories(project.resolve("lib"));
    Path stateFile = project.resolve("link.state");
    Files.writeString(stateFile, LinkState.before(List.of(), List.of(lib), List.of()).text());
    assertTrue(LinkState.before(List.of(), List.of(lib), List.of()).matches(stateFile));
    Files.write(lib.resolve("a.mlirbc"), new byte[] {'M', 'L', (byte) 0xEF, 'R'});
    assertFalse(LinkState.before(List.of(), List.of(lib), List.of()).matches(stateFile));
  }

  @Test
  void aSymbolicLinkAsLibraryPathIsFollowed() throws IOException {
    Path real = Files.createDirectories(project.resolve("real"));
    Files.writeString(real.resolve("a.mlir"), "module @a {}\n");
    Path link = Files.createSymbolicLink(project.resolve("lib"), real);
    assertTrue(LinkState.before(List.of(), List.of(link), List.of()).text().contains("a.mlir"));
  }

  @Test
  void outputsHaveTheUmasksModeAndAFailedLinkLeavesNoOldOutput() throws Exception {
    Path components = Path.of(System.getProperty("mlirlink.root"), "components");
    Path lib = project.resolve("mlir");
    copy(components, lib);
    LinkMojo mojo = mojo();
    set(mojo, "main", lib.resolve("moe/moe_ffn_block.mlir").toFile());
    set(mojo, "libraryPaths", List.of(lib.toFile()));
    set(mojo, "depfile", new File("target/moe.d"));
    mojo.execute();
    Path out = project.resolve("target/mlir/moe_ffn_block.mlir");
    assertTrue(Files.isRegularFile(out));
    if (out.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Path fresh = Files.createFile(project.resolve("fresh"));
      assertEquals(Files.getPosixFilePermissions(fresh), Files.getPosixFilePermissions(out));
    }
    // break the block: the build fails, and neither the old output nor its depfile is left
    Path block = lib.resolve("moe/moe_ffn_block.mlir");
    Files.writeString(
        block,
        Files.readString(block)
            .replace("@activation_components.swiglu(", "@activation_components.swiglo("));
    assertThrows(org.apache.maven.plugin.MojoFailureException.class, mojo::execute);
    assertFalse(Files.exists(out));
    assertFalse(Files.exists(project.resolve("target/moe.d")));
  }

  private static void copy(Path from, Path to) throws IOException {
    try (java.util.stream.Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path copy = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(file, copy);
        }
      }
    }
  }

  @Test
  void theStateMatchesUntilAnInputOrTheLibraryListingOrASettingChanges() throws IOException {
    Path lib = Files.createDirectories(project.resolve("lib"));
    Path input = Files.writeString(lib.resolve("a.mlir"), "module @a {}\n");
    Path stateFile = project.resolve("link.state");
    List<String> settings = List.of("main x", "bundle false");

    LinkState state = LinkState.before(settings, List.of(lib), List.of()).read(List.of(input));
    Files.writeString(stateFile, state.text());
    assertTrue(LinkState.before(settings, List.of(lib), List.of()).matches(stateFile));

    assertFalse(
        LinkState.before(List.of("main y", "bundle false"), List.of(lib), List.of())
            .matches(stateFile));

    Files.setLastModifiedTime(input, FileTime.fromMillis(System.currentTimeMillis() + 10_000));
    assertFalse(
        LinkState.before(settings, List.of(lib), List.of()).matches(stateFile), "a touched input");

    Files.writeString(
        stateFile, LinkState.before(settings, List.of(lib), List.of()).read(List.of(input)).text());
    assertTrue(LinkState.before(settings, List.of(lib), List.of()).matches(stateFile));
    Files.writeString(lib.resolve("b.mlir"), "module @b {}\n");
    assertFalse(
        LinkState.before(settings, List.of(lib), List.of()).matches(stateFile),
        "a new library file");

    Files.writeString(
        stateFile, LinkState.before(settings, List.of(lib), List.of()).read(List.of(input)).text());
    Path unread = lib.resolve("b.mlir");
    Files.setLastModifiedTime(unread, FileTime.fromMillis(System.currentTimeMillis() + 20_000));
    assertFalse(
        LinkState.before(settings, List.of(lib), List.of()).matches(stateFile),
        "a library file the link did not read, changed (it may now declare a module)");

    Files.delete(stateFile);
    assertFalse(
        LinkState.before(settings, List.of(lib), List.of()).matches(stateFile), "no state yet");
  }
}
