package org.mlirlink.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mlirlink.read.bytecode.BytecodeStructure;
import org.mlirlink.read.bytecode.BytecodeStructure.OperationName;
import org.mlirlink.read.bytecode.BytecodeStructure.Section;
import org.mlirlink.testing.IreeTools;
import org.mlirlink.testing.MlirTools;

/**
 * The table's layouts are the ones the release writes: programs are turned into bytecode by the
 * release's {@code iree-opt --emit-bytecode}, and every op's properties blob is read with its row
 * (the attributes in order, each required one as an index, each optional one as an index with a
 * presence bit; then the native properties as their encodings say; then the segment sizes as small
 * arrays). A blob must be read to its exact end.
 *
 * <p>The project's MoE component is always checked. With a checkout of IREE's sources ({@code
 * -Dmlirlink.iree.source=DIR}) so are the test files of the dialects the table has from IREE's
 * {@code .td} files, split at {@code // -----} (a part the release no longer parses is passed over:
 * those files are of another commit).
 */
class OpTableBytecodeTest {
  /** Test folders of the dialects read from IREE's .td files, from the checkout's root. */
  private static final List<String> IREE_TEST_DIRS =
      List.of(
          "compiler/src/iree/compiler/Dialect/LinalgExt",
          "compiler/src/iree/compiler/Dialect/Encoding",
          "compiler/src/iree/compiler/Codegen/Dialect/VectorExt",
          "compiler/src/iree/compiler/Codegen/Dialect/PCF",
          "compiler/src/iree/compiler/Codegen/Dialect/Codegen",
          "compiler/src/iree/compiler/Dialect/VMVX",
          "compiler/src/iree/compiler/Modules",
          "compiler/plugins/input/StableHLO",
          "compiler/plugins/input/Torch");

  @Test
  void theMoeComponentsPropertiesReadWithTheTable() throws IOException {
    Path root = MlirTools.projectRoot();
    List<Path> files;
    try (Stream<Path> list = Files.list(root.resolve("components/moe"))) {
      files = list.filter(p -> p.toString().endsWith(".mlir")).sorted().toList();
    }
    Report report = new Report();
    for (Path file : files) {
      byte[] bytecode = emitBytecode(Files.readString(file, StandardCharsets.UTF_8));
      assertTrue(bytecode != null, file + " does not parse");
      report.check(file.getFileName().toString(), bytecode);
    }
    assertTrue(report.ops.containsKey("iree_linalg_ext.topk"), "topk was read: " + report.ops);
    assertEquals(List.of(), report.failures, report.summary());
  }

  /**
   * Ops of dialects with Python bindings that hold native properties, which the bindings do not
   * show: without the table's last field their blobs would read wrong.
   */
  @Test
  void nativePropertiesReadWithTheTable() throws IOException {
    String program =
        """
        func.func @f(%a: index, %b: index) -> index {
          %0 = affine.linearize_index disjoint [%a, %b] by (2, 3) : index
          return %0 : index
        }
        llvm.func @g(%x: i32, %p: !llvm.ptr) -> !llvm.ptr {
          %0 = llvm.add %x, %x overflow<nsw> : i32
          %1 = llvm.getelementptr inbounds %p[%0] : (!llvm.ptr, i32) -> !llvm.ptr, f32
          llvm.return %1 : !llvm.ptr
        }
        """;
    byte[] bytecode = emitBytecode(program);
    assertTrue(bytecode != null, "the release does not parse the program");
    Report report = new Report();
    report.check("native properties", bytecode);
    for (String op : List.of("affine.linearize_index", "llvm.add", "llvm.getelementptr")) {
      assertTrue(report.ops.containsKey(op), op + " has no properties: " + report.ops);
    }
    assertEquals(List.of(), report.failures, report.summary());
  }

