package org.mlirlink.write.bytecode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.mlirlink.LinkResult;
import org.mlirlink.Linker;
import org.mlirlink.Source;
import org.mlirlink.diagnostic.DiagnosticException;
import org.mlirlink.model.SourceText;
import org.mlirlink.read.bytecode.BytecodeStructure;
import org.mlirlink.read.bytecode.BytecodeStructure.Section;
import org.mlirlink.testing.IreeTools;
import org.mlirlink.testing.MlirTools;

/**
 * The bytecode our writer makes, read by the real IREE tools ({@link IreeTools#VERSION}):
 *
 * <ul>
 *   <li>{@code iree-opt} prints it exactly as it prints the generic text it was written from
 *       ({@code --mlir-print-op-generic --mlir-print-debuginfo}), and writes the same bytecode from
 *       both ({@code --emit-bytecode}: the same IR, down to the order of each value's uses): every
 *       {@code .mlir} of {@code components/} and {@code testdata/} that {@code iree-opt} parses,
 *       the MoE components linked by our linker, that program lowered to the {@code flow}, {@code
 *       stream} and {@code hal} phases, and programs made to hold what is rare (resources of every
 *       kind, locations of every kind, distinct attributes, blocks and successors);
 *   <li>{@code iree-link} links it as the main module exactly as it links the text;
 *   <li>{@code iree-compile} compiles it to the same {@code .vmfb}, byte for byte, as the bytecode
 *       {@code iree-opt --emit-bytecode} writes for the same text.
 * </ul>
 *
 * <p>The files of a failing check are kept under {@code target/bytecode-writer/}.
 */
class BytecodeWriterIreeTest {
  private static final Path KEPT = Path.of("target", "bytecode-writer").toAbsolutePath();

  @TempDir static Path temp;

  private static Path opt;

  @BeforeAll
  static void tools() {
    opt = IreeTools.require("iree-opt");
  }

  // ------------------------------------------------------------------ iree-opt prints the same

