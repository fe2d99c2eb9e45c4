package org.mlirlink.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.mlirlink.LinkResult;
import org.mlirlink.Linker;
import org.mlirlink.Source;
import org.mlirlink.model.FunctionSignature;
import org.mlirlink.model.MlirFile;
import org.mlirlink.model.OpKind;
import org.mlirlink.model.Operation;
import org.mlirlink.model.SourceText;
import org.mlirlink.model.Visibility;
import org.mlirlink.read.MlirReader;
import org.mlirlink.testing.ErrorKind;
import org.mlirlink.testing.IreeTools;
import org.mlirlink.testing.MlirTools;
import org.mlirlink.testing.Npy;

/**
 * Every folder of {@code testdata/link/} linked by the real {@code iree-link} (version {@link
 * IreeTools#VERSION}) and by the library, with the same arguments:
 *
 * <ul>
 *   <li>both link: both outputs go through {@code iree-compile}, and every public function whose
 *       signature {@code iree-run-module} can feed is run in both on the same inputs; the results
 *       must be identical bit for bit. An output {@code iree-compile} rejects (a bundle of named
 *       modules, a module without functions) is only checked for agreement: when ours is rejected,
 *       iree-link's must be rejected too.
 *   <li>iree-link fails: we fail with the same kind of error (unresolved symbol, type mismatch,
 *       parse error, invalid IR), not necessarily the same text.
 *   <li>the case is one where docs/compatibility.md says iree-link differs: its {@code
 *       iree-link-differs} file says what the real tool does, then {@code :} and why, citing the
 *       section as {@code (docs/compatibility.md, "SECTION")}. {@code links}: it links where we
 *       fail; {@code links differently}: both link and the outputs differ as programs (above);
 *       {@code links dropping TEXT}: both link, and {@code TEXT} (an attribute's name) is in our
 *       output and not in iree-link's; {@code fails KIND}: it fails with that kind of error ({@code
 *       unresolved}, {@code type-mismatch}, {@code parse}, {@code invalid}) and we do not; {@code
 *       crashes}: it dies (exit code above 1). The real tool must do exactly that and we must not,
 *       so a newer iree-link that stops differing fails here until the file and the page are
 *       updated.
 * </ul>
 *
 * <p>Both outputs are kept under {@code target/iree-link-differential/CASE/} to reproduce a failure
 * by hand.
 */
class IreeLinkDifferentialTest {
  /** The file in a case folder that says how the real iree-link differs, and why. */
  static final String DIFFERS = "iree-link-differs";

  /** Where the bytecode copies of the cases are made. */
  @TempDir Path temp;

  @TestFactory
  Stream<DynamicTest> everyCaseLinksLikeTheRealIreeLinkOrSaysHowItDiffers() throws IOException {
    List<Path> dirs;
    try (Stream<Path> list = Files.list(LinkCase.root())) {
      dirs = list.filter(Files::isDirectory).sorted().toList();
    }
    return dirs.stream()
        .map(dir -> dir.getFileName().toString())
        .map(name -> DynamicTest.dynamicTest(name, () -> check(LinkCase.named(name))));
  }

  /**
   * The same with every case's inputs written as bytecode by the real {@code iree-opt}, for both
   * linkers ({@link LinkCase#asBytecode}): what each does with the bytecode must compare as it does
   * with the text. A case whose inputs iree-opt cannot read (made invalid on purpose, or using
   * dialects it lacks) is left out, and most cases must not be.
   */
  @TestFactory
  Stream<DynamicTest> everyCaseFromBytecodeLinksLikeTheRealIreeLinkOrSaysHowItDiffers()
      throws IOException {
    List<Path> dirs;
    try (Stream<Path> list = Files.list(LinkCase.root())) {
      dirs = list.filter(Files::isDirectory).sorted().toList();
    }
    AtomicInteger converted = new AtomicInteger();
    Stream<DynamicTest> cases =
        dirs.stream()
            .map(
                dir -> {
                  String name = dir.getFileName().toString();
                  return DynamicTest.dynamicTest(
                      name,
                      () -> {
                        IreeTools.require(IreeTools.LINK);
                        Path copy = temp.resolve(name);
                        if (LinkCase.asBytecode(dir, copy)) {
                          converted.incrementAndGet();
                          check(LinkCase.at(name, copy), Path.of("bytecode", name));
                        }
                      });
                });
    Stream<DynamicTest> most =
        Stream.of(
            DynamicTest.dynamicTest(
                "most cases are read as bytecode",
                () ->
                    assertTrue(
                        converted.get() * 4 >= dirs.size() * 3,
                        converted.get() + " of " + dirs.size() + " cases")));
    return Stream.concat(cases, most);
  }