  /**
   * Symbol ops of dialects read from LLVM 22's {@code .td} files: the release stores their {@code
   * sym_visibility} inherent, which LLVM 22's files do not say (see {@code
   * OpTableTd.addSymbolAttributes}).
   */
  @Test
  void symbolOpsOfDialectsReadFromTdFilesReadWithTheTable() throws IOException {
    String program =
        """
        ml_program.global private mutable @g(dense<4> : tensor<4xi32>) : tensor<4xi32>
        ml_program.func @mf(%a: i32) -> i32 {
          ml_program.return %a : i32
        }
        emitc.func @ef(%a: i32) -> i32 {
          emitc.return %a : i32
        }
        spirv.module Logical GLSL450 {
          spirv.func @sf() -> () "None" {
            spirv.Return
          }
        }
        pdl_interp.func @matcher(%root: !pdl.operation) {
          pdl_interp.finalize
        }
        func.func @b(%t: tensor<4xf32>) -> memref<4xf32> {
          %0 = bufferization.to_buffer %t : tensor<4xf32> to memref<4xf32>
          %u = ub.poison : i32
          return %0 : memref<4xf32>
        }
        """;
    byte[] bytecode = emitBytecode(program);
    assertTrue(bytecode != null, "the release does not parse the program");
    Report report = new Report();
    report.check("symbol ops", bytecode);
    for (String op : List.of("emitc.func", "spirv.module", "spirv.func", "pdl_interp.func")) {
      assertTrue(report.ops.containsKey(op), op + " has no properties: " + report.ops);
    }
    assertEquals(List.of(), report.failures, report.summary());
  }

  @Test
  void theTestFilesOfIreesDialectsReadWithTheTable() throws Exception {
    Path source = OpTableGenerator.ireeSource();
    assumeTrue(
        source != null,
        "IREE's test files are not checked: name a checkout with -D"
            + OpTableGenerator.IREE_SOURCE_PROPERTY
            + "=DIR");
    List<String[]> parts = new ArrayList<>();
    for (String dir : IREE_TEST_DIRS) {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(source.resolve(dir))) {
        files =
            walk.filter(p -> p.toString().endsWith(".mlir") && p.toString().contains("/test/"))
                .sorted()
                .toList();
      }
      for (Path file : files) {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String[] chunks = text.split("(?m)^// -----.*$");
        for (int i = 0; i < chunks.length; i++) {
          if (!chunks[i].contains("expected-error")) {
            parts.add(new String[] {source.relativize(file) + "#" + i, chunks[i]});
          }
        }
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<byte[]>> futures = new ArrayList<>();
    for (String[] part : parts) {
      futures.add(pool.submit(() -> emitBytecode(part[1])));
    }
    Report report = new Report();
    int skipped = 0;
    for (int i = 0; i < parts.size(); i++) {
      byte[] bytecode = futures.get(i).get();
      if (bytecode == null) {
        skipped++;
        continue;
      }
      report.check(parts.get(i)[0], bytecode);
    }
    pool.shutdown();
    pool.awaitTermination(1, TimeUnit.MINUTES);
    System.out.println(
        parts.size() + " parts, " + skipped + " not parsed by the release; " + report.summary());
    assertEquals(List.of(), report.failures, report.summary());
  }

  /** The release's bytecode of a program, or null when it does not parse it. */
  static byte[] emitBytecode(String text) throws IOException {
    Path dir = Files.createTempDirectory("op-table-bc");
    try {
      Path in = dir.resolve("in.mlir");
      Path out = dir.resolve("out.mlirbc");
      Files.writeString(in, text, StandardCharsets.UTF_8);
      MlirTools.Run run = IreeTools.emitBytecode(in, out, "--allow-unregistered-dialect");
      return run.ok() && Files.isRegularFile(out) ? Files.readAllBytes(out) : null;
    } finally {
      MlirTools.deleteRecursively(dir);
    }
  }

  /** What was read: the ops met (with how many blobs), and each failure. */
  static final class Report {
    final Map<String, Integer> ops = new TreeMap<>();
    final List<String> failures = new ArrayList<>();
    final Map<String, Integer> unknownProperties = new TreeMap<>();

    void check(String where, byte[] bytecode) throws IOException {
      BytecodeStructure structure = BytecodeStructure.read(bytecode);
      Map<String, List<String>> rows = OpTableGenerator.readRows(table());
      PropertiesWalk walk = new PropertiesWalk(bytecode, structure);
      for (PropertiesWalk.Use use : walk.uses()) {
        OperationName name = structure.operationNames().get(use.opName());
        String op = name.fullName();
        ops.merge(op, 1, Integer::sum);
        if (!name.registered()) {
          continue;
        }
        List<String> row = rows.get(op);
        if (row == null) {
          failures.add(where + ": " + op + ": not in the table");
          continue;
        }
        if (row.get(6).equals(OpTableGenerator.UNKNOWN_PROPERTIES)) {
          unknownProperties.merge(op, 1, Integer::sum);
        }
        String problem = walk.decode(use.properties(), row);
        if (problem != null) {
          failures.add(where + ": " + op + ": " + problem);
        }
      }
    }

    String summary() {
      Map<String, Integer> dialects = new TreeMap<>();
      ops.keySet().forEach(op -> dialects.merge(OpTableGenerator.dialectOf(op), 1, Integer::sum));
      return ops.size()
          + " ops of "
          + dialects
          + " read ("
          + ops.values().stream().mapToInt(Integer::intValue).sum()
          + " blobs); rows with unknown native properties: "
          + unknownProperties.keySet()
          + "; failures: "
          + failures.size()
          + (failures.isEmpty() ? "" : "\n" + String.join("\n", failures));
    }
  }

  private static String table;

  private static synchronized String table() throws IOException {
    if (table == null) {
      table =
          Files.readString(
              MlirTools.projectRoot().resolve(OpTableGenerator.TABLE), StandardCharsets.UTF_8);
    }
    return table;
  }

  /** The ops of a bytecode file that have properties, and a reader of their blobs. */
  static final class PropertiesWalk {
    record Use(int opName, int properties) {}

    private final byte[] bytes;
    private final int version;
    private final int attributeCount;
    private final int stringCount;
    private final List<int[]> blobs = new ArrayList<>();
    private final List<Use> uses = new ArrayList<>();
    private int at;
    private int end;

    PropertiesWalk(byte[] bytes, BytecodeStructure structure) {
      this.bytes = bytes;
      this.version = structure.version();
      this.stringCount = structure.strings().size();
      int[] offsets = structure.extent(Section.ATTR_TYPE_OFFSET);
      at = offsets[0];
      end = offsets[1];
      attributeCount = (int) varInt();
      int[] properties = structure.extent(Section.PROPERTIES);
      if (properties.length > 0 && properties[0] >= 0 && properties[0] < properties[1]) {
        at = properties[0];
        end = properties[1];
        long count = varInt();
        for (long i = 0; i < count; i++) {
          int size = (int) varInt();
          blobs.add(new int[] {at, at + size});
          at += size;
        }
      }
      int[] ir = structure.extent(Section.IR);
      at = ir[0];
      end = ir[1];
      block();
    }

    List<Use> uses() {
      return uses;
    }

    private long varInt() {
      int first = bytes[at++] & 0xFF;
      if ((first & 1) != 0) {
        return first >>> 1;
      }
      if (first == 0) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
          value |= (long) (bytes[at++] & 0xFF) << (8 * i);
        }
        return value;
      }
      int n = Integer.numberOfTrailingZeros(first) + 1;
      long value = first;
      for (int i = 1; i < n; i++) {
        value |= (long) (bytes[at++] & 0xFF) << (8 * i);
      }
      return value >>> n;
    }