  @TestFactory
  Stream<DynamicTest> everyFileIreeOptParsesPrintsTheSameFromOurBytecode() throws IOException {
    List<Path> files = new ArrayList<>();
    Path root = MlirTools.projectRoot();
    for (String dir : List.of("components", "testdata")) {
      try (Stream<Path> walk = Files.walk(root.resolve(dir))) {
        walk.filter(p -> p.toString().endsWith(".mlir"))
            .filter(p -> !p.getFileName().toString().startsWith("expected"))
            .sorted()
            .forEach(files::add);
      }
    }
    List<DynamicTest> tests = new ArrayList<>();
    for (Path file : files) {
      String name = root.relativize(file).toString();
      MlirTools.Run generic = printGeneric(file);
      if (generic.ok()) { // a file iree-opt rejects has no generic form to write
        tests.add(DynamicTest.dynamicTest(name, () -> roundTrip(name, generic.stdout())));
      }
    }
    assertTrue(tests.size() >= 140, tests.size() + " files parsed");
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> theLinkedMoeProgramPrintsTheSameAtEveryPhase() {
    String linked = linkedMoe();
    List<DynamicTest> tests = new ArrayList<>();
    tests.add(DynamicTest.dynamicTest("linked", () -> roundTrip("moe", generic("moe", linked))));
    for (String phase : List.of("flow", "stream", "hal")) {
      tests.add(
          DynamicTest.dynamicTest(
              phase,
              () -> {
                IreeTools.Lowered lowered = IreeTools.compileTo(linked, phase);
                assertTrue(lowered.ok(), lowered.errors());
                roundTrip("moe-" + phase, generic("moe-" + phase, lowered.text()));
              }));
    }
    return tests.stream();
  }

  /**
   * Resources of every kind: quoted keys, blobs of two alignments, a key the IR names and the text
   * does not hold, a key nothing names, resources inside an array and a dictionary, externals.
   * (Blobs aligned to at most 16: iree-opt reads a small file into memory aligned to 16 bytes and
   * may refuse a section that needs more, from our writer and from its own {@code --emit-bytecode}
   * alike; see {@link #theResourceSectionIsTheOneIreeOptWrites}.)
   */
  @Test
  void resourcesOfEveryKindPrintTheSame() throws IOException {
    roundTrip(
        "resources",
        generic(
            "resources",
            """
            module {
              util.global private @w = dense_resource<blob1> : tensor<4xf32>
              util.global private @q = dense_resource<"blob 2"> : tensor<2xi8>
              util.global private @e = dense_resource<__elided__> : tensor<3xi8>
              func.func @f() -> tensor<4xf32> attributes {all = [dense_resource<blob1> : tensor<4xf32>, {k = dense_resource<"blob 2"> : tensor<2xi8>}]} {
                %c = arith.constant dense_resource<blob1> : tensor<4xf32>
                return %c : tensor<4xf32>
              }
            }
            {-#
              dialect_resources: {
                builtin: {
                  blob1: "0x040000000000803F0000004000004040000080C0",
                  "blob 2": "0x100000000102",
                  unused: "0x1000000000"
                }
              },
              external_resources: {
                mlir_reproducer: {
                  pipeline: "builtin.module(canonicalize)",
                  disable_threading: true,
                  verify_each: false
                }
              }
            #-}
            """));
  }

  /**
   * The Resource section, blobs aligned to 4, 16 and 64 bytes and external resources (no string,
   * whose string index would depend on the String section), is byte for byte the one {@code
   * iree-opt --emit-bytecode} writes for the same text: the same entries, the same padding, the
   * section at the same alignment from the start of the file. (Whether a tool can then read a blob
   * aligned to more than 16 bytes from a small file depends on where its allocator puts the file in
   * memory, for its own bytecode as for ours.)
   */
  @Test
  void theResourceSectionIsTheOneIreeOptWrites() throws IOException {
    String generic =
        generic(
            "resource-section",
            """
            module {
              util.global private @a = dense_resource<a> : tensor<3xi8>
              util.global private @b = dense_resource<b> : tensor<1xi32>
              util.global private @c = dense_resource<"c c"> : tensor<2xi8>
            }
            {-#
              dialect_resources: {
                builtin: {
                  a: "0x40000000010203",
                  b: "0x0400000001000000",
                  "c c": "0x100000000102"
                }
              },
              external_resources: {
                mlir_reproducer: {
                  disable_threading: true,
                  verify_each: false
                }
              }
            #-}
            """);
    Path work = Files.createDirectories(temp.resolve("resource-section"));
    Path ours = writeOurs(work, "ours", generic);
    Path text = work.resolve("text.mlir");
    Files.writeString(text, generic, StandardCharsets.UTF_8);
    Path theirs = work.resolve("theirs.mlirbc");
    run(List.of(opt.toString(), "--emit-bytecode", text.toString(), "-o", theirs.toString()));
    byte[] ourBytes = Files.readAllBytes(ours);
    byte[] theirBytes = Files.readAllBytes(theirs);
    int[] ourSection = BytecodeStructure.read(ourBytes).extent(Section.RESOURCE);
    int[] theirSection = BytecodeStructure.read(theirBytes).extent(Section.RESOURCE);
    assertEquals(0, ourSection[0] % 64, "the section starts at a multiple of 64");
    assertEquals(
        HexFormat.of().formatHex(Arrays.copyOfRange(theirBytes, theirSection[0], theirSection[1])),
        HexFormat.of().formatHex(Arrays.copyOfRange(ourBytes, ourSection[0], ourSection[1])));
  }

  /** A blob of several megabytes comes back whole, at its alignment. */
  @Test
  void aMultiMegabyteBlobPrintsTheSame() throws IOException {
    int size = 5 << 20;
    StringBuilder hex = new StringBuilder(2 * size + 8).append("10000000");
    for (int i = 0; i < size; i++) {
      int b = (i * 131 + (i >>> 11)) & 0xFF;
      hex.append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
          .append(Character.toUpperCase(Character.forDigit(b & 15, 16)));
    }
    String text =
        "module {\n  util.global private @big = dense_resource<big> : tensor<"
            + size
            + "xi8>\n}\n{-#\n  dialect_resources: {\n    builtin: {\n      big: \"0x"
            + hex
            + "\"\n    }\n  }\n#-}\n";
    roundTrip("big-blob", generic("big-blob", text));
  }

  /** Locations of every kind, used as locations and as attributes, through aliases. */
  @Test
  void locationsAndDistinctAttributesPrintTheSame() throws IOException {
    String text =
        """
        "builtin.module"() ({
          "test.a"() {l = loc("x.mlir":1:2), big = loc(fused<"meta">["a":1:2, "b":3:4 to 5:6])} : () -> () loc(fused["a.mlir":1:2, callsite("f"("a.mlir":1:2) at "b.mlir":3:4)])
          "test.b"() : () -> () loc(callsite(callsite("g"("c.mlir":7:8) at "f"("a.mlir":1:2)) at fused<"m">["b.mlir":3:4, unknown]))
          "test.c"() : () -> () loc("only a name")
          "test.d"() {d = distinct[0]<"x">, e = [distinct[0]<"x">, distinct[1]<>]} : () -> () loc(unknown)
          "test.e"() {d = distinct[0]<"x">, f = #test.opaque<"body">} : () -> ()
        }) : () -> () loc("m.mlir":1:1)
        """;
    roundTrip("locations", generic("locations", text, "--allow-unregistered-dialect"), true);
  }

  /**
   * Blocks, successors, multi-result ops, empty regions, values used before their definition (in
   * nested regions, and several times in one op: their use lists are the hardest to get the
   * parser's order of), and names used again in sibling regions and sibling functions (whose
   * numbering starts again).
   */
  @Test
  void blocksAndValueNamesPrintTheSame() throws IOException {
    String text =
        """
        #map = affine_map<(d0, d1) -> (d0 floordiv 4, d1 mod 3)>
        #set = affine_set<(d0) : (d0 - 1 >= 0, d0 == 2)>
        "builtin.module"() ({
          "func.func"() <{function_type = (i32) -> i32, sym_name = "f"}> ({
          ^bb0(%a: i32):
            %r:2 = "test.two"(%a) {m = #map, s = #set, u, "q k" = "v\\"x"} : (i32) -> (i32, i32)
            "cf.br"(%r#1)[^bb2] : (i32) -> ()
          ^bb1(%x: i32):
            "test.region"(%x, %late) ({
              "test.use"(%late, %x, %late) : (i32, i32, i32) -> ()
              "test.use"(%x, %a) : (i32, i32) -> ()
            }, {
            }, {
            ^bb0(%z: f32):
              %w = "test.def"(%z) : (f32) -> f32
              "test.use"(%w, %x, %late, %w) : (f32, i32, i32, f32) -> ()
            }, {
            ^bb0(%z: f32, %w: f32):
              "test.use"(%w, %z) : (f32, f32) -> ()
            }) : (i32, i32) -> ()
            "test.use"(%late, %late) : (i32, i32) -> ()
            "func.return"(%late) : (i32) -> ()
          ^bb2(%y: i32):
            %late = "test.def"(%y) : (i32) -> i32
            "test.use"(%late, %a, %y) : (i32, i32, i32) -> ()
            "cf.br"(%late)[^bb1] : (i32) -> ()
          ^bb3(%x2: i32):
            "test.use"(%late, %a, %x2) : (i32, i32, i32) -> ()
            "func.return"(%late) : (i32) -> ()
          }) : () -> ()
          "func.func"() <{function_type = (i32) -> i32, sym_name = "g"}> ({
          ^bb0(%a: i32):
            %r = "test.def"(%a) : (i32) -> i32
            "func.return"(%r) : (i32) -> ()
          }) : () -> ()
        }) : () -> ()
        """;
    roundTrip("blocks", generic("blocks", text, "--allow-unregistered-dialect"), true);
  }

  // ------------------------------------------------------------------ iree-link links the same

  @TestFactory
  Stream<DynamicTest> ireeLinkLinksOurBytecodeAsItLinksTheText() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    Path components = MlirTools.projectRoot().resolve("components");
    tests.add(
        DynamicTest.dynamicTest(
            "moe",
            () ->
                linksTheSame(
                    "moe",
                    components.resolve("moe"),
                    components.resolve("moe/moe_ffn_block.mlir"),
                    List.of(
                        "--link-module=" + components.resolve("moe/mul_mat_id.mlir"),
                        "--link-module=" + components.resolve("activation/swiglu.mlir")))));
    List<Path> cases;
    try (Stream<Path> list = Files.list(MlirTools.projectRoot().resolve("testdata/link"))) {
      cases = list.filter(d -> Files.exists(d.resolve("main.mlir"))).sorted().toList();
    }
    for (Path dir : cases) {
      List<String> args = caseArguments(dir);
      if (args.stream().anyMatch(a -> a.equals("--bundle") || a.equals("--list-symbols"))) {
        continue;
      }
      String name = dir.getFileName().toString();
      tests.add(
          DynamicTest.dynamicTest(
              name, () -> linksTheSame(name, dir, dir.resolve("main.mlir"), args)));
    }
    assertTrue(tests.size() >= 40, tests.size() + " cases");
    return tests.stream();
  }

