package org.mlirlink.maven;

import java.io.File;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What the plugin's goals share: {@code -Dmlirlink.skip}, and paths taken from the project's
 * folder.
 *
 * <pre>{@code
 * mvn verify -Dmlirlink.skip     # neither links nor checks
 * }</pre>
 */
abstract class MlirLinkMojo extends AbstractMojo {
  /** Skips every link and every check. */
  @Parameter(property = "mlirlink.skip", defaultValue = "false")
  private boolean skip;

  @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
  private File baseDirectory;

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("mlir-link: skipped (mlirlink.skip)");
      return;
    }
    run(new ProjectPaths(baseDirectory));
  }

  /** The goal's work, with the project's paths. */
  abstract void run(ProjectPaths paths) throws MojoExecutionException, MojoFailureException;
}
