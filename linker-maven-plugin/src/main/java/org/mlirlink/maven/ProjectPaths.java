package org.mlirlink.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Paths of a POM's parameters, absolute: a relative one is taken from the project's folder, as
 * Maven users expect, not from wherever Maven was started.
 *
 * <pre>{@code
 * ProjectPaths paths = new ProjectPaths(baseDirectory);
 * Path main = paths.absolute(new File("src/main/mlir/block.mlir"));
 * }</pre>
 */
final class ProjectPaths {
  private final Path base;

  ProjectPaths(File baseDirectory) {
    this.base = baseDirectory.toPath();
  }

  Path absolute(File file) {
    Path path = file.toPath();
    return (path.isAbsolute() ? path : base.resolve(path)).normalize();
  }

  /** Each of {@code files} absolute; none for null (a list parameter the POM leaves out). */
  List<Path> absolute(List<File> files) {
    List<Path> paths = new ArrayList<>();
    if (files != null) {
      for (File file : files) {
        paths.add(absolute(file));
      }
    }
    return paths;
  }

  /** {@code path} as the build log shows it: relative to the project's folder. */
  Path shown(Path path) {
    return base.relativize(path);
  }
}
