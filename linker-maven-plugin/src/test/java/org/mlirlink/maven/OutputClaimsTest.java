package org.mlirlink.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.DefaultMavenExecutionResult;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;

/** The record of which execution writes which file, over one build. */
class OutputClaimsTest {
  private static final Path FILE = Path.of("/p/target/mlir/hparams.mlir");

  @SuppressWarnings("deprecation") // the constructor a build without a container can call
  static MavenSession session() {
    return new MavenSession(
        null,
        new DefaultMavenExecutionRequest(),
        new DefaultMavenExecutionResult(),
        new MavenProject());
  }

  @Test
  void aSecondClaimantOfAFileFailsTheBuildNamingBoth() throws Exception {
    OutputClaims claims = new OutputClaims(new ConcurrentHashMap<>());
    claims.claim(FILE, "<output>", "execution 'toy' of g:a");
    MojoExecutionException e =
        assertThrows(
            MojoExecutionException.class,
            () -> claims.claim(FILE, "<output>", "execution 'mixtral' of g:a"));
    assertEquals(
        "mlir-link: execution 'toy' of g:a and execution 'mixtral' of g:a both write "
            + FILE
            + ", each over the other's: give one of them another <output>",
        e.getMessage());
  }

  @Test
  void aClaimantMayClaimItsOwnFileAgainAndOthersTheirOwn() throws Exception {
    OutputClaims claims = new OutputClaims(new ConcurrentHashMap<>());
    claims.claim(FILE, "<output>", "execution 'toy' of g:a");
    claims.claim(FILE, "<output>", "execution 'toy' of g:a"); // a forked lifecycle runs it again
    claims.claim(FILE.resolveSibling("other.mlir"), "<output>", "execution 'mixtral' of g:a");
  }

  @Test
  void theModulesOfABuildShareItsClaimsAndTheNextBuildStartsAfresh() throws Exception {
    MavenSession build = session();
    OutputClaims.of(build).claim(FILE, "<output>", "execution 'default' of g:a");
    // a parallel build gives each module a copy of the session
    MavenSession module = build.clone();
    assertThrows(
        MojoExecutionException.class,
        () -> OutputClaims.of(module).claim(FILE, "<output>", "execution 'default' of g:b"));
    OutputClaims.of(session()).claim(FILE, "<output>", "execution 'default' of g:b");
  }

  @Test
  void ofModulesClaimingOneFileAtOnceExactlyOneGetsIt() throws Exception {
    int threads = 8;
    for (int round = 0; round < 50; round++) {
      MavenSession build = session();
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<Boolean>> claimed = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          String claimant = "execution 'default' of g:m" + i;
          MavenSession module = build.clone();
          Callable<Boolean> claim =
              () -> {
                start.await();
                try {
                  OutputClaims.of(module).claim(FILE, "<output>", claimant);
                  return true;
                } catch (MojoExecutionException refused) {
                  return false;
                }
              };
          claimed.add(pool.submit(claim));
        }
        start.countDown();
        int granted = 0;
        for (Future<Boolean> f : claimed) {
          granted += f.get() ? 1 : 0;
        }
        assertEquals(1, granted, "round " + round);
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
