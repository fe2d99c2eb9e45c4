package org.mlirlink.maven;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * One link of the {@code link} goal: the parameters of the goal itself, given once per link in a
 * {@code <links>} list.
 *
 * <pre>{@code
 * <links>
 *   <link>
 *     <main>src/main/mlir/moe_ffn_block.mlir</main>
 *     <libraryPaths><libraryPath>src/main/mlir</libraryPath></libraryPaths>
 *   </link>
 * </links>
 * }</pre>
 */
public class Link {
  /** The module whose external declarations are completed (iree-link's INPUT). */
  File main;

  /** Modules to link from, searched in order (iree-link's {@code --link-module}). */
  List<File> linkModules = new ArrayList<>();

  /** Folders where {@code @prefix.name} is looked up, by file name and by module name. */
  List<File> libraryPaths = new ArrayList<>();

  /**
   * Where the linked module goes; by default under the goal's {@code outputDirectory}, at the main
   * module's path relative to its {@code sourceDirectory} (or at its file name when it is not
   * there).
   */
  File output;

  /** Bundles the link modules into one module instead of completing a main module. */
  boolean bundle;

  /** Also writes a Make rule naming every file the link read. */
  File depfile;

  /** Also writes the link map: each linked op's output name, source name and place. */
  File linkMap;

  /** Also writes the link map, the files read and any errors as JSON (also on failure). */
  File jsonReport;

  /** A link of these parameters (the goal's own, when it is given no {@code <links>}). */
  static Link of(
      File main,
      List<File> linkModules,
      List<File> libraryPaths,
      File output,
      boolean bundle,
      File depfile,
      File linkMap,
      File jsonReport) {
    Link link = new Link();
    link.main = main;
    link.linkModules = linkModules == null ? new ArrayList<>() : linkModules;
    link.libraryPaths = libraryPaths == null ? new ArrayList<>() : libraryPaths;
    link.output = output;
    link.bundle = bundle;
    link.depfile = depfile;
    link.linkMap = linkMap;
    link.jsonReport = jsonReport;
    return link;
  }
}
