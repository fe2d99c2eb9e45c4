package org.mlirlink.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.mlirlink.LinkResult;
import org.mlirlink.Linker;
import org.mlirlink.Source;
import org.mlirlink.model.AliasDefinition;
import org.mlirlink.model.FunctionSignature;
import org.mlirlink.model.MlirFile;
import org.mlirlink.model.OpKind;
import org.mlirlink.model.Operation;
import org.mlirlink.model.ResourceSection;
import org.mlirlink.model.SourceText;
import org.mlirlink.model.Span;
import org.mlirlink.model.SymbolUse;
import org.mlirlink.model.TopLevelItem;
import org.mlirlink.model.Visibility;
import org.mlirlink.read.MlirReader;
import org.mlirlink.testing.ErrorKind;
import org.mlirlink.testing.IreeTools;
import org.mlirlink.testing.MlirTools;
import org.mlirlink.testing.Npy;

/**
 * The linker at every phase of compilation: {@code iree-link} is meant to link modules that
 * {@code iree-compile} has already lowered part of the way ({@code --compile-to=PHASE}), and so must
 * we. Each case takes a program, lowers it with the real {@code iree-compile} to one phase (from
 * {@code input} to {@code hal}), and splits the lowered text, by a seed, into a main module and one
 * to three library modules ({@code module @libK}):
 *
 * <ul>
 *   <li>some private functions (the ones the public entries call, directly or not) move into a
 *       library, made public there, with every helper function, global, initializer and executable
 *       that only they need; what they share with the main module (the device global {@code
 *       @__device_0} that {@code #hal.device.affinity<@__device_0>} names from the stream phase on,
 *       an executable the compiler gave two functions, globals whose initializers read each other)
 *       is copied into the library with its initializers, as a separately compiled library would
 *       have it;
 *   <li>the main module declares each moved function by its dotted name ({@code util.func private
 *       @lib1.F(...)}, the same type) and calls it by that name.
 * </ul>
 *
 * <p>The parts are linked by us (main module plus the libraries as link modules) and by the real
 * {@code iree-link}, each output is compiled on with {@code iree-compile --compile-from=PHASE}, and
 * every public entry of the program is run with {@code iree-run-module} on fixed inputs. Our output
 * must always compile and give the same bits as the unsplit text compiled from the same phase.
 * Where iree-link's output differs, the difference must be one that docs/compatibility.md lists:
 * iree-link refuses a global a library function uses ("Globals from libraries"), or its output does
 * not compile because an executable renamed on a name clash kept the names of its exports
 * ({@code multiple public symbols with the name}); anything else fails the case.
 *
 * <p>The programs are the MoE block of {@code components/} linked with its two components (once as
 * it is, checked at {@code input} only, since its library functions are inlined from the next phase
 * on, and once with them marked never to be inlined, at every phase) and {@code
 * phase-split-stateful.mlir} (globals initialized from each other, a mutable global, helpers that
 * survive to the last phase, two functions sharing one executable). A case with nothing to move
 * fails: its program's list of phases is wrong. Over a whole run, every phase must have linked at
 * least one case.
 *
 * <p>A case is one {@code long}: it picks the program and the phase and seeds the split. By default
 * a run checks every program at every phase of its list once (seeds {@code 0..22}) and the stateful
 * program at every phase once more (the seeds of {@code 23..45} that pick it): 34 cases, about three
 * minutes on two cores with an empty compile cache, most of it compiling the MoE block.
 * {@code -Dmlirlink.phase.seeds=N} checks the seeds {@code 0..N-1}, {@code -Dmlirlink.phase.seed=N}
 * replays one case. The files of each case (the unsplit text, the parts, both outputs, the inputs
 * and the commands) are kept under {@code target/phase-split/seed-N/}, and a summary line per case
 * in {@code target/phase-split/summary.txt}; a failure names them.
 */
class PhaseSplitDifferentialTest {

  /** The phases of {@code iree-compile --compile-to} that the text is split at, in order. */
  static final List<String> PHASES =
      List.of(
          "input",
          "abi",
          "preprocessing",
          "global-optimization",
          "dispatch-creation",
          "flow",
          "stream",
          "executable-sources",
          "executable-configurations",
          "executable-targets",
          "hal");

  /** The error iree-compile gives for two executables whose exports have one name. */
  static final String EXPORT_CLASH = "multiple public symbols with the name";

  // ------------------------------------------------------------------ programs

  /** A public function run on fixed inputs ({@code iree-run-module --input} values or arrays). */
  record Entry(String function, List<Object> inputs, int results) {}

  /**
   * A program, and the phases it is checked at: those where a private function is left to move into
   * a library (the MoE block's library functions are inlined after {@code input}).
   */
  record Program(String name, List<Entry> entries, List<String> phases) {}

  /** The programs; the first is the stateful one, which every phase can split. */
  static final List<Program> PROGRAMS =
      List.of(
          new Program("stateful", statefulEntries(), PHASES),
          new Program("moe", moeEntries(), List.of("input")),
          new Program("moe-noinline", moeEntries(), PHASES));