  private static void check(LinkCase linkCase) throws IOException {
    check(linkCase, Path.of(linkCase.dir().getFileName().toString()));
  }

  /** Checks one case; its outputs are kept under {@code keepAs} in the test's output folder. */
  private static void check(LinkCase linkCase, Path keepAs) throws IOException {
    IreeTools.require(IreeTools.LINK);
    String name = linkCase.dir().getFileName().toString();
    Path keep =
        Files.createDirectories(
            Path.of("target", "iree-link-differential").resolve(keepAs).toAbsolutePath());
    if (linkCase.args().contains("--list-symbols")) {
      listsLikeIreeLink(linkCase, name);
      return;
    }
    Path theirs = keep.resolve("iree-link.mlir");
    Files.deleteIfExists(theirs);
    List<String> command = new ArrayList<>();
    if (!linkCase.isBundle()) {
      command.add("main.mlir");
    }
    command.addAll(linkCase.args());
    command.addAll(List.of("-o", theirs.toString()));
    MlirTools.Run real = IreeTools.link(command, linkCase.dir());
    LinkResult ours = linkCase.link();
    if (ours.succeeded()) {
      Files.writeString(keep.resolve("mlir-link.mlir"), ours.text());
    }
    String reproduce =
        "\n(in "
            + linkCase.dir()
            + ": iree-link "
            + String.join(" ", command)
            + "; outputs kept in "
            + keep
            + ")";
    String what =
        "iree-link exited "
            + real.exitCode()
            + ":\n"
            + real.stderr()
            + "\nwe "
            + (ours.succeeded() ? "linked" : "failed:\n" + ours.formattedDiagnostics())
            + reproduce;

    Path differs = linkCase.dir().resolve(DIFFERS);
    if (Files.exists(differs)) {
      assertDocumentedDifference(
          name,
          Files.readString(differs),
          real,
          ours,
          theirs,
          what,
          () -> programDifferences(ours.text(), Files.readString(theirs), linkCase.compileFlags()));
      return;
    }
    assertTrue(
        real.exitCode() == 0 || real.exitCode() == 1,
        () ->
            name
                + ": iree-link crashed; a crash we do not share must be documented in "
                + DIFFERS
                + " and docs/compatibility.md\n"
                + what);
    if (!real.ok()) {
      assertFalse(ours.succeeded(), () -> name + ": iree-link fails, we link\n" + what);
      ErrorKind theirKind = ErrorKind.of(ErrorKind.firstError(real.stderr()));
      ErrorKind ourKind = ErrorKind.of(ours.diagnostics().get(0).message());
      assertEquals(
          theirKind, ourKind, () -> name + ": both fail, with different kinds of error\n" + what);
      return;
    }
    assertTrue(ours.succeeded(), () -> name + ": iree-link links, we fail\n" + what);
    List<String> differences =
        programDifferences(ours.text(), Files.readString(theirs), linkCase.compileFlags());
    assertTrue(
        differences.isEmpty(),
        () ->
            name
                + ": the outputs differ as programs:\n"
                + String.join("\n", differences)
                + reproduce);
  }

