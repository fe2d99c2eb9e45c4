package org.mlirlink.maven;

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
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The link goal's checks of its configuration and the state that lets a build skip a link, without
 * a Maven build (the sample builds under src/it run the goal for real).
 */
class LinkMojoTest {
  @TempDir Path project;

  private static void set(Object target, String field, Object value) throws Exception {
    Field f = target.getClass().getDeclaredField(field);
    f.setAccessible(true);
    f.set(target, value);
  }

  private LinkMojo mojo() throws Exception {
    LinkMojo mojo = new LinkMojo();
    set(mojo, "baseDirectory", project.toFile());
    set(mojo, "buildDirectory", project.resolve("target").toFile());
    return mojo;
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
  void theStateMatchesUntilAnInputOrTheLibraryListingOrASettingChanges() throws IOException {
    Path lib = Files.createDirectories(project.resolve("lib"));
    Path input = Files.writeString(lib.resolve("a.mlir"), "module @a {}\n");
    Path stateFile = project.resolve("link.state");
    List<String> settings = List.of("main x", "bundle false");

    LinkState state = LinkState.before(settings, List.of(lib)).read(List.of(input));
    Files.writeString(stateFile, state.text());
    assertTrue(LinkState.before(settings, List.of(lib)).matches(stateFile));

    assertFalse(
        LinkState.before(List.of("main y", "bundle false"), List.of(lib)).matches(stateFile));

    Files.setLastModifiedTime(input, FileTime.fromMillis(System.currentTimeMillis() + 10_000));
    assertFalse(LinkState.before(settings, List.of(lib)).matches(stateFile), "a touched input");

    Files.writeString(
        stateFile, LinkState.before(settings, List.of(lib)).read(List.of(input)).text());
    assertTrue(LinkState.before(settings, List.of(lib)).matches(stateFile));
    Files.writeString(lib.resolve("b.mlir"), "module @b {}\n");
    assertFalse(LinkState.before(settings, List.of(lib)).matches(stateFile), "a new library file");

    Files.writeString(
        stateFile, LinkState.before(settings, List.of(lib)).read(List.of(input)).text());
    Path unread = lib.resolve("b.mlir");
    Files.setLastModifiedTime(unread, FileTime.fromMillis(System.currentTimeMillis() + 20_000));
    assertFalse(
        LinkState.before(settings, List.of(lib)).matches(stateFile),
        "a library file the link did not read, changed (it may now declare a module)");

    Files.delete(stateFile);
    assertFalse(LinkState.before(settings, List.of(lib)).matches(stateFile), "no state yet");
  }
}