    private int readByte() {
      return bytes[at++] & 0xFF;
    }

    /** A block: its header, then its ops. */
    private void block() {
      long opsAndArgs = varInt();
      if ((opsAndArgs & 1) != 0) {
        long args = varInt();
        for (long i = 0; i < args; i++) {
          if (version >= 4) {
            if ((varInt() & 1) != 0) {
              varInt();
            }
          } else {
            varInt();
            varInt();
          }
        }
        if (version >= 3 && readByte() != 0) {
          useListOrders(args);
        }
      }
      for (long i = 0; i < opsAndArgs >>> 1; i++) {
        op();
      }
    }

    private void useListOrders(long values) {
      long lists = values > 1 ? varInt() : 1;
      for (long i = 0; i < lists; i++) {
        if (values > 1) {
          varInt();
        }
        long count = varInt() >>> 1;
        for (long j = 0; j < count; j++) {
          varInt();
        }
      }
    }

    private void op() {
      int name = (int) varInt();
      int flags = readByte();
      varInt(); // location
      if ((flags & 0x01) != 0) {
        varInt();
      }
      if ((flags & 0x40) != 0) {
        uses.add(new Use(name, (int) varInt()));
      }
      long results = 0;
      if ((flags & 0x02) != 0) {
        results = varInt();
        for (long i = 0; i < results; i++) {
          varInt();
        }
      }
      if ((flags & 0x04) != 0) {
        long operands = varInt();
        for (long i = 0; i < operands; i++) {
          varInt();
        }
      }
      if ((flags & 0x08) != 0) {
        long successors = varInt();
        for (long i = 0; i < successors; i++) {
          varInt();
        }
      }
      if ((flags & 0x20) != 0 && version >= 3) {
        useListOrders(results);
      }
      if ((flags & 0x10) != 0) {
        long regionsAndIsolated = varInt();
        long regions = regionsAndIsolated >>> 1;
        boolean isolated = (regionsAndIsolated & 1) != 0;
        int outerEnd = end;
        if (isolated && version >= 2) {
          readByte(); // the IR section's id
          int length = (int) varInt();
          end = at + length;
        }
        for (long i = 0; i < regions; i++) {
          long blocks = varInt();
          if (blocks == 0) {
            continue;
          }
          varInt(); // values
          for (long b = 0; b < blocks; b++) {
            block();
          }
        }
        if (isolated && version >= 2) {
          if (at != end) {
            throw new IllegalStateException("a region's section not read to its end");
          }
          end = outerEnd;
        }
      }
    }