  /**
   * An {@code iree-link-differs} file: the real tool must do what it says, we must not, and the
   * section of docs/compatibility.md it names must be there.
   */
  private static void assertDocumentedDifference(
      String name,
      String file,
      MlirTools.Run real,
      LinkResult ours,
      Path theirs,
      String what,
      Differences differences)
      throws IOException {
    String line = file.strip().lines().findFirst().orElse("");
    int colon = line.indexOf(':');
    assertTrue(colon > 0, () -> name + "/" + DIFFERS + ": expected 'KEYWORD: why', got " + line);
    String[] keyword = line.substring(0, colon).trim().split("\\s+");
    String why = line.substring(colon + 1);
    Matcher section = Pattern.compile("docs/compatibility\\.md, \"([^\"]+)\"").matcher(why);
    assertTrue(
        section.find(),
        () ->
            name
                + "/"
                + DIFFERS
                + ": the reason must cite docs/compatibility.md, \"SECTION\": "
                + line);
    String page = Files.readString(MlirTools.projectRoot().resolve("docs/compatibility.md"));
    String heading = section.group(1);
    assertTrue(
        page.contains("## " + heading + "\n") || page.contains("**" + heading + "**"),
        () -> name + "/" + DIFFERS + ": docs/compatibility.md has no section \"" + heading + "\"");

    switch (keyword[0]) {
      case "links" -> {
        assertEquals(
            0, real.exitCode(), () -> name + ": " + DIFFERS + " says iree-link links\n" + what);
        if (keyword.length == 1) {
          assertFalse(
              ours.succeeded(), () -> name + ": both link; remove " + DIFFERS + "\n" + what);
        } else if (keyword[1].equals("dropping")) {
          assertEquals(3, keyword.length, () -> name + "/" + DIFFERS + ": 'links dropping TEXT'");
          String text = keyword[2];
          assertTrue(ours.succeeded(), () -> name + ": " + DIFFERS + " says both link\n" + what);
          assertTrue(ours.text().contains(text), () -> name + ": our output has no " + text);
          assertFalse(
              Files.readString(theirs).contains(text),
              () -> name + ": iree-link's output keeps " + text + "; remove " + DIFFERS);
        } else {
          assertEquals(
              "differently",
              keyword[1],
              () -> name + "/" + DIFFERS + ": 'links' or 'links differently'");
          assertTrue(ours.succeeded(), () -> name + ": " + DIFFERS + " says both link\n" + what);
          assertFalse(
              differences.get().isEmpty(),
              () -> name + ": both outputs are the same program; remove " + DIFFERS + "\n" + what);
        }
      }
      case "fails" -> {
        assertEquals(2, keyword.length, () -> name + "/" + DIFFERS + ": 'fails KIND' needs a kind");
        ErrorKind kind = ErrorKind.named(keyword[1]);
        assertEquals(
            1, real.exitCode(), () -> name + ": " + DIFFERS + " says iree-link fails\n" + what);
        assertEquals(
            kind,
            ErrorKind.of(ErrorKind.firstError(real.stderr())),
            () ->
                name
                    + ": iree-link fails with another kind of error than "
                    + DIFFERS
                    + " says\n"
                    + what);
        assertFalse(
            !ours.succeeded() && ErrorKind.of(ours.diagnostics().get(0).message()) == kind,
            () -> name + ": we fail the same way; remove " + DIFFERS + "\n" + what);
      }
      case "crashes" ->
          assertTrue(
              real.exitCode() > 1 || real.exitCode() < 0,
              () -> name + ": " + DIFFERS + " says iree-link crashes\n" + what);
      default ->
          fail(
              name
                  + "/"
                  + DIFFERS
                  + ": unknown keyword "
                  + keyword[0]
                  + " (links, links differently, fails KIND, crashes)");
    }
  }

  /** {@link #programDifferences} of a case, computed only when the check needs it. */
  private interface Differences {
    List<String> get() throws IOException;
  }