  /**
   * Links the case's main module with iree-link as generic text and as our bytecode of that text,
   * in a copy of the case folder (the bytecode beside the text, where a library search would look),
   * and compares.
   */
  private static void linksTheSame(String name, Path dir, Path main, List<String> args)
      throws IOException {
    Path work = Files.createDirectories(temp.resolve("link-" + name));
    Path copy = work.resolve("case");
    copyTree(dir, copy);
    String base = main.getFileName().toString().replaceFirst("\\.mlir$", "");
    List<String> fromText = new ArrayList<>(List.of(base + ".mlir", "-o"));
    fromText.add(work.resolve("from-text.mlir").toString());
    fromText.addAll(args);
    // The reference is the generic print, the text our bytecode is written from: it can differ from
    // the case's text (iree-opt prints only the resources the IR uses, which changes the keys
    // iree-link renames on a collision).
    MlirTools.Run generic = printGeneric(main);
    if (!generic.ok()) {
      return; // a case whose main module iree-opt rejects: no generic text to write
    }
    Files.writeString(copy.resolve(base + ".mlir"), generic.stdout(), StandardCharsets.UTF_8);
    MlirTools.Run text = IreeTools.link(fromText, copy);
    if (!text.ok()) {
      return; // a case where iree-link fails on the text: nothing to compare
    }
    Path ours = writeOurs(work, base, generic.stdout());
    Files.copy(ours, copy.resolve(base + ".mlirbc"));
    List<String> fromBytecode = new ArrayList<>(List.of(base + ".mlirbc", "-o"));
    fromBytecode.add(work.resolve("from-bytecode.mlir").toString());
    fromBytecode.addAll(args);
    MlirTools.Run bytecode = IreeTools.link(fromBytecode, copy);
    if (!bytecode.ok()) {
      keep(work, "link-" + name);
      fail("iree-link rejects our bytecode of " + main + ":\n" + bytecode.stderr());
    }
    String expected = Files.readString(work.resolve("from-text.mlir"), StandardCharsets.UTF_8);
    String actual = Files.readString(work.resolve("from-bytecode.mlir"), StandardCharsets.UTF_8);
    if (!expected.equals(actual)) {
      keep(work, "link-" + name);
    }
    assertEquals(expected, actual, "iree-link's output from our bytecode of " + main);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path path : walk.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }

