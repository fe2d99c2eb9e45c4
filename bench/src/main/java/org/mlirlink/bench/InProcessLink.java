package org.mlirlink.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mlirlink.LinkResult;
import org.mlirlink.Linker;
import org.mlirlink.Source;

/**
 * Times the in-process link, warm: links the same inputs {@code WARMUP} times, then {@code RUNS}
 * times, and prints the minimum, median and maximum milliseconds of the measured runs and the
 * median throughput over the input bytes. The output goes to a null writer, so writing is timed
 * but no disk is.
 *
 * <pre>{@code
 * java -cp bench.jar org.mlirlink.bench.InProcessLink 5 10 main.mlir lib.mlir
 * # ms min 41.2 median 43.0 max 47.9  MB/s 302.3  bytes 13001234
 * }</pre>
 */
public final class InProcessLink {
  private InProcessLink() {}

  public static void main(String[] args) throws IOException {
    int warmup = Integer.parseInt(args[0]);
    int runs = Integer.parseInt(args[1]);
    Path main = Path.of(args[2]);
    List<Path> modules = new ArrayList<>();
    long bytes = Files.size(main);
    for (int i = 3; i < args.length; i++) {
      modules.add(Path.of(args[i]));
      bytes += Files.size(Path.of(args[i]));
    }
    for (int i = 0; i < warmup; i++) {
      link(main, modules);
    }
    double[] millis = new double[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      link(main, modules);
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(millis);
    double median = millis[runs / 2];
    System.out.printf(
        "ms min %.1f median %.1f max %.1f  MB/s %.1f  bytes %d%n",
        millis[0], median, millis[runs - 1], bytes / 1e6 / (median / 1e3), bytes);
  }

  static void link(Path main, List<Path> modules) throws IOException {
    Linker.Builder builder = Linker.builder().main(Source.of(main));
    for (Path module : modules) {
      builder.linkModule(Source.of(module));
    }
    LinkResult result = builder.build().link();
    if (!result.succeeded()) {
      throw new IllegalStateException(result.formattedDiagnostics());
    }
    try (Writer sink = Writer.nullWriter()) {
      result.writeTo(sink);
    }
  }
}
