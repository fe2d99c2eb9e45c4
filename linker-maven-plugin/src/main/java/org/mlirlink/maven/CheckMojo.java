package org.mlirlink.maven;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.mlirlink.workspace.LinkDiagnostic;
import org.mlirlink.workspace.Workspace;

/**
 * Checks a component tree without linking or writing anything: every {@code .mlir} file under the
 * folders is read, and each dotted declaration ({@code @moe_components.mul_mat_id}) must resolve to
 * a public definition of the same type in some file under the folders or the library paths. Any
 * problem fails the build, one {@code [ERROR] file:[line,col]} line each.
 *
 * <pre>{@code
 * <execution>
 *   <goals><goal>check</goal></goals>
 *   <configuration>
 *     <folders><folder>src/main/mlir</folder></folders>
 *   </configuration>
 * </execution>
 * }</pre>
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMojo extends AbstractMojo {
  /** The folders (or single files) whose {@code .mlir} files are checked. */
  @Parameter(defaultValue = "${project.basedir}/src/main/mlir")
  private List<File> folders;

  /** Further folders that definitions may come from; their own files are not reported on. */
  @Parameter private List<File> libraryPaths;

  /** Skips every check (and every link). */
  @Parameter(property = "mlirlink.skip", defaultValue = "false")
  private boolean skip;

  @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
  private File baseDirectory;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("mlir-link: skipped (mlirlink.skip)");
      return;
    }
    ProjectPaths paths = new ProjectPaths(baseDirectory);
    List<Path> checked = new ArrayList<>();
    for (Path path : paths.absolute(folders)) {
      if (!Files.exists(path)) {
        throw new MojoExecutionException("mlir-link check: no such folder: " + path);
      }
      checked.add(path);
    }
    List<Path> roots = new ArrayList<>(checked);
    roots.addAll(paths.absolute(libraryPaths));
    Map<Path, List<LinkDiagnostic>> all = new Workspace(roots).diagnostics();
    int files = 0;
    int errors = 0;
    int failedFiles = 0;
    for (Map.Entry<Path, List<LinkDiagnostic>> entry : all.entrySet()) {
      if (checked.stream().noneMatch(entry.getKey()::startsWith)) {
        continue; // a library's own problems are its own build's to report
      }
      files++;
      if (!entry.getValue().isEmpty()) {
        failedFiles++;
        errors += MavenDiagnostics.logChecked(getLog(), entry.getValue());
      }
    }
    if (files == 0) {
      throw new MojoFailureException(
          "mlir-link check: found no .mlir file under "
              + checked
              + " (or cannot read a folder there)");
    }
    if (errors > 0) {
      throw new MojoFailureException(
          "mlir-link check: "
              + MavenDiagnostics.count(errors, "error")
              + " in "
              + MavenDiagnostics.count(failedFiles, "file")
              + " ("
              + MavenDiagnostics.count(files, "file")
              + " checked)");
    }
    getLog()
        .info("mlir-link check: " + MavenDiagnostics.count(files, "file") + " checked, no errors");
  }
}
