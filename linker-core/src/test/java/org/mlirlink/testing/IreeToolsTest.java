package org.mlirlink.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The oracle's own plumbing, checked against the real IREE tools: what Java writes as {@code .npy}
 * is what {@code iree-run-module} reads, what it writes back Java reads bit for bit, and a module
 * is compiled once however often it is asked for.
 */
class IreeToolsTest {
  private static final String ECHO =
      """
      module @echo {
        util.func public @swap(%n: i32, %t: tensor<2x3xf32>, %w: tensor<3xi64>) -> (tensor<2x3xf32>, tensor<3xi64>, i32) {
          util.return %t, %w, %n : tensor<2x3xf32>, tensor<3xi64>, i32
        }
      }
      """;

  @Test
  void npyInputsComeBackBitForBit(@TempDir Path dir) {
    // NaN payloads, negative zero and subnormals must survive: results compare bit for bit.
    float[] values = {1.5f, -0.0f, Float.intBitsToFloat(0x7fc01234), Float.MIN_VALUE, -3e38f, 42f};
    Path t = Npy.write(dir.resolve("t.npy"), Npy.Array.f32(values, 2, 3));
    Path w = Npy.write(dir.resolve("w.npy"), Npy.Array.i64(new long[] {-1, Long.MAX_VALUE, 7}, 3));
    Path vmfb = IreeTools.compile(ECHO).require("the echo module");
    IreeTools.Results out = IreeTools.runModule(vmfb, "swap", List.of("-9", "@" + t, "@" + w), 3);

    Npy.Array tensor = out.get(0);
    assertEquals("<f4", tensor.descr());
    assertArrayEquals(new long[] {2, 3}, tensor.shape());
    float[] back = tensor.floats();
    for (int i = 0; i < values.length; i++) {
      assertEquals(
          Float.floatToRawIntBits(values[i]), Float.floatToRawIntBits(back[i]), "element " + i);
    }
    assertArrayEquals(new long[] {-1, Long.MAX_VALUE, 7}, out.get(1).longs());
    Npy.Array scalar = out.get(2);
    assertArrayEquals(new long[0], scalar.shape());
    assertArrayEquals(new int[] {-9}, scalar.ints());
  }

  @Test
  void javaWritesTheSameHeaderLayoutAsIree(@TempDir Path dir) throws IOException {
    // iree-run-module's own .npy of a 1-d f32 tensor, re-encoded by Java, is the same file.
    Path vmfb = IreeTools.compile(ECHO).require("the echo module");
    Path t = Npy.write(dir.resolve("t.npy"), Npy.Array.f32(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
    Path w = Npy.write(dir.resolve("w.npy"), Npy.Array.i64(new long[] {1, 2, 3}, 3));
    IreeTools.Results out = IreeTools.runModule(vmfb, "swap", List.of("1", "@" + t, "@" + w), 3);
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(out.npy().get(i), Npy.bytes(out.get(i)), "result " + i);
    }
    assertArrayEquals(Files.readAllBytes(t), Npy.bytes(Npy.read(Files.readAllBytes(t))));
  }

  @Test
  void aModuleIsCompiledOnce() throws IOException {
    IreeTools.Compiled first = IreeTools.compile(ECHO);
    long written = Files.getLastModifiedTime(first.require("echo")).toMillis();
    IreeTools.Compiled second = IreeTools.compile(ECHO);
    assertEquals(first.vmfb(), second.vmfb());
    assertEquals(written, Files.getLastModifiedTime(second.vmfb()).toMillis());
  }

  @Test
  void aRejectedModuleReportsTheCompilersErrors() {
    IreeTools.Compiled rejected =
        IreeTools.compile("module {\n  util.func public @f() -> i32 {\n    util.return\n  }\n}\n");
    assertFalse(rejected.ok());
    assertTrue(rejected.errors().contains("error:"), rejected.errors());
  }
}