  /** Every program at every phase it is checked at, phase by phase: the cases of one round. */
  static final List<Map.Entry<Program, String>> CASES =
      PHASES.stream()
          .flatMap(
              phase ->
                  PROGRAMS.stream()
                      .filter(program -> program.phases().contains(phase))
                      .map(program -> Map.entry(program, phase)))
          .toList();

  /** Seeds {@code 0..ROUND-1} check every program at every phase it is checked at, once. */
  static final int ROUND = CASES.size();

  private static List<Entry> statefulEntries() {
    Npy.Array x = Npy.Array.f32(new float[] {1.5f, -2f, 3.25f, 0.125f}, 4);
    return List.of(
        new Entry("affine", List.of(x, "0.75"), 1),
        new Entry("sum_twice", List.of(x), 1),
        new Entry("accumulate", List.of(x), 1),
        new Entry(
            "matmul",
            List.of(
                Npy.Array.f32(new float[] {1, 2, 3, 4, 5, 6}, 2, 3),
                Npy.Array.f32(new float[] {0.5f, -1, 2, 0.25f, -3, 1}, 3, 2)),
            1),
        new Entry("globals", List.of("7"), 2));
  }

  private static List<Entry> moeEntries() {
    int tokens = 3;
    int embd = 4;
    int experts = 4;
    int ff = 5;
    Random values = new Random(42);
    return List.of(
        new Entry(
            "moe_ffn_block",
            List.of(
                floats(values, tokens, embd),
                floats(values, experts, embd),
                floats(values, ff, embd, experts),
                floats(values, ff, embd, experts),
                floats(values, embd, ff, experts),
                "2"),
            1));
  }

  /** Small values that are exact in f32, so that the router never sees a tie by rounding. */
  private static Npy.Array floats(Random values, long... shape) {
    int count = (int) Arrays.stream(shape).reduce(1, Math::multiplyExact);
    float[] data = new float[count];
    for (int i = 0; i < count; i++) {
      data[i] = (values.nextInt(61) - 30) / 16f;
    }
    return Npy.Array.f32(data, shape);
  }

  private static final Map<String, String> SOURCES = new ConcurrentHashMap<>();

  /** The program's text before it is lowered. */
  static String source(String program) {
    return SOURCES.computeIfAbsent(program, PhaseSplitDifferentialTest::makeSource);
  }

  private static String makeSource(String program) {
    return switch (program) {
      case "stateful" -> resource("phase-split-stateful.mlir");
      case "moe" -> linkedMoe();
      case "moe-noinline" -> neverInlined(linkedMoe());
      default -> throw new IllegalArgumentException(program);
    };
  }

