package org.mlirlink.maven;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.mlirlink.LibraryFiles;
import org.mlirlink.diagnostic.Diagnostic;
import org.mlirlink.workspace.CheckReport;
import org.mlirlink.workspace.Workspace;

// The example is one {@code} line per line of XML, each ended by <br>, not a <pre> block: the
// plugin descriptor, which the help goal prints, is plain text made from this comment, keeping a
// line break for <br> but none for the line breaks of a <pre> block.
/**
 * Checks a component tree without linking or writing anything: every {@code .mlir} file under the
 * folders is read, and each dotted declaration ({@code @moe_components.mul_mat_id}) must resolve to
 * a public definition of the same type in some file under the folders or the library paths. Any
 * problem fails the build, one {@code [ERROR] file:[line,col]} line each.
 *
 * <p>For example, as an execution of the plugin in a POM:<br>
 * {@code <execution>}<br>
 * {@code <goals><goal>check</goal></goals>}<br>
 * {@code <configuration>}<br>
 * {@code <folders><folder>src/main/mlir</folder></folders>}<br>
 * {@code </configuration>}<br>
 * {@code </execution>}
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMojo extends MlirLinkMojo {
  /** The folders (or single files) whose {@code .mlir} files are checked. */
  @Parameter(defaultValue = "${project.basedir}/src/main/mlir")
  private List<File> folders;

  /** Further folders that definitions may come from; their own files are not reported on. */
  @Parameter private List<File> libraryPaths;

  @Override
  void run(ProjectPaths paths) throws MojoExecutionException, MojoFailureException {
    List<Path> checked = new ArrayList<>();
    for (Path path : paths.absolute(folders)) {
      if (!Files.exists(path)) {
        throw new MojoExecutionException("mlir-link check: no such folder: " + path);
      }
      checked.add(path);
    }
    List<Path> roots = new ArrayList<>(checked);
    List<Path> libraries = paths.absolute(libraryPaths);
    List<Diagnostic> problems = LibraryFiles.problems(libraries); // as a link reports them
    if (!problems.isEmpty()) {
      MavenDiagnostics.log(getLog(), problems);
      throw new MojoExecutionException(
          "mlir-link check: " + MavenDiagnostics.count(problems.size(), "unusable library path"));
    }
    roots.addAll(libraries);
    CheckReport report = new Workspace(roots).check(checked);
    if (!report.emptyRoots().isEmpty()) {
      throw new MojoFailureException(
          "mlir-link check: found no .mlir file under "
              + report.emptyRoots()
              + " (or cannot read a folder there)");
    }
    for (List<Diagnostic> diagnostics : report.files().values()) {
      MavenDiagnostics.logChecked(getLog(), diagnostics);
    }
    if (!report.passed()) {
      throw new MojoFailureException("mlir-link check: " + report.summary());
    }
    getLog().info("mlir-link check: " + report.summary());
  }
}
