package org.mlirlink.maven;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.maven.execution.MavenExecutionRequest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * Which execution writes which file, over one Maven build. Two executions that write one file, in
 * one module or in two modules of a reactor, would each overwrite the other's output and find the
 * other's link state, so that both link again on every build and the last one wins; the second to
 * claim a file fails the build instead, naming both.
 *
 * <pre>{@code
 * OutputClaims claims = OutputClaims.of(session);
 * claims.claim(Path.of("/p/target/mlir/hparams.mlir"), "<output>", "execution 'toy' of org.x:app");
 * // a second claimant of that file gets a MojoExecutionException naming both
 * }</pre>
 */
final class OutputClaims {
  /** Where a build's claims are kept in its request's data. */
  private static final String KEY = OutputClaims.class.getName();

  /** Absolute path to claimant. Strings only, so that any class loader can share the map. */
  private final ConcurrentMap<String, String> owners;

  OutputClaims(ConcurrentMap<String, String> owners) {
    this.owners = owners;
  }

  /**
   * The claims of the build {@code session} belongs to. They are kept in the build's request, not
   * in the session nor in a static field: a parallel build gives each module its own copy of the
   * session, all sharing the one request, and a static field would outlive the build in a Maven
   * that stays running between builds.
   */
  @SuppressWarnings("unchecked")
  static OutputClaims of(MavenSession session) {
    MavenExecutionRequest request = session.getRequest();
    // The request's data map is a plain map that it makes on first use: one lock for both.
    synchronized (request) {
      Map<String, Object> data = request.getData();
      Object claims = data.computeIfAbsent(KEY, key -> new ConcurrentHashMap<String, String>());
      return new OutputClaims((ConcurrentMap<String, String>) claims);
    }
  }

  /**
   * Claims {@code file} for {@code claimant}, or fails naming the claimant that has it. A claimant
   * may claim its own file again: a lifecycle forked by another goal runs the same execution twice.
   *
   * @param parameter the parameter that names the file, for the message ({@code <output>})
   */
  void claim(Path file, String parameter, String claimant) throws MojoExecutionException {
    String owner = owners.putIfAbsent(file.toString(), claimant);
    if (owner != null && !owner.equals(claimant)) {
      throw new MojoExecutionException(
          "mlir-link: "
              + owner
              + " and "
              + claimant
              + " both write "
              + file
              + ", each over the other's: give one of them another "
              + parameter);
    }
  }
}