  /** The case's {@code main.mlir} listed by iree-link and by the library: the same names. */
  private static void listsLikeIreeLink(LinkCase linkCase, String name) {
    MlirTools.Run real = IreeTools.link(List.of("--list-symbols", "main.mlir"), linkCase.dir());
    assertEquals(
        0, real.exitCode(), () -> name + ": iree-link --list-symbols failed\n" + real.stderr());
    List<String> theirs =
        real.stdout().lines().filter(l -> l.startsWith("  @")).map(l -> l.substring(3)).toList();
    Linker.SymbolListing ours =
        Linker.listPublicSymbols(Source.of(linkCase.dir().resolve("main.mlir")));
    assertTrue(ours.succeeded(), () -> name + ": " + ours.diagnostics());
    assertEquals(theirs, ours.symbols(), name + ": public symbols differ from iree-link's");
  }

  // ------------------------------------------------------------------ running both outputs

  private static final Pattern SCALAR = Pattern.compile("i(8|16|32|64)|f32|f64|index");
  private static final Pattern TENSOR =
      Pattern.compile("tensor<((?:\\d+x)*)(i8|i16|i32|i64|f32|f64)>");

  /**
   * How the two outputs differ as programs, each difference a sentence (none when they agree): both
   * define the same public functions; when ours compiles, iree-link's does too (and when ours does
   * not, neither does theirs); every runnable public function gives the same bits in both.
   */
  private static List<String> programDifferences(String ours, String theirs, List<String> flags)
      throws IOException {
    List<String> differences = new ArrayList<>();
    MlirFile ourFile = MlirReader.read(new SourceText("mlir-link.mlir", ours));
    MlirFile theirFile = MlirReader.read(new SourceText("iree-link.mlir", theirs));
    if (!publicFunctions(theirFile).equals(publicFunctions(ourFile))) {
      differences.add(
          "the outputs define different public functions: iree-link "
              + publicFunctions(theirFile)
              + ", ours "
              + publicFunctions(ourFile));
    }
    List<String> theirDeclarations = declarations(theirFile);
    theirDeclarations.removeAll(declarations(ourFile));
    if (!theirDeclarations.isEmpty()) {
      // iree-compile takes a declaration as an import, so such a program only fails when loaded.
      differences.add("iree-link's output leaves " + theirDeclarations + " declared, unresolved");
      return differences;
    }
    IreeTools.Compiled ourModule = IreeTools.compile(ours, flags);
    IreeTools.Compiled theirModule = IreeTools.compile(theirs, flags);
    if (!ourModule.ok()) {
      if (theirModule.ok()) {
        differences.add(
            "iree-compile takes iree-link's output but not ours:\n" + ourModule.errors());
      }
      return differences;
    }
    if (!theirModule.ok()) {
      differences.add(
          "iree-compile takes our output but not iree-link's:\n" + theirModule.errors());
      return differences;
    }
    Path inputs = Files.createTempDirectory("iree-diff-inputs");
    try {
      for (Operation function : ourFile.operations()) {
        if (!isPublicDefinition(function)) {
          continue;
        }
        FunctionSignature signature = function.signature();
        Optional<List<String>> args = inputs(signature, inputs);
        if (args.isEmpty()
            || !signature.resultTypes().stream().allMatch(IreeLinkDifferentialTest::runnable)) {
          continue;
        }
        String symbol = function.symbolName().orElseThrow();
        int results = signature.resultTypes().size();
        IreeTools.Results mine = IreeTools.runModule(ourModule.vmfb(), symbol, args.get(), results);
        IreeTools.Results real =
            IreeTools.runModule(theirModule.vmfb(), symbol, args.get(), results);
        for (int i = 0; i < results; i++) {
          if (!Arrays.equals(real.npy().get(i), mine.npy().get(i))) {
            differences.add(
                "@"
                    + symbol
                    + " "
                    + signature.display()
                    + " result "
                    + i
                    + " differs on inputs "
                    + args.get()
                    + ": iree-link "
                    + describe(real.get(i))
                    + ", ours "
                    + describe(mine.get(i)));
          }
        }
      }
    } finally {
      MlirTools.deleteRecursively(inputs);
    }
    return differences;
  }