    /** Reads blob {@code index} with {@code row}; null when it is read to its end, else why not. */
    String decode(int index, List<String> row) {
      int[] blob = blobs.get(index);
      at = blob[0];
      end = blob[1];
      try {
        if (!row.get(2).equals("-")) {
          for (String entry : row.get(2).split(",")) {
            String name = entry.substring(0, entry.indexOf(':'));
            long value = varInt();
            if (name.endsWith("?")) {
              if ((value & 1) == 0) {
                if (value != 0) {
                  return name + " is absent yet has an index";
                }
                continue;
              }
              value >>>= 1;
            }
            if (value >= attributeCount) {
              return name + ": attribute " + value + " of " + attributeCount;
            }
          }
        }
        String properties = row.get(6);
        if (!properties.equals("-") && !properties.equals(OpTableGenerator.UNKNOWN_PROPERTIES)) {
          for (String entry : properties.split(",")) {
            String encoding = entry.substring(entry.lastIndexOf(':') + 1);
            String problem = property(encoding);
            if (problem != null) {
              return entry + ": " + problem;
            }
          }
        }
        for (String segments : List.of(row.get(3), row.get(4))) {
          if (segments.equals("-")) {
            continue;
          }
          String problem = sparseArray(segments.length());
          if (problem != null) {
            return problem;
          }
        }
        if (at > end) {
          return "read " + (at - end) + " bytes past the blob's end";
        }
        if (at != end) {
          return (end - at) + " bytes left unread";
        }
        return null;
      } catch (ArrayIndexOutOfBoundsException e) {
        return "read past the file's end";
      }
    }

    private String property(String encoding) {
      if (at >= end) {
        return "the blob ends before it";
      }
      switch (encoding) {
        case "varint" -> varInt();
        case "bool" -> {
          int b = readByte();
          if (b > 1) {
            return "a bool of " + b;
          }
        }
        case "string" -> {
          long s = varInt();
          if (s >= stringCount) {
            return "string " + s + " of " + stringCount;
          }
        }
        default -> {
          if (encoding.startsWith("array-")) {
            long count = varInt();
            for (long i = 0; i < count; i++) {
              String problem = property(encoding.substring("array-".length()));
              if (problem != null) {
                return problem;
              }
            }
          } else if (encoding.startsWith("optional-")) {
            int present = readByte();
            if (present > 1) {
              return "a presence bool of " + present;
            }
            if (present == 1) {
              return property(encoding.substring("optional-".length()));
            }
          } else {
            return "unknown encoding " + encoding;
          }
        }
      }
      return null;
    }

    private String sparseArray(int length) {
      long countAndSparse = varInt();
      long count = countAndSparse >>> 1;
      if ((countAndSparse & 1) == 0) {
        if (count != length) {
          return "segment sizes of " + count + " entries, the op has " + length + " groups";
        }
        for (long i = 0; i < count; i++) {
          varInt();
        }
      } else if (count > 0) {
        long indexBits = varInt();
        for (long i = 0; i < count; i++) {
          long index = varInt() & ((1L << indexBits) - 1);
          if (index >= length) {
            return "a segment size at " + index + ", the op has " + length + " groups";
          }
        }
      }
      return null;
    }
  }
}
