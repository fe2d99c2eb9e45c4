package org.mlirlink.read.bytecode;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlirlink.LinkResult;
import org.mlirlink.Linker;
import org.mlirlink.Source;
import org.mlirlink.diagnostic.Diagnostic;
import org.mlirlink.testing.IreeTools;
import org.mlirlink.testing.MlirTools;

/**
 * Mutates real bytecode (the components and the link cases' inputs, written by {@code iree-opt
 * --emit-bytecode} at versions 6 and 4) the ways a file goes bad: cut short, bits flipped, a varint
 * made longer or huge, bytes dropped or repeated. The reader must answer each mutant with text or a
 * {@link MalformedBytecodeException}, never another exception, a hang or a runaway allocation; a
 * link of the mutant must fail with one diagnostic or succeed, never throw.
 *
 * <p>Seeded: {@code -Dmlirlink.fuzz.seed=N} repeats a run, {@code -Dmlirlink.fuzz.mutants=N} sets
 * how many mutants (default {@value #DEFAULT_MUTANTS}).
 */
class BytecodeFuzzTest {
  static final int DEFAULT_MUTANTS = 3000;

  @TempDir Path temp;

  @Test
  void mutantsOfRealBytecodeAreReadOrRefusedCleanly() throws IOException {
    fuzz(
        Long.getLong("mlirlink.fuzz.seed", System.nanoTime()),
        Integer.getInteger("mlirlink.fuzz.mutants", DEFAULT_MUTANTS));
  }

  /**
   * Runs that once failed, replayed: seed 34143669162563's mutant 2684 gave an op's properties
   * index as a nine-byte varint that reads as a negative number, which passed the bounds check.
   */
  @Test
  void seedsThatOnceFoundABugStillPass() throws IOException {
    fuzz(34143669162563L, 2685);
  }

  private void fuzz(long seed, int mutants) throws IOException {
    List<byte[]> files = corpus();
    Random random = new Random(seed);
    int refused = 0;
    for (int i = 0; i < mutants; i++) {
      byte[] original = files.get(random.nextInt(files.size()));
      String[] how = new String[1];
      byte[] mutant = mutate(random, original, how);
      String what = "seed " + seed + ", mutant " + i + " (" + how[0] + ")";
      try {
        BytecodeReader.toText(mutant);
      } catch (MalformedBytecodeException expected) {
        refused++;
      } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
        Path saved = temp.resolve("mutant-" + i + ".mlirbc");
        Files.write(saved, mutant);
        throw new AssertionError(what + ": " + e, e);
      }
      LinkResult result = Linker.builder().main(Source.of("m.mlirbc", mutant)).build().link();
      if (!result.succeeded()) {
        List<Diagnostic> diagnostics = result.diagnostics();
        if (diagnostics.isEmpty()
            || diagnostics.get(0).message().startsWith("internal error")
            || result.formattedDiagnostics().contains("Exception")) {
          fail(what + ": " + result.formattedDiagnostics());
        }
      }
    }
    assertTrue(refused > mutants / 2, refused + " of " + mutants + " refused");
  }

  private static byte[] mutate(Random random, byte[] original, String[] how) {
    byte[] bytes = original.clone();
    int at = 4 + random.nextInt(Math.max(1, bytes.length - 4));
    switch (random.nextInt(6)) {
      case 0 -> {
        how[0] = "cut at " + at;
        return Arrays.copyOf(bytes, at);
      }
      case 1 -> {
        int bit = random.nextInt(8);
        how[0] = "bit " + bit + " of byte " + at + " flipped";
        bytes[Math.min(at, bytes.length - 1)] ^= (byte) (1 << bit);
        return bytes;
      }
      case 2 -> {
        how[0] = "byte " + at + " made a nine-byte varint's first byte";
        bytes[Math.min(at, bytes.length - 1)] = 0;
        return bytes;
      }
      case 3 -> {
        how[0] = "byte " + at + " set to 0xFF";
        bytes[Math.min(at, bytes.length - 1)] = (byte) 0xFF;
        return bytes;
      }
      case 4 -> {
        how[0] = "byte " + at + " dropped";
        byte[] out = new byte[bytes.length - 1];
        int cut = Math.min(at, bytes.length - 1);
        System.arraycopy(bytes, 0, out, 0, cut);
        System.arraycopy(bytes, cut + 1, out, cut, bytes.length - cut - 1);
        return out;
      }
      default -> {
        how[0] = "byte " + at + " repeated";
        byte[] out = new byte[bytes.length + 1];
        int cut = Math.min(at, bytes.length - 1);
        System.arraycopy(bytes, 0, out, 0, cut + 1);
        System.arraycopy(bytes, cut, out, cut + 1, bytes.length - cut);
        return out;
      }
    }
  }

  /** The bytecode of every component and of some link cases' inputs, at versions 6 and 4. */
  private List<byte[]> corpus() throws IOException {
    List<Path> sources = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(MlirTools.projectRoot().resolve("components"))) {
      walk.filter(p -> p.toString().endsWith(".mlir")).sorted().forEach(sources::add);
    }
    for (String name :
        List.of(
            "executables-renamed-with-their-exports/lib1.mlir",
            "resources-merged-with-key-collision/main.mlir",
            "calls-in-scf-for/main.mlir",
            "device-global-shared-at-the-stream-phase/main.mlir")) {
      Path file = MlirTools.projectRoot().resolve("testdata/link").resolve(name);
      if (Files.exists(file)) {
        sources.add(file);
      }
    }
    List<byte[]> files = new ArrayList<>();
    for (Path source : sources) {
      for (int version : new int[] {6, 4}) {
        Path out = temp.resolve(source.getFileName() + "." + version + ".mlirbc");
        MlirTools.Run run =
            IreeTools.emitBytecode(source, out, "--emit-bytecode-version=" + version);
        if (run.ok()) {
          byte[] bytes = Files.readAllBytes(out);
          try {
            BytecodeReader.toText(bytes);
            files.add(bytes);
          } catch (MalformedBytecodeException unreadable) {
            // an op the table lacks: not a file to mutate
          }
        }
      }
    }
    assertTrue(files.size() >= 6, files.size() + " files");
    return files;
  }
}