  private static String resource(String name) {
    try (InputStream in = PhaseSplitDifferentialTest.class.getResourceAsStream(name)) {
      assertTrue(in != null, "missing test resource " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The MoE block linked with its components by us, as README's first command does. */
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

  /** The text with every private function definition marked never to be inlined. */
  static String neverInlined(String text) {
    SourceText source = new SourceText("program.mlir", text);
    MlirFile file = MlirReader.read(source);
    List<Edit> edits = new ArrayList<>();
    for (Operation op : file.operations()) {
      if (op.kind() == OpKind.FUNCTION
          && !op.isDeclaration()
          && op.visibility() == Visibility.PRIVATE
          && op.attributeDictionary().isEmpty()) {
        long at = op.body().orElseThrow().start();
        edits.add(new Edit(at, at, "attributes {inlining_policy = #util.inline.never} "));
      }
    }
    assertFalse(edits.isEmpty(), "no private function to mark in\n" + text);
    return apply(text, edits);
  }

  // ------------------------------------------------------------------ the split

  /** A replacement of the bytes {@code [start, end)} of a text. */
  record Edit(long start, long end, String text) {}

  static String apply(String text, List<Edit> edits) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    List<Edit> sorted = new ArrayList<>(edits);
    sorted.sort(Comparator.comparingLong(Edit::start).thenComparingLong(Edit::end));
    StringBuilder out = new StringBuilder();
    long at = 0;
    for (Edit edit : sorted) {
      if (edit.start() < at) {
        throw new IllegalStateException("overlapping edits at byte " + edit.start());
      }
      out.append(new String(bytes, (int) at, (int) (edit.start() - at), StandardCharsets.UTF_8));
      out.append(edit.text());
      at = edit.end();
    }
    out.append(new String(bytes, (int) at, bytes.length - (int) at, StandardCharsets.UTF_8));
    return out.toString();
  }

  /** A symbol reference as MLIR writes it: quoted unless it is a bare identifier. */
  static String sym(String name) {
    return name.matches("[A-Za-z_][\\w$.]*") ? "@" + name : "@\"" + name + "\"";
  }

  /** One module read for splitting: its ops and what each uses among them. */
  static final class Module {
    final String text;
    final SourceText source;
    final MlirFile file;
    final Operation module;
    final List<Operation> ops;
    final Map<String, Operation> named = new LinkedHashMap<>();
    final Map<String, List<Operation>> initializersOf = new LinkedHashMap<>();

    Module(String text) {
      this.text = text;
      this.source = new SourceText("phase.mlir", text);
      this.file = MlirReader.read(source);
      this.module = file.module().orElseThrow(() -> new IllegalStateException("not one module"));
      this.ops = file.operations();
      for (Operation op : ops) {
        op.symbolName().ifPresent(name -> named.put(name, op));
      }
      for (Operation op : ops) {
        if (op.kind() == OpKind.INITIALIZER) {
          for (String name : uses(op)) {
            if (named.get(name).kind() == OpKind.GLOBAL) {
              initializersOf.computeIfAbsent(name, k -> new ArrayList<>()).add(op);
            }
          }
        }
      }
    }

    /** The names of this module's ops that {@code op} refers to (its own name excluded). */
    Set<String> uses(Operation op) {
      Set<String> names = new LinkedHashSet<>();
      for (SymbolUse use : op.symbolUses()) {
        if (named.containsKey(use.root()) && !op.symbolName().orElse("").equals(use.root())) {
          names.add(use.root());
        }
      }
      return names;
    }

    /** The ops the module's own header refers to (its attributes, e.g. the default affinity). */
    List<Operation> headerUses() {
      Span body = module.body().orElseThrow();
      List<Operation> found = new ArrayList<>();
      for (SymbolUse use : module.symbolUses()) {
        if (!body.contains(use.rootSpan()) && named.containsKey(use.root())) {
          found.add(named.get(use.root()));
        }
      }
      return found;
    }

    /**
     * Everything {@code start} needs, {@code start} included: the ops it names, a global's
     * initializers and what they name, transitively; never through a name in {@code stop}.
     */
    Set<Operation> closure(Collection<Operation> start, Set<String> stop) {
      Set<Operation> seen = Collections.newSetFromMap(new IdentityHashMap<>());
      List<Operation> work = new ArrayList<>();
      for (Operation op : start) {
        if (seen.add(op)) {
          work.add(op);
        }
      }
      while (!work.isEmpty()) {
        Operation op = work.remove(work.size() - 1);
        List<Operation> next = new ArrayList<>();
        for (String name : uses(op)) {
          if (!stop.contains(name)) {
            next.add(named.get(name));
          }
        }
        if (op.kind() == OpKind.GLOBAL) {
          next.addAll(initializersOf.getOrDefault(op.symbolName().orElseThrow(), List.of()));
        }
        for (Operation n : next) {
          if (seen.add(n)) {
            work.add(n);
          }
        }
      }
      return seen;
    }

    /** Private function definitions: what a split may move. */
    List<String> movable() {
      List<String> names = new ArrayList<>();
      for (Operation op : ops) {
        if (op.kind() == OpKind.FUNCTION
            && !op.isDeclaration()
            && op.visibility() == Visibility.PRIVATE
            && op.symbolName().isPresent()) {
          names.add(op.symbolName().get());
        }
      }
      return names;
    }
  }

  /** How one library is cut out of a module: what goes, what is copied, what stays. */
  record Cut(Set<String> roots, Set<Operation> library, Set<Operation> shared, String rejected) {}

  private static final Pattern MUTABLE = Pattern.compile("^util\\.global\\s[^@]*\\bmutable\\b");

  static Cut cut(Module m, Set<String> roots) {
    List<Operation> rootOps = roots.stream().map(m.named::get).toList();
    Set<Operation> library = m.closure(rootOps, Set.of());
    List<Operation> mainStart = new ArrayList<>(m.headerUses());
    for (Operation op : m.ops) {
      if (!library.contains(op)) {
        mainStart.add(op);
      }
    }
    Set<Operation> kept = m.closure(mainStart, roots);
    Set<Operation> shared = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Operation op : library) {
      if (kept.contains(op)) {
        shared.add(op);
      }
    }
    // A copy of a mutable global is another variable: a library function must not use one that the
    // main module keeps too (a copy only its initializers touch is harmless).
    for (Operation global : shared) {
      if (global.kind() == OpKind.GLOBAL && MUTABLE.matcher(global.text()).find()) {
        String name = global.symbolName().orElseThrow();
        for (Operation op : library) {
          if (op.kind() == OpKind.FUNCTION && m.uses(op).contains(name)) {
            return new Cut(
                roots,
                library,
                shared,
                "@" + op.symbolName().orElse("?") + " uses the mutable global @" + name);
          }
        }
      }
    }
    return new Cut(roots, library, shared, null);
  }

  /** The library module {@code @lib}: the cut's ops in their order, its roots made public. */
  static String libraryText(Module m, Cut cut, String lib) {
    StringBuilder out = new StringBuilder();
    for (TopLevelItem item : m.file.items()) {
      if (item instanceof AliasDefinition alias) {
        out.append(m.source.string(alias.range())).append('\n');
      }
    }
    out.append("module ").append(sym(lib)).append(" {\n");
    for (Operation op : m.ops) {
      if (!cut.library().contains(op)) {
        continue;
      }
      String text = op.text();
      if (cut.roots().contains(op.symbolName().orElse(""))) {
        Span visibility = op.visibilitySpan().orElseThrow();
        long start = op.range().start();
        text =
            apply(
                text,
                List.of(new Edit(visibility.start() - start, visibility.end() - start, "public")));
      }
      out.append("  ").append(text).append('\n');
    }
    out.append("}\n");
    for (TopLevelItem item : m.file.items()) {
      if (item instanceof ResourceSection section) {
        out.append(m.source.string(section.range())).append('\n');
      }
    }
    return out.toString();
  }

  /**
   * The main module without what moved: each root replaced by a dotted declaration, every use of a
   * root renamed to it, what only the library needs removed.
   */
  static String mainText(Module m, Cut cut, String lib) {
    List<Edit> edits = new ArrayList<>();
    List<Operation> users = new ArrayList<>();
    for (Operation op : m.ops) {
      String name = op.symbolName().orElse("");
      if (cut.roots().contains(name)) {
        edits.add(new Edit(op.range().start(), op.range().end(), declaration(op, lib)));
      } else if (cut.library().contains(op) && !cut.shared().contains(op)) {
        long start = op.range().start();
        while (start > 0 && m.text.charAt((int) start - 1) == ' ') {
          start--; // the text before an op is ASCII indentation
        }
        long end = op.range().end();
        if (end < m.text.length() && m.text.charAt((int) end) == '\n') {
          end++;
        }
        edits.add(new Edit(start, end, ""));
      } else {
        users.add(op);
      }
    }
    Span body = m.module.body().orElseThrow();
    for (SymbolUse use : m.module.symbolUses()) {
      if (!body.contains(use.rootSpan()) && cut.roots().contains(use.root())) {
        edits.add(rename(use, lib));
      }
    }
    for (Operation op : users) {
      for (SymbolUse use : op.symbolUses()) {
        if (cut.roots().contains(use.root())) {
          edits.add(rename(use, lib));
        }
      }
    }
    return apply(m.text, edits);
  }

  private static Edit rename(SymbolUse use, String lib) {
    return new Edit(use.rootSpan().start(), use.rootSpan().end(), sym(lib + "." + use.root()));
  }

  private static String declaration(Operation op, String lib) {
    FunctionSignature signature = op.signature();
    String results =
        signature.resultTypes().isEmpty()
            ? ""
            : " -> (" + String.join(", ", signature.resultTypes()) + ")";
    return op.opName()
        + " private "
        + sym(lib + "." + op.symbolName().orElseThrow())
        + "("
        + String.join(", ", signature.argumentTypes())
        + ")"
        + results;
  }

  /** The parts of one case: the main module, the libraries, and what each library took. */
  record Split(String main, Map<String, String> libraries, List<String> notes) {}

  /**
   * Splits a lowered module by the seed's choices into a main module and one to three libraries,
   * one after the other (a later library may take a declaration of an earlier one with it). Empty
   * libraries when nothing could move.
   */
  static Split split(String text, Random rnd) {
    int wanted = 1 + rnd.nextInt(3);
    Map<String, String> libraries = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    String main = text;
    for (int k = 1; k <= wanted; k++) {
      Module m = new Module(main);
      List<String> candidates = m.movable();
      Collections.shuffle(candidates, rnd);
      int roots = 1 + rnd.nextInt(2);
      Set<String> chosen = new LinkedHashSet<>();
      Cut cut = null;
      for (String candidate : candidates) {
        Set<String> trial = new LinkedHashSet<>(chosen);
        trial.add(candidate);
        Cut attempt = cut(m, trial);
        if (attempt.rejected() != null) {
          notes.add("lib" + k + ": not moving @" + candidate + ": " + attempt.rejected());
          continue;
        }
        chosen = trial;
        cut = attempt;
        if (chosen.size() == roots) {
          break;
        }
      }
      if (cut == null) {
        break;
      }
      String lib = "lib" + k;
      libraries.put(lib, libraryText(m, cut, lib));
      main = mainText(m, cut, lib);
      List<String> copied = new ArrayList<>();
      List<String> moved = new ArrayList<>();
      for (Operation op : m.ops) {
        if (cut.library().contains(op) && !cut.roots().contains(op.symbolName().orElse(""))) {
          String what = op.symbolName().map(n -> "@" + n).orElse(op.opName());
          (cut.shared().contains(op) ? copied : moved).add(what);
        }
      }
      notes.add(
          lib
              + ": "
              + chosen.stream().map(n -> "@" + n).toList()
              + ", moving with them "
              + moved
              + ", copying "
              + copied);
    }
    return new Split(main, libraries, notes);
  }

  // ------------------------------------------------------------------ the splitter itself

  private static final String SMALL =
      """
      module @m attributes {stream.affinity.default = #hal.device.affinity<@dev>} {
        util.global private @dev = 1 : i32
        util.global private @a : i32
        util.initializer {
          %c = arith.constant 5 : i32
          util.global.store %c, @a : i32
          util.return
        }
        util.global private mutable @state = 0 : i32
        util.func private @helper(%x: i32) -> i32 {
          %a = util.global.load @a : i32
          %r = arith.addi %x, %a : i32
          util.return %r : i32
        }
        util.func private @only_f(%x: i32) -> i32 {
          util.return %x : i32
        }
        util.func private @f(%x: i32) -> i32 {
          %h = util.call @helper(%x) : (i32) -> i32
          %o = util.call @only_f(%h) : (i32) -> i32
          util.return %o : i32
        }
        util.func private @g(%x: i32) -> i32 {
          %s = util.global.load @state : i32
          util.return %s : i32
        }
        util.func public @entry(%x: i32) -> i32 {
          %f = util.call @f(%x) : (i32) -> i32
          %h = util.call @helper(%f) : (i32) -> i32
          %g = util.call @g(%h) : (i32) -> i32
          util.global.store %g, @state : i32
          util.return %g : i32
        }
      }
      """;

  @Test
  void aMovedFunctionTakesWhatOnlyItNeedsAndCopiesWhatItShares() {
    Module m = new Module(SMALL);
    Cut cut = cut(m, Set.of("f"));
    assertEquals(null, cut.rejected());
    String lib = libraryText(m, cut, "lib1");
    String main = mainText(m, cut, "lib1");
    assertTrue(lib.startsWith("module @lib1 {\n"), lib);
    assertTrue(lib.contains("util.func public @f(%x: i32)"), lib);
    for (String copied : List.of("@helper(", "@only_f(", "util.global private @a : i32", "%c = ")) {
      assertTrue(lib.contains(copied), copied + " in\n" + lib);
    }
    assertFalse(lib.contains("@state") || lib.contains("@entry") || lib.contains("@dev"), lib);
    assertTrue(main.contains("util.func private @lib1.f(i32) -> (i32)\n"), main);
    assertTrue(main.contains("%f = util.call @lib1.f(%x)"), main);
    assertFalse(main.contains("@only_f") || main.contains("@f("), main);
    assertTrue(main.contains("util.func private @helper(") && main.contains("@a : i32"), main);
    // Both parts are modules the reader takes, and the main module still names its device.
    new Module(lib);
    assertTrue(new Module(main).named.containsKey("dev"), main);
  }

  @Test
  void aFunctionUsingAMutableGlobalTheMainModuleKeepsStays() {
    Cut cut = cut(new Module(SMALL), Set.of("g"));
    assertEquals("@g uses the mutable global @state", cut.rejected());
  }

  @Test
  void aSplitIsTheSameForTheSameSeedAndLinksByDottedNames() {
    Split first = split(SMALL, new Random(7));
    Split again = split(SMALL, new Random(7));
    assertEquals(first, again);
    assertFalse(first.libraries().isEmpty(), first.notes().toString());
    // Every library is named by the main module or by a later library (which took the main
    // module's declaration of it along).
    for (String lib : first.libraries().keySet()) {
      boolean named =
          first.main().contains("@" + lib + ".")
              || first.libraries().values().stream().anyMatch(t -> t.contains("@" + lib + "."));
      assertTrue(named, lib + " is named nowhere: " + first);
    }
  }

  @Test
  void deviceGlobalsAreFoundByTheirType() {
    String text =
        """
        module {
          util.global private @__device_0 = #hal.device.target<"local", [#t]> : !hal.device
          util.global private @__device_0_0 : !hal.device
          util.global private @__device_0_query_0 : i1
          util.global private @d {stream.affinity.default = #hal.device.affinity<@__device_0>} : f32
        }
        """;
    assertEquals(List.of("@__device_0", "@__device_0_0"), deviceGlobals(text));
  }

  @Test
  void oneRoundOfSeedsChecksEveryProgramAtEveryPhase() {
    Set<String> cases = new LinkedHashSet<>();
    for (long seed = 0; seed < ROUND; seed++) {
      cases.add(programOf(seed).name() + " at " + phaseOf(seed));
    }
    int expected = PROGRAMS.stream().mapToInt(p -> p.phases().size()).sum();
    assertEquals(expected, cases.size(), cases.toString());
    assertEquals(ROUND, cases.size());
  }

  @Test
  void resultsAreComparedBitForBit() {
    Program program = new Program("p", List.of(new Entry("e", List.of(), 1)), PHASES);
    byte[] zero = Npy.bytes(Npy.Array.f32(new float[] {0f}));
    byte[] negativeZero = Npy.bytes(Npy.Array.f32(new float[] {-0f}));
    assertTrue(differences(program, List.of(zero), List.of(zero.clone())).isEmpty());
    List<String> found = differences(program, List.of(zero), List.of(negativeZero));
    assertEquals(1, found.size());
    assertTrue(found.get(0).startsWith("@e result 0 is [] <f4 [-0.0]"), found.get(0));
  }

  // ------------------------------------------------------------------ a case

  /** Which program, at which phase, a seed checks. */
  static Program programOf(long seed) {
    return CASES.get((int) Math.floorMod(seed, (long) ROUND)).getKey();
  }

  static String phaseOf(long seed) {
    return CASES.get((int) Math.floorMod(seed, (long) ROUND)).getValue();
  }

  /** Phases where some case linked a library, over this run. */
  private static final Map<String, Integer> LINKED = new ConcurrentHashMap<>();

  private static final Map<String, List<byte[]>> EXPECTED = new ConcurrentHashMap<>();

  private static final Map<String, String> SUMMARY = Collections.synchronizedMap(new TreeMap<>());

  @TestFactory
  Stream<DynamicTest> everySplitLinksAndRunsLikeTheUnsplitProgram() {
    String one = System.getProperty("mlirlink.phase.seed");
    if (one != null && !one.isBlank()) {
      long seed = Long.parseLong(one.trim());
      return Stream.of(DynamicTest.dynamicTest(title(seed), () -> check(seed)));
    }
    Integer count = Integer.getInteger("mlirlink.phase.seeds");
    LongStream seeds =
        count != null
            ? LongStream.range(0, count)
            : LongStream.range(0, 2 * ROUND)
                .filter(seed -> seed < ROUND || programOf(seed) == PROGRAMS.get(0));
    Stream<DynamicTest> cases =
        seeds.mapToObj(seed -> DynamicTest.dynamicTest(title(seed), () -> check(seed)));
    Stream<DynamicTest> everyPhase =
        Stream.of(
            DynamicTest.dynamicTest(
                "every phase linked a split",
                () -> {
                  writeSummary();
                  List<String> missing =
                      PHASES.stream()
                          .filter(p -> LINKED.getOrDefault(p, 0) == 0)
                          .filter(p -> count == null || count >= ROUND)
                          .toList();
                  assertTrue(
                      missing.isEmpty(),
                      "no case split the program and linked it at "
                          + missing
                          + "; see "
                          + summaryFile());
                }));
    return Stream.concat(cases, everyPhase);
  }

  private static String title(long seed) {
    return "seed " + seed + ": " + programOf(seed).name() + " at " + phaseOf(seed);
  }

  private static Path summaryFile() {
    return Path.of("target", "phase-split", "summary.txt").toAbsolutePath();
  }

  private static void writeSummary() throws IOException {
    StringBuilder out = new StringBuilder();
    synchronized (SUMMARY) {
      SUMMARY.forEach((k, v) -> out.append(k).append(": ").append(v).append('\n'));
    }
    Files.createDirectories(summaryFile().getParent());
    Files.writeString(summaryFile(), out.toString());
  }

  static void check(long seed) throws IOException {
    IreeTools.require(IreeTools.COMPILE);
    IreeTools.require(IreeTools.RUN_MODULE);
    IreeTools.require(IreeTools.LINK);
    Program program = programOf(seed);
    String phase = phaseOf(seed);
    String key = String.format("seed %5d %-12s %-26s", seed, program.name(), phase);
    Path dir = Path.of("target", "phase-split", "seed-" + seed).toAbsolutePath();
    if (Files.exists(dir)) {
      MlirTools.deleteRecursively(dir);
    }
    Files.createDirectories(dir);

    IreeTools.Lowered lowered = IreeTools.compileTo(source(program.name()), phase);
    assertTrue(
        lowered.ok(),
        () ->
            "iree-compile --compile-to="
                + phase
                + " rejects "
                + program.name()
                + ":\n"
                + lowered.errors());
    Files.writeString(dir.resolve("unsplit.mlir"), lowered.text());
    Split split = split(lowered.text(), new Random(seed));
    if (split.libraries().isEmpty()) {
      SUMMARY.put(key, "nothing to move");
      fail(
          program.name()
              + " has no private function left at "
              + phase
              + " (all inlined): take the phase out of its list");
    }
    Files.writeString(dir.resolve("main.mlir"), split.main());
    List<String> linkArgs = new ArrayList<>(List.of("main.mlir"));
    for (Map.Entry<String, String> library : split.libraries().entrySet()) {
      Files.writeString(dir.resolve(library.getKey() + ".mlir"), library.getValue());
      linkArgs.addAll(List.of("--link-module", library.getKey() + ".mlir"));
    }
    List<List<String>> inputs = writeInputs(program, dir);
    List<String> compileFlags = List.of("--compile-from=" + phase);

    StringBuilder commands = new StringBuilder();
    commands.append("# ").append(title(seed)).append('\n');
    split.notes().forEach(n -> commands.append("# ").append(n).append('\n'));
    commands
        .append("iree-link ")
        .append(String.join(" ", linkArgs))
        .append(" -o iree-link.mlir\n")
        .append("mlir-link ")
        .append(String.join(" ", linkArgs))
        .append(" -o mlir-link.mlir\n");
    for (String out : List.of("unsplit", "mlir-link", "iree-link")) {
      commands
          .append("iree-compile ")
          .append(String.join(" ", IreeTools.COMPILE_FLAGS))
          .append(" --compile-from=")
          .append(phase)
          .append(' ')
          .append(out)
          .append(".mlir -o ")
          .append(out)
          .append(".vmfb\n");
    }
    for (int e = 0; e < program.entries().size(); e++) {
      commands
          .append("iree-run-module --device=local-sync --module=X.vmfb --function=")
          .append(program.entries().get(e).function());
      inputs.get(e).forEach(i -> commands.append(" --input=").append(i));
      commands.append('\n');
    }
    Files.writeString(dir.resolve("commands.sh"), commands.toString());
    String context =
        "\n["
            + title(seed)
            + "; replay with -Dmlirlink.phase.seed="
            + seed
            + "; files in "
            + dir
            + ": unsplit.mlir, main.mlir, "
            + String.join(", ", split.libraries().keySet().stream().map(l -> l + ".mlir").toList())
            + ", mlir-link.mlir, iree-link.mlir, commands.sh]\n"
            + String.join("\n", split.notes());

    // The unsplit program, compiled from the same phase, gives the expected bits.
    List<byte[]> expected =
        EXPECTED.computeIfAbsent(
            program.name() + "@" + phase,
            k -> {
              Path vmfb =
                  IreeTools.compile(lowered.text(), compileFlags)
                      .require("the unsplit text of " + program.name() + " at " + phase);
              return run(program, vmfb, inputs);
            });

    List<String> problems = new ArrayList<>();

    // Ours: must link, compile and give the same bits.
    Linker.Builder builder = Linker.builder().main(Source.of(dir.resolve("main.mlir")));
    for (String library : split.libraries().keySet()) {
      builder.linkModule(Source.of(dir.resolve(library + ".mlir")));
    }
    LinkResult ours = builder.build().link();
    String ourOutcome;
    if (!ours.succeeded()) {
      ourOutcome = "link fails: " + firstLine(ours.formattedDiagnostics());
      problems.add("we fail to link:\n" + ours.formattedDiagnostics());
    } else {
      Files.writeString(dir.resolve("mlir-link.mlir"), ours.text());
      IreeTools.Compiled compiled = IreeTools.compile(ours.text(), compileFlags);
      if (!compiled.ok()) {
        ourOutcome = "compile fails: " + firstError(compiled.errors());
        problems.add(
            "iree-compile --compile-from="
                + phase
                + " rejects our output (mlir-link.mlir):\n"
                + compiled.errors());
      } else {
        List<String> differences =
            differences(program, expected, run(program, compiled.vmfb(), inputs));
        ourOutcome = differences.isEmpty() ? "ok" : "wrong results";
        differences.forEach(d -> problems.add("our output: " + d));
      }
      // A library compiled for the main module's device names the same device: its copy of the
      // device global is that global, not a second device.
      List<String> devices = deviceGlobals(ours.text());
      List<String> unsplitDevices = deviceGlobals(lowered.text());
      if (!devices.equals(unsplitDevices)) {
        ourOutcome += ", devices " + devices;
        problems.add(
            "our output has the device globals "
                + devices
                + ", the unsplit program "
                + unsplitDevices);
      }
    }
    if (ours.succeeded()) {
      LINKED.merge(phase, 1, Integer::sum);
    }

    // iree-link: the same program, or a documented difference.
    String theirOutcome =
        ireeLinkOutcome(
            program,
            phase,
            split,
            dir,
            linkArgs,
            compileFlags,
            expected,
            inputs,
            ours.succeeded() ? ours.text() : "",
            problems);
    SUMMARY.put(key, "ours " + ourOutcome + "; iree-link " + theirOutcome);
    if (!problems.isEmpty()) {
      fail(String.join("\n", problems) + context);
    }
  }

  private static String ireeLinkOutcome(
      Program program,
      String phase,
      Split split,
      Path dir,
      List<String> linkArgs,
      List<String> compileFlags,
      List<byte[]> expected,
      List<List<String>> inputs,
      String ourText,
      List<String> problems)
      throws IOException {
    List<String> args = new ArrayList<>(linkArgs);
    args.addAll(List.of("-o", "iree-link.mlir"));
    MlirTools.Run real = IreeTools.link(args, dir);
    if (!real.ok()) {
      String error = ErrorKind.firstError(real.stderr());
      IreeLinkDifference known =
          real.exitCode() == 1 ? IreeLinkDifference.ofLinkError(error, split) : null;
      if (known != null) {
        return known.accept(error, problems);
      }
      problems.add(
          "iree-link fails (exit "
              + real.exitCode()
              + ") in a way docs/compatibility.md does not list:\n"
              + real.stderr());
      return "fails: " + error;
    }
    String theirs = Files.readString(dir.resolve("iree-link.mlir"));
    IreeTools.Compiled compiled = IreeTools.compile(theirs, compileFlags);
    if (!compiled.ok()) {
      String error = firstError(compiled.errors());
      if (error.contains(EXPORT_CLASH)) {
        return IreeLinkDifference.EXPORT_NAMES.accept(error, problems);
      }
      if (dropsInliningPolicies(ourText, theirs)) {
        return IreeLinkDifference.DEFINITION_ATTRIBUTES.accept(error, problems);
      }
      problems.add(
          "iree-compile --compile-from="
              + phase
              + " rejects iree-link's output (iree-link.mlir), a difference docs/compatibility.md"
              + " does not list:\n"
              + compiled.errors());
      return "output does not compile: " + error;
    }
    List<String> differences =
        differences(program, expected, run(program, compiled.vmfb(), inputs));
    differences.forEach(d -> problems.add("iree-link's output: " + d));
    return differences.isEmpty() ? "ok" : "wrong results";
  }

  /**
   * Whether iree-link's output lost {@code inlining_policy} attributes that ours keeps: it gives a
   * linked definition only its declaration's attributes, and a function the program kept apart may
   * then be inlined where the compiler cannot take it.
   */
  private static boolean dropsInliningPolicies(String ours, String theirs) {
    return count(ours, "inlining_policy") > count(theirs, "inlining_policy");
  }

  private static int count(String text, String word) {
    int count = 0;
    for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + word.length())) {
      count++;
    }
    return count;
  }

  /**
   * The ways iree-link may differ here, each with the section of docs/compatibility.md that must
   * list it (a {@code ## } heading or a bold {@code **...**} one, as {@code iree-link-differs}
   * files cite them).
   */
  enum IreeLinkDifference {
    /** It refuses a global that a library function uses: unresolved. */
    GLOBALS("Globals from libraries"),
    /**
     * Its output does not compile: an executable it renamed on a clash (a library's copy of one the
     * main module has) keeps the names of its exports, so two exports share a name.
     */
    EXPORT_NAMES("Executables renamed on a clash keep their export names"),
    /**
     * It takes a library's own private symbol whose name has a dot (a dispatch of a function linked
     * before, {@code @moe_components.mul_mat_id_dispatch_0}) for a reference to another module, and
     * reports it unresolved.
     */
    DOTTED_PRIVATE("A dotted name a library defines itself"),
    /**
     * Its output does not compile, having dropped a linked definition's {@code inlining_policy} (it
     * keeps only the declaration's attributes), which the program needed.
     */
    DEFINITION_ATTRIBUTES("A definition's own attributes");

    final String section;

    IreeLinkDifference(String section) {
      this.section = section;
    }

    private static final Pattern UNRESOLVED =
        Pattern.compile("unresolved external symbol:? '@?([^']+)'");

    /** Which difference a failed iree-link shows, from its first error; null when none. */
    static IreeLinkDifference ofLinkError(String error, Split split) {
      Matcher m = UNRESOLVED.matcher(error == null ? "" : error);
      if (!m.find()) {
        return null;
      }
      String name = m.group(1);
      for (String library : split.libraries().values()) {
        for (Operation op : new Module(library).ops) {
          if (!op.symbolName().orElse("").equals(name)) {
            continue;
          }
          if (op.kind() == OpKind.GLOBAL) {
            return GLOBALS;
          }
          if (name.contains(".") && op.visibility() == Visibility.PRIVATE) {
            return DOTTED_PRIVATE;
          }
        }
      }
      return null;
    }

    /** The outcome for the summary; a problem when docs/compatibility.md lacks the section. */
    String accept(String error, List<String> problems) {
      String page;
      try {
        page = Files.readString(MlirTools.projectRoot().resolve("docs/compatibility.md"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      boolean listed =
          page.contains("## " + section + "\n") || page.contains("**" + section + "**");
      if (!listed) {
        problems.add(
            "iree-link differs ("
                + name()
                + ": "
                + error
                + "), but docs/compatibility.md has no section \""
                + section
                + "\" that lists it");
      }
      return name() + (listed ? " (documented)" : " (NOT documented)") + ": " + error;
    }
  }

  private static String firstLine(String text) {
    return text.lines().findFirst().orElse("");
  }

  private static String firstError(String stderr) {
    String error = ErrorKind.firstError(stderr);
    return error != null ? error : firstLine(stderr);
  }

  private static final Pattern DEVICE_GLOBAL =
      Pattern.compile(
          "(?m)^\\s*util\\.global [^@\\n]*@([\\w$.]+)\\b[^\\n]*:\\s*!hal\\.device\\s*$");

  /** The globals of type {@code !hal.device} a module defines, by name in order. */
  static List<String> deviceGlobals(String text) {
    List<String> names = new ArrayList<>();
    Matcher m = DEVICE_GLOBAL.matcher(text);
    while (m.find()) {
      names.add("@" + m.group(1));
    }
    return names;
  }

  /**
   * Each entry's {@code --input} values; arrays are written as {@code .npy} files in the case's
   * folder.
   */
  private static List<List<String>> writeInputs(Program program, Path dir) {
    List<List<String>> all = new ArrayList<>();
    for (Entry entry : program.entries()) {
      List<String> values = new ArrayList<>();
      for (int i = 0; i < entry.inputs().size(); i++) {
        Object input = entry.inputs().get(i);
        if (input instanceof Npy.Array array) {
          Path file = dir.resolve(entry.function() + "-" + i + ".npy");
          Npy.write(file, array);
          values.add("@" + file);
        } else {
          values.add((String) input);
        }
      }
      all.add(values);
    }
    return all;
  }

  /** Every entry's results, in order, each the bytes of a {@code .npy}. */
  private static List<byte[]> run(Program program, Path vmfb, List<List<String>> inputs) {
    List<byte[]> results = new ArrayList<>();
    for (int e = 0; e < program.entries().size(); e++) {
      Entry entry = program.entries().get(e);
      results.addAll(
          IreeTools.runModule(vmfb, entry.function(), inputs.get(e), entry.results()).npy());
    }
    return results;
  }

  /** Which results differ from the unsplit program's, each a sentence. */
  static List<String> differences(Program program, List<byte[]> expected, List<byte[]> actual) {
    List<String> out = new ArrayList<>();
    int i = 0;
    for (Entry entry : program.entries()) {
      for (int r = 0; r < entry.results(); r++, i++) {
        if (!Arrays.equals(expected.get(i), actual.get(i))) {
          out.add(
              "@"
                  + entry.function()
                  + " result "
                  + r
                  + " is "
                  + describe(Npy.read(actual.get(i)))
                  + ", the unsplit program gives "
                  + describe(Npy.read(expected.get(i))));
        }
      }
    }
    return out;
  }

  private static String describe(Npy.Array array) {
    String values =
        switch (array.descr()) {
          case "<f4" -> Arrays.toString(array.floats());
          case "<i4" -> Arrays.toString(array.ints());
          default -> "";
        };
    return Arrays.toString(array.shape()) + " " + array.descr() + " " + values;
  }
}