  /** A case's arguments, one or two words a line ({@code --link-module a.mlir}). */
  private static List<String> caseArguments(Path dir) throws IOException {
    List<String> args = new ArrayList<>();
    Path file = dir.resolve("args");
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        for (String word : line.strip().split("\\s+")) {
          if (!word.isEmpty()) {
            args.add(word);
          }
        }
      }
    }
    return args;
  }

  // ------------------------------------------------------------------ iree-compile compiles the
  // same

  @TestFactory
  Stream<DynamicTest> ireeCompileMakesTheSameModuleFromOurBytecode() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    tests.add(DynamicTest.dynamicTest("moe", () -> compilesTheSame("moe", linkedMoe(), List.of())));
    List<Path> runnable;
    try (Stream<Path> list = Files.list(MlirTools.projectRoot().resolve("testdata/link"))) {
      runnable = list.filter(d -> Files.exists(d.resolve("expected.run"))).sorted().toList();
    }
    assertTrue(runnable.size() >= 6, runnable.toString());
    for (Path dir : runnable) {
      String name = dir.getFileName().toString();
      tests.add(
          DynamicTest.dynamicTest(
              name,
              () -> {
                List<String> flags = new ArrayList<>();
                Path phase = dir.resolve("phase");
                if (Files.exists(phase)) {
                  flags.add("--compile-from=" + Files.readString(phase).strip());
                }
                compilesTheSame(
                    name,
                    Files.readString(dir.resolve("expected.mlir"), StandardCharsets.UTF_8),
                    flags);
              }));
    }
    return tests.stream();
  }

  private static void compilesTheSame(String name, String text, List<String> flags)
      throws IOException {
    String generic = generic(name, text);
    Path work = Files.createDirectories(temp.resolve("compile-" + name));
    Path ours = writeOurs(Files.createDirectories(work.resolve("ours")), "program", generic);
    Path theirs = Files.createDirectories(work.resolve("theirs")).resolve("program.mlirbc");
    Path genericFile = work.resolve("program.mlir");
    Files.writeString(genericFile, generic, StandardCharsets.UTF_8);
    run(
        List.of(
            opt.toString(), "--emit-bytecode", genericFile.toString(), "-o", theirs.toString()));
    byte[] fromOurs = compile(ours, flags);
    byte[] fromTheirs = compile(theirs, flags);
    if (!Arrays.equals(fromOurs, fromTheirs)) {
      keep(work, name);
      fail(
          "the .vmfb compiled from our bytecode of "
              + name
              + " differs from the one compiled from iree-opt's ("
              + fromOurs.length
              + " and "
              + fromTheirs.length
              + " bytes)");
    }
    assertTrue(
        fromOurs.length > 4 && fromOurs[0] == 'P' && fromOurs[1] == 'K', "a module was compiled");
  }

  private static byte[] compile(Path input, List<String> flags) throws IOException {
    Path vmfb = input.resolveSibling("program.vmfb");
    List<String> command = new ArrayList<>();
    command.add(IreeTools.require(IreeTools.COMPILE).toString());
    command.addAll(IreeTools.COMPILE_FLAGS);
    command.addAll(flags);
    command.addAll(List.of(input.toString(), "-o", vmfb.toString()));
    run(command);
    return Files.readAllBytes(vmfb);
  }

  // ------------------------------------------------------------------ helpers

  /** The MoE block linked with its two dependencies by our linker. */
  private static String linkedMoe() {
    Path components = MlirTools.projectRoot().resolve("components");
    LinkResult result =
        Linker.builder()
            .main(Source.of(components.resolve("moe/moe_ffn_block.mlir")))
            .linkModule(Source.of(components.resolve("moe/mul_mat_id.mlir")))
            .linkModule(Source.of(components.resolve("activation/swiglu.mlir")))
            .build()
            .link();
    assertTrue(result.succeeded(), result::formattedDiagnostics);
    return result.text();
  }

  /**
   * Writes the generic text as our bytecode and checks that {@code iree-opt} reads the two as the
   * same IR: it prints both alike, and {@code --emit-bytecode} writes the same file from both,
   * which also holds the order of every value's uses.
   */
  private static void roundTrip(String name, String genericText) throws IOException {
    roundTrip(name, genericText, false);
  }

  private static void roundTrip(String name, String genericText, boolean unregistered)
      throws IOException {
    String kept = name.replace('/', '_');
    Path work = Files.createDirectories(temp.resolve("round-trip-" + kept));
    Path text = work.resolve("generic.mlir");
    Files.writeString(text, genericText, StandardCharsets.UTF_8);
    Path ours = writeOurs(work, "ours", genericText);
    List<String> flags = unregistered ? List.of("--allow-unregistered-dialect") : List.of();
    Path actual = print(ours, work.resolve("from-bytecode.mlir"), flags);
    // The generic text is iree-opt's own print, which printing again gives back: it stands for the
    // print of itself unless they differ, when the print is made and compared instead.
    if (!Files.readString(actual, StandardCharsets.UTF_8).equals(genericText)) {
      Path expected = print(text, work.resolve("from-text.mlir"), flags);
      if (Files.mismatch(expected, actual) >= 0) {
        keep(work, kept);
        assertEquals(
            Files.readString(expected, StandardCharsets.UTF_8),
            Files.readString(actual, StandardCharsets.UTF_8),
            "iree-opt's print of our bytecode of " + name + " (kept in " + KEPT + ")");
      }
    }
    Path fromText = emit(text, work.resolve("emitted-from-text.mlirbc"), flags);
    Path fromOurs = emit(ours, work.resolve("emitted-from-bytecode.mlirbc"), flags);
    if (Files.mismatch(fromText, fromOurs) >= 0) {
      keep(work, kept);
      fail(
          "iree-opt --emit-bytecode writes another file from our bytecode of "
              + name
              + " than from its text (kept in "
              + KEPT
              + ")");
    }
  }

  private static Path emit(Path input, Path output, List<String> flags) {
    List<String> command = new ArrayList<>(List.of(opt.toString()));
    command.addAll(flags);
    command.addAll(List.of("--emit-bytecode", input.toString(), "-o", output.toString()));
    run(command);
    return output;
  }

  /** Our bytecode of {@code genericText}, as {@code dir/NAME.mlirbc}. */
  private static Path writeOurs(Path dir, String name, String genericText) throws IOException {
    Path source = dir.resolve(name + ".generic.mlir");
    Files.writeString(source, genericText, StandardCharsets.UTF_8);
    Path out = dir.resolve(name + ".mlirbc");
    try (OutputStream stream = Files.newOutputStream(out)) {
      BytecodeWriter.write(SourceText.open(source.toString(), source), stream);
    } catch (DiagnosticException e) {
      fail("our writer rejects the generic text of " + name + ":\n" + e.diagnostic().format());
    }
    return out;
  }

  /** {@code iree-opt}'s generic print of a text, with every location. */
  private static String generic(String name, String text, String... flags) {
    try {
      Path file = Files.createDirectories(temp.resolve("input-" + name)).resolve(name + ".mlir");
      Files.writeString(file, text, StandardCharsets.UTF_8);
      MlirTools.Run run = printGeneric(file, flags);
      assertTrue(run.ok(), () -> "iree-opt rejects " + name + ":\n" + run.stderr());
      return run.stdout();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static MlirTools.Run printGeneric(Path file, String... flags) {
    List<String> all = new ArrayList<>(List.of(flags));
    all.add("--mlir-print-debuginfo");
    return IreeTools.printGeneric(file, all.toArray(String[]::new));
  }

  private static Path print(Path input, Path output, List<String> flags) {
    List<String> command = new ArrayList<>(List.of(opt.toString()));
    command.addAll(flags);
    command.addAll(
        List.of(
            "--mlir-print-op-generic",
            "--mlir-print-debuginfo",
            input.toString(),
            "-o",
            output.toString()));
    run(command);
    String printed;
    try {
      printed = Files.readString(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertFalse(printed.isEmpty(), "iree-opt printed nothing for " + input);
    return output;
  }

  private static void run(List<String> command) {
    MlirTools.Run run = MlirTools.run(command, null);
    assertTrue(run.ok(), () -> String.join(" ", command) + " failed:\n" + run.stderr());
  }

  /** Copies a failing check's files under {@link #KEPT}, to look at by hand. */
  private static void keep(Path work, String name) {
    try {
      Path into = Files.createDirectories(KEPT.resolve(name));
      try (Stream<Path> files = Files.list(work)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          Files.copy(
              file,
              into.resolve(file.getFileName()),
              java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      // keeping them is a courtesy: the assertion that follows says what failed
    }
  }
}