  /** The names of the functions a module declares without defining them. */
  private static List<String> declarations(MlirFile file) {
    List<String> names = new ArrayList<>();
    for (Operation op : file.operations()) {
      if (op.kind() == org.mlirlink.model.OpKind.FUNCTION && op.isDeclaration()) {
        names.add("@" + op.symbolName().orElse("?"));
      }
    }
    return names;
  }

  /** An array's type, shape and first elements, for a failure message. */
  private static String describe(Npy.Array array) {
    String values =
        switch (array.descr()) {
          case "<f4" -> Arrays.toString(array.floats());
          case "<i4" -> Arrays.toString(array.ints());
          case "<i8" -> Arrays.toString(array.longs());
          default -> "";
        };
    return array + " " + (values.length() > 200 ? values.substring(0, 200) + "..." : values);
  }

  private static boolean isPublicDefinition(Operation op) {
    return op.kind() == OpKind.FUNCTION
        && !op.isDeclaration()
        && op.visibility() == Visibility.PUBLIC
        && op.symbolName().isPresent();
  }

  private static TreeSet<String> publicFunctions(MlirFile file) {
    TreeSet<String> names = new TreeSet<>();
    for (Operation op : file.operations()) {
      if (isPublicDefinition(op)) {
        names.add(op.symbolName().get() + " : " + op.signature().display());
      }
    }
    return names;
  }

  private static boolean runnable(String type) {
    return SCALAR.matcher(type).matches() || TENSOR.matcher(type).matches();
  }

  /**
   * One {@code --input} per argument, the same on every run: small scalars (loop bounds stay short)
   * and tensors of mixed-sign values written as {@code .npy}; empty when an argument's type cannot
   * be fed.
   */
  private static Optional<List<String>> inputs(FunctionSignature signature, Path dir) {
    List<String> args = new ArrayList<>();
    List<String> types = signature.argumentTypes();
    for (int k = 0; k < types.size(); k++) {
      String type = types.get(k);
      Matcher tensor = TENSOR.matcher(type);
      if (SCALAR.matcher(type).matches()) {
        args.add(type.startsWith("f") ? String.valueOf(0.75 * (k + 1)) : String.valueOf(k + 2));
      } else if (tensor.matches()) {
        args.add("@" + Npy.write(dir.resolve("arg" + k + ".npy"), array(tensor, k)));
      } else {
        return Optional.empty();
      }
    }
    return Optional.of(args);
  }

  private static Npy.Array array(Matcher tensor, int seed) {
    String dims = tensor.group(1);
    long[] shape =
        dims.isEmpty()
            ? new long[0]
            : Stream.of(dims.split("x")).mapToLong(Long::parseLong).toArray();
    long count = 1;
    for (long dim : shape) {
      count = Math.multiplyExact(count, dim);
    }
    String element = tensor.group(2);
    int bytes =
        switch (element) {
          case "i8" -> 1;
          case "i16" -> 2;
          case "i32", "f32" -> 4;
          default -> 8;
        };
    ByteBuffer data =
        ByteBuffer.allocate(Math.toIntExact(count * bytes)).order(ByteOrder.LITTLE_ENDIAN);
    for (long j = 0; j < count; j++) {
      long value = (j * 7 + seed * 3) % 11 - 5;
      switch (element) {
        case "i8" -> data.put((byte) value);
        case "i16" -> data.putShort((short) value);
        case "i32" -> data.putInt((int) value);
        case "i64" -> data.putLong(value);
        case "f32" -> data.putFloat(value / 4f + 0.125f);
        default -> data.putDouble(value / 4.0 + 0.125);
      }
    }
    String descr =
        switch (element) {
          case "i8" -> "|i1";
          case "i16" -> "<i2";
          case "i32" -> "<i4";
          case "i64" -> "<i8";
          case "f32" -> "<f4";
          default -> "<f8";
        };
    return new Npy.Array(descr, shape, data.array());
  }
}
