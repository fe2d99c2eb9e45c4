package org.mlirlink.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's {@code .npy} format (version 1.0, little-endian, C order), which {@code iree-run-module}
 * reads with {@code --input=@FILE.npy} and writes with {@code --output=@FILE.npy}: a magic string,
 * a header that is a Python dict literal padded with spaces to a multiple of 64 bytes, then the raw
 * elements.
 *
 * <pre>{@code
 * Npy.write(dir.resolve("x.npy"), Npy.Array.f32(new float[] {1, 2, 3, 4}, 2, 2));
 * float[] values = Npy.read(Files.readAllBytes(out)).floats();
 * }</pre>
 */
public final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

  private Npy() {}

  /**
   * One array: its NumPy type ({@code <f4}, {@code <i4}, {@code <i8}, {@code <f8}, {@code |b1},
   * ...), its shape (empty for a scalar) and its elements as little-endian bytes.
   */
  public record Array(String descr, long[] shape, byte[] data) {
    public static Array f32(float[] values, long... shape) {
      ByteBuffer buffer = buffer(values.length, 4, shape);
      buffer.asFloatBuffer().put(values);
      return new Array("<f4", shape, buffer.array());
    }

    public static Array i32(int[] values, long... shape) {
      ByteBuffer buffer = buffer(values.length, 4, shape);
      buffer.asIntBuffer().put(values);
      return new Array("<i4", shape, buffer.array());
    }

    public static Array i64(long[] values, long... shape) {
      ByteBuffer buffer = buffer(values.length, 8, shape);
      buffer.asLongBuffer().put(values);
      return new Array("<i8", shape, buffer.array());
    }

    private static ByteBuffer buffer(int count, int elementBytes, long[] shape) {
      long elements = Arrays.stream(shape).reduce(1, Math::multiplyExact);
      if (elements != count) {
        throw new IllegalArgumentException(
            count + " values do not fill shape " + Arrays.toString(shape));
      }
      return ByteBuffer.allocate(Math.multiplyExact(count, elementBytes))
          .order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The number of elements (1 for a scalar). */
    public long size() {
      return Arrays.stream(shape).reduce(1, Math::multiplyExact);
    }

    public float[] floats() {
      expect("<f4");
      float[] values = new float[Math.toIntExact(size())];
      ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
      return values;
    }

    public int[] ints() {
      expect("<i4");
      int[] values = new int[Math.toIntExact(size())];
      ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(values);
      return values;
    }

    public long[] longs() {
      expect("<i8");
      long[] values = new long[Math.toIntExact(size())];
      ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(values);
      return values;
    }

    private void expect(String wanted) {
      if (!descr.equals(wanted)) {
        throw new IllegalStateException("array of " + descr + ", not " + wanted);
      }
    }

    @Override
    public String toString() {
      return descr + Arrays.toString(shape) + " (" + data.length + " bytes)";
    }
  }

  /** Parses a {@code .npy} file's bytes; fails on any other version, byte order or layout. */
  public static Array read(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) {
      throw new IllegalArgumentException("not a .npy file");
    }
    int major = bytes[6];
    int headerLength;
    int headerStart;
    if (major == 1) {
      headerLength = Short.toUnsignedInt(in.getShort(8));
      headerStart = 10;
    } else if (major == 2 || major == 3) {
      headerLength = in.getInt(8);
      headerStart = 12;
    } else {
      throw new IllegalArgumentException(".npy version " + major + " is not supported");
    }
    String header =
        new String(bytes, headerStart, headerLength, StandardCharsets.ISO_8859_1).trim();
    String descr = group(DESCR, header, "descr");
    if (group(FORTRAN, header, "fortran_order").equals("True")) {
      throw new IllegalArgumentException("Fortran-ordered .npy is not supported");
    }
    if (descr.startsWith(">")) {
      throw new IllegalArgumentException("big-endian .npy is not supported: " + descr);
    }
    List<Long> dims = new ArrayList<>();
    for (String dim : group(SHAPE, header, "shape").split(",")) {
      if (!dim.isBlank()) {
        dims.add(Long.parseLong(dim.trim()));
      }
    }
    long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
    byte[] data = Arrays.copyOfRange(bytes, headerStart + headerLength, bytes.length);
    return new Array(descr, shape, data);
  }

  /** The bytes of a version 1.0 {@code .npy} file holding {@code array}. */
  public static byte[] bytes(Array array) {
    StringBuilder dims = new StringBuilder();
    for (long dim : array.shape()) {
      dims.append(dims.length() == 0 ? "" : ", ").append(dim);
    }
    if (array.shape().length == 1) {
      dims.append(','); // a Python 1-tuple
    }
    String dict =
        "{'descr': '" + array.descr() + "', 'fortran_order': False, 'shape': (" + dims + "), }";
    // Magic (6) + version (2) + length (2) + dict + newline, padded to a multiple of 64.
    int unpadded = 10 + dict.length() + 1;
    int padding = (64 - unpadded % 64) % 64;
    String header = dict + " ".repeat(padding) + "\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(MAGIC);
    out.write(1);
    out.write(0);
    out.write(header.length() & 0xff);
    out.write(header.length() >>> 8);
    out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(array.data());
    return out.toByteArray();
  }

  /** Writes {@code array} to {@code file} as a {@code .npy}; returns the file. */
  public static Path write(Path file, Array array) {
    try {
      Files.write(file, bytes(array));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String group(Pattern pattern, String header, String key) {
    Matcher matcher = pattern.matcher(header);
    if (!matcher.find()) {
      throw new IllegalArgumentException(".npy header has no '" + key + "': " + header);
    }
    return matcher.group(1);
  }
}
