package org.mlirlink.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmarks of the warm in-process link over the inputs bench/run.sh generates (the folder
 * is given with {@code -Dbench.dir=...}, default {@code bench/out}).
 *
 * <pre>{@code
 * java -Dbench.dir=bench/out -jar bench/target/mlir-link-bench.jar LinkBenchmark
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 6, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xss16m"})
public class LinkBenchmark {
  @Param({"library", "blob", "moe"})
  public String input;

  private Path main;
  private List<Path> modules;

  @Setup
  public void setup() {
    Path dir = Path.of(System.getProperty("bench.dir", "bench/out"));
    Path root = Path.of(System.getProperty("project.root", "."));
    switch (input) {
      case "library" -> {
        main = dir.resolve("main_20000_1000.mlir");
        modules = List.of(dir.resolve("lib_20000.mlir"));
      }
      case "blob" -> {
        main = dir.resolve("blob_main_50.mlir");
        modules = List.of(dir.resolve("blob_50.mlir"));
      }
      case "moe" -> {
        main = root.resolve("components/moe/moe_ffn_block.mlir");
        modules = List.of(
            root.resolve("components/moe/mul_mat_id.mlir"),
            root.resolve("components/activation/swiglu.mlir"));
      }
      default -> throw new IllegalArgumentException(input);
    }
  }

  @Benchmark
  public void link() throws IOException {
    InProcessLink.link(main, modules);
  }
}
