package org.mlirlink.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The ways real MLIR files go wrong, as mutations of their bytes for fuzz tests: cut short, a byte
 * flipped, a '}' or '"' deleted, a '{' or '@' inserted, a line doubled, two files spliced, a piece
 * nested deeply.
 *
 * <pre>{@code
 * Random random = new Random(seed);
 * byte[] mutant = Mutation.SPLICE_TWO_FILES.apply(file, otherFile, random);
 * }</pre>
 */
public enum Mutation {
  TRUNCATE {
    @Override
    public byte[] apply(byte[] in, byte[] other, Random random) {
      return Arrays.copyOf(in, random.nextInt(in.length + 1));
    }
  },
  FLIP_A_BYTE {
    @Override
    public byte[] apply(byte[] in, byte[] other, Random random) {
      byte[] out = in.clone();
      if (out.length > 0) {
        out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
      }
      return out;
    }
  },
  DELETE_A_BRACE_OR_QUOTE {
    @Override
    public byte[] apply(byte[] in, byte[] other, Random random) {
      byte target = random.nextBoolean() ? (byte) '}' : (byte) '"';
      List<Integer> at = positionsOf(in, target);
      if (at.isEmpty()) {
        return in;
      }
      int i = at.get(random.nextInt(at.size()));
      byte[] out = new byte[in.length - 1];
      System.arraycopy(in, 0, out, 0, i);
      System.arraycopy(in, i + 1, out, i, in.length - i - 1);
      return out;
    }
  },
  INSERT_A_BRACE_OR_AT {
    @Override
    public byte[] apply(byte[] in, byte[] other, Random random) {
      return insert(
          in,
          random.nextInt(in.length + 1),
          new byte[] {random.nextBoolean() ? (byte) '{' : (byte) '@'});
    }
  },
  DUPLICATE_A_LINE {
    @Override
    public byte[] apply(byte[] in, byte[] other, Random random) {
      List<Integer> starts = new ArrayList<>(List.of(0));
      for (int i = 0; i < in.length; i++) {
        if (in[i] == '\n' && i + 1 < in.length) {
          starts.add(i + 1);
        }
      }
      int line = random.nextInt(starts.size());
      int start = starts.get(line);
      int end = line + 1 < starts.size() ? starts.get(line + 1) : in.length;
      return insert(in, end, Arrays.copyOfRange(in, start, end));
    }
  },
  SPLICE_TWO_FILES {
    @Override
    public byte[] apply(byte[] in, byte[] other, Random random) {
      int cut = random.nextInt(in.length + 1);
      int from = random.nextInt(other.length + 1);
      byte[] out = Arrays.copyOf(in, cut + other.length - from);
      System.arraycopy(other, from, out, cut, other.length - from);
      return out;
    }
  },
  NEST_DEEPLY {
    @Override
    public byte[] apply(byte[] in, byte[] other, Random random) {
      int depth = 1 + random.nextInt(3000);
      String open = random.nextBoolean() ? "module {\n" : "tuple<";
      String close = open.startsWith("module") ? "}\n" : ">";
      int at = random.nextInt(in.length + 1);
      byte[] prefix = open.repeat(depth).getBytes(StandardCharsets.UTF_8);
      byte[] suffix = close.repeat(random.nextInt(depth + 1)).getBytes(StandardCharsets.UTF_8);
      return insert(
          insert(in, at, prefix), at + prefix.length + random.nextInt(in.length - at + 1), suffix);
    }
  };

  /** The mutant of {@code in}; {@code other} is a second file, for splicing. */
  public abstract byte[] apply(byte[] in, byte[] other, Random random);

  private static List<Integer> positionsOf(byte[] in, byte target) {
    List<Integer> at = new ArrayList<>();
    for (int i = 0; i < in.length; i++) {
      if (in[i] == target) {
        at.add(i);
      }
    }
    return at;
  }

  private static byte[] insert(byte[] in, int at, byte[] piece) {
    byte[] out = new byte[in.length + piece.length];
    System.arraycopy(in, 0, out, 0, at);
    System.arraycopy(piece, 0, out, at, piece.length);
    System.arraycopy(in, at, out, at + piece.length, in.length - at);
    return out;
  }

  /**
   * One mutant of a seeded run: its bytes, and how it was made, for a failure message that says how
   * to repeat the run ({@code -Dmlirlink.fuzz.seed=N}).
   */
  public record Mutant(byte[] bytes, String description) {}

  /** Draws the {@code index}th mutant of a run: a mutation of a file of {@code corpus}. */
  public static Mutant draw(
      Random random, long seed, int index, List<Path> corpus, List<byte[]> files) {
    int pick = random.nextInt(files.size());
    Mutation mutation = values()[random.nextInt(values().length)];
    byte[] bytes = mutation.apply(files.get(pick), files.get(random.nextInt(files.size())), random);
    return new Mutant(
        bytes,
        "mutant "
            + index
            + " of seed "
            + seed
            + " (-Dmlirlink.fuzz.seed="
            + seed
            + "): "
            + mutation
            + " of "
            + corpus.get(pick));
  }

  /** Every {@code .mlir} file of {@code testdata/} and {@code components/}, in path order. */
  public static List<Path> corpus() {
    Path root = MlirTools.projectRoot();
    List<Path> files = new ArrayList<>();
    for (String dir : List.of("testdata", "components")) {
      try (Stream<Path> walk = Files.walk(root.resolve(dir))) {
        walk.filter(p -> p.toString().endsWith(".mlir")).sorted().forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }
}
