package org.mlirlink.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.mlirlink.LinkResult;
import org.mlirlink.Linker;
import org.mlirlink.Source;
import org.mlirlink.testing.IreeTools;
import org.mlirlink.testing.MlirTools;
import org.mlirlink.testing.Npy;
import org.opentest4j.AssertionFailedError;

/**
 * Random module graphs linked by the real {@code iree-link} and by us, then compared by what IREE
 * makes of the two outputs: both are compiled with {@code iree-compile} and every public entry
 * function of the main module is run with the same input through {@code iree-run-module}; the
 * results must be the same bytes. Where {@code iree-link} refuses a graph we must refuse it too,
 * with an error of the same kind about the same symbol.
 *
 * <p>A graph is a main module ({@code @main}: public entries, private helpers named like the
 * libraries' helpers, globals, dotted declarations of library functions) and two to four named
 * library modules, each given as its own {@code --link-module} file or, sometimes, several in one
 * archive (an anonymous module holding named modules); sometimes also a library without a module
 * name, whose public functions the main module declares by their plain names. Library functions
 * have private helpers whose names collide across modules and with the main module's names, public
 * functions called by qualified name from other libraries (and sometimes from their own module),
 * chains, diamonds, functions nothing uses and declarations nothing calls; in some graphs a module
 * name that must be quoted. Bodies compute on i32, some through f32 and a small tensor. Every
 * function adds its own constant {@code K}, which identifies it in an output whatever it was
 * renamed to.
 *
 * <p>Some graphs have a cycle (mutual or self recursion that stops at 0 through {@code scf.if}).
 * {@code iree-compile} 3.13 does not finish on any recursive {@code util.func}, so those outputs
 * are not run: both are printed by {@code iree-opt} (which parses and verifies them) and compared
 * with every function named by its constant. That structural comparison is made for every graph.
 *
 * <p>Left out on purpose, because {@code docs/compatibility.md} lists them as deliberate
 * differences: plain-name references to another module's public function, one qualified name
 * defined twice, globals in library modules, ops at an archive's top level, and a main module that
 * declares one name twice. A few graphs carry one deliberate fault (a declaration nobody defines,
 * or one whose type differs from the definition).
 *
 * <p>Each graph comes from one {@code long}; a failure message names it and all the files. {@code
 * -Dmlirlink.graph.seed=N} runs that single graph, {@code -Dmlirlink.graph.base=N} another set.
 */
class IreeLinkGraphDifferentialTest {

  /** Private helper names: they collide across libraries and with the main module's own names. */
  private static final String[] PRIVATE_NAMES = {
    "helper", "helper_0", "f", "entry0", "counter", "tmp", "g"
  };

  /**
   * Public names of library functions (qualified by their module, so they may repeat). None is a
   * name the main module defines: iree-link 3.13 then renames the public function to NAME_N instead
   * of qualifying it, and leaves the main module's declaration of MODULE.NAME unresolved while it
   * still exits with 0. That is iree-link's fault, so no graph here has it.
   */
  private static final String[] PUBLIC_NAMES = {"g", "run", "step", "tmp", "apply"};

  /**
   * Private names of the library without a module name: none is a public name of a named library.
   * When such a file comes before the named module, iree-link 3.13 fails a call to the private
   * function ("undefined/incompatible callee"; the link case anonymous-private-named-like-a-public
   * pins it), so no graph here has it.
   */
  private static final String[] ANONYMOUS_PRIVATE_NAMES = {
    "helper", "helper_0", "f", "entry0", "counter"
  };

  /** Public names of the anonymous library, unique among all public names and the main module's. */
  private static final String[] ANONYMOUS_PUBLIC_NAMES = {"twice", "triple", "square"};

  private static final String[] COMBINE = {"arith.addi", "arith.xori", "arith.muli", "arith.subi"};

  // ------------------------------------------------------------------ the graph

  enum Fault {
    NONE,
    UNDEFINED_IN_MAIN,
    WRONG_TYPE_IN_MAIN,
    UNDEFINED_IN_LIBRARY
  }

  static final class Fn {
    final String module; // "main" for the main module's own functions
    final String name;
    final boolean isPublic;
    final int k;
    final boolean usesFloat;
    boolean usesTensor;
    final List<Fn> callees = new ArrayList<>();
    final List<Boolean> guarded = new ArrayList<>();

    /**
     * Per call (missing: false): a call to the module's own public function written with the
     * module's name, which the module then declares.
     */
    final List<Boolean> selfQualified = new ArrayList<>();

    String undefinedCall; // a dotted name that nothing defines (the UNDEFINED_IN_LIBRARY fault)

    Fn(String module, String name, boolean isPublic, int k, boolean usesFloat) {
      this.module = module;
      this.name = name;
      this.isPublic = isPublic;
      this.k = k;
      this.usesFloat = usesFloat;
    }

    String qualified() {
      return module.isEmpty() ? name : module + "." + name;
    }

    boolean selfQualified(int call) {
      return call < selfQualified.size() && selfQualified.get(call);
    }

    /** How a function of {@code from} writes a call to this one (unquoted). */
    String refFrom(String from, boolean selfQualified) {
      return from.equals(module) && !selfQualified ? name : qualified();
    }
  }

  static final class Graph {
    final long seed;
    final List<String> libraries = new ArrayList<>();
    final Map<String, List<Fn>> fns = new LinkedHashMap<>();
    final List<Fn> mainFns = new ArrayList<>();
    final List<Fn> entries = new ArrayList<>();

    /** Dotted names the main module declares, with the function each should resolve to. */
    final Map<String, Fn> mainDeclared = new LinkedHashMap<>();

    final Set<String> archived = new LinkedHashSet<>();
    final Map<String, String> files = new LinkedHashMap<>();
    final List<String> linkOrder = new ArrayList<>();
    final Map<String, Integer> inputs = new LinkedHashMap<>();
    Fault fault = Fault.NONE;
    String faultSymbol;
    boolean cycle;
    boolean globals;
    String mainText;

    Graph(long seed) {
      this.seed = seed;
    }

    String describe() {
      StringBuilder out =
          new StringBuilder(
              "graph seed "
                  + seed
                  + " (rerun with -Dmlirlink.graph.seed="
                  + seed
                  + "), fault "
                  + fault
                  + (cycle ? ", with a cycle" : "")
                  + "\n--- main.mlir\n"
                  + mainText);
      files.forEach((name, text) -> out.append("--- ").append(name).append('\n').append(text));
      out.append("--- order: ").append(linkOrder).append(", inputs ").append(inputs).append('\n');
      return out.toString();
    }
  }

  static Graph generate(long seed) {
    Random rnd = new Random(seed);
    Graph g = new Graph(seed);
    int nextK = 1000 + rnd.nextInt(50) * 100;
    int libraries = 2 + rnd.nextInt(3);
    // Every library function has a rank; calls go to higher ranks, so without the one added back
    // edge the call graph is acyclic.
    List<Fn> ranked = new ArrayList<>();
    boolean quoted = rnd.nextInt(4) == 0;
    // Sometimes one more library without a module name (its ops at the top level of its file),
    // whose public functions the main module declares by their plain names.
    boolean anonymous = rnd.nextInt(3) == 0;
    for (int i = 0; i < libraries + (anonymous ? 1 : 0); i++) {
      // A name that must be quoted (@"m-1", @"m-1.run") in some graphs.
      String module = i == libraries ? "" : quoted && i == 1 ? "m-1" : "m" + i;
      g.libraries.add(module);
      List<Fn> fns = new ArrayList<>();
      Set<String> used = new HashSet<>();
      int publics = 1 + rnd.nextInt(3);
      int privates = 1 + rnd.nextInt(3);
      for (int j = 0; j < publics + privates; j++) {
        boolean isPublic = j < publics;
        String[] pool =
            isPublic
                ? (module.isEmpty() ? ANONYMOUS_PUBLIC_NAMES : PUBLIC_NAMES)
                : (module.isEmpty() ? ANONYMOUS_PRIVATE_NAMES : PRIVATE_NAMES);
        String name = pool[rnd.nextInt(pool.length)];
        if (!used.add(name)) {
          continue;
        }
        Fn fn = new Fn(module, name, isPublic, nextK, rnd.nextInt(4) == 0);
        fn.usesTensor = rnd.nextInt(5) == 0;
        nextK += 7 + rnd.nextInt(5);
        fns.add(fn);
        ranked.add(fn);
      }
      g.fns.put(module, fns);
    }
    Collections.shuffle(ranked, rnd);
    for (int r = 0; r < ranked.size(); r++) {
      Fn caller = ranked.get(r);
      int calls = rnd.nextInt(4);
      for (int c = 0; c < calls && r + 1 < ranked.size(); c++) {
        // Bias towards near ranks so that chains get long; repeats and shared callees give
        // diamonds.
        int span = ranked.size() - r - 1;
        Fn callee = ranked.get(r + 1 + Math.min(span - 1, rnd.nextInt(Math.min(span, 3 + c * 2))));
        // Another module's public function by its qualified name; an anonymous module's public
        // functions have none, and a plain-name reference across modules is a deliberate
        // difference, so only the main module calls them.
        if (callee.module.equals(caller.module) || (callee.isPublic && !callee.module.isEmpty())) {
          caller.callees.add(callee);
          caller.guarded.add(rnd.nextInt(3) == 0);
          caller.selfQualified.add(
              callee.module.equals(caller.module) && callee.isPublic && rnd.nextInt(3) == 0);
        }
      }
    }

    // The main module: its own helpers (named like library helpers), globals, entries.
    g.globals = rnd.nextBoolean();
    List<Fn> publics = ranked.stream().filter(f -> f.isPublic).toList();
    Fn helper = new Fn("main", "helper", false, nextK++, false);
    Fn helper0 = new Fn("main", rnd.nextBoolean() ? "helper_0" : "f", false, nextK++, true);
    g.mainFns.add(helper);
    g.mainFns.add(helper0);
    int entries = 1 + rnd.nextInt(2);
    for (int e = 0; e < entries; e++) {
      Fn entry = new Fn("main", "entry" + e, true, nextK++, e == 0);
      g.entries.add(entry);
      g.inputs.put(entry.name, rnd.nextInt(2001) - 1000);
    }
    int declared = 1 + rnd.nextInt(Math.min(3, publics.size()));
    List<Fn> shuffled = new ArrayList<>(publics);
    Collections.shuffle(shuffled, rnd);
    for (Fn f : shuffled.subList(0, declared)) {
      g.mainDeclared.put(f.qualified(), f);
    }
    List<Fn> targets = new ArrayList<>(g.mainDeclared.values());
    // The first declared function is called by a main helper; the others by entries. One
    // declaration is sometimes left uncalled (declared but unused: it is still resolved).
    helper.callees.add(targets.get(0));
    helper.guarded.add(false);
    for (int t = 1; t < targets.size(); t++) {
      if (t == targets.size() - 1 && rnd.nextInt(3) == 0) {
        continue;
      }
      Fn entry = g.entries.get(rnd.nextInt(entries));
      entry.callees.add(targets.get(t));
      entry.guarded.add(rnd.nextInt(3) == 0);
    }
    helper0.callees.add(targets.get(targets.size() - 1));
    helper0.guarded.add(true);
    for (Fn entry : g.entries) {
      entry.callees.add(helper);
      entry.guarded.add(false);
      if (rnd.nextBoolean()) {
        entry.callees.add(helper0);
        entry.guarded.add(false);
      }
    }

    // A cycle, through a function that the main module reaches: a call back from one of its
    // descendants (or from itself).
    if (rnd.nextInt(5) == 0) {
      List<Fn> reached = new ArrayList<>(reachable(targets));
      Fn top = reached.get(rnd.nextInt(reached.size()));
      List<Fn> below = new ArrayList<>(reachable(List.of(top)));
      Fn back = below.get(rnd.nextInt(below.size()));
      if ((top.isPublic && !top.module.isEmpty()) || top.module.equals(back.module)) {
        back.callees.add(top);
        back.guarded.add(true);
        g.cycle = true;
      }
    }

    // One deliberate fault in some graphs.
    int faultRoll = rnd.nextInt(12);
    if (faultRoll == 0) {
      g.fault = Fault.UNDEFINED_IN_MAIN;
      g.faultSymbol = g.libraries.get(0) + ".missing";
    } else if (faultRoll == 1) {
      g.fault = Fault.WRONG_TYPE_IN_MAIN;
      g.faultSymbol = targets.get(0).qualified();
    } else if (faultRoll == 2) {
      g.fault = Fault.UNDEFINED_IN_LIBRARY;
      Fn carrier = targets.get(0);
      g.faultSymbol = "m9.absent";
      carrier.undefinedCall = g.faultSymbol;
    }

    // Files: some libraries in one archive, the rest one file each, given in a random order.
    if (libraries >= 2 && rnd.nextInt(5) < 2) {
      for (String lib : g.libraries) {
        if (!lib.isEmpty() && (g.archived.size() < 2 || rnd.nextBoolean())) {
          g.archived.add(lib);
        }
      }
    }
    for (String lib : g.libraries) {
      if (lib.isEmpty()) {
        g.files.put("top.mlir", writeModule(g, lib, ""));
      } else if (!g.archived.contains(lib)) {
        g.files.put(lib + ".mlir", writeModule(g, lib, ""));
      }
    }
    if (!g.archived.isEmpty()) {
      StringBuilder archive = new StringBuilder("module {\n");
      for (String lib : g.archived) {
        archive.append(writeModule(g, lib, "  "));
      }
      g.files.put("archive.mlir", archive.append("}\n").toString());
    }
    g.linkOrder.addAll(g.files.keySet());
    Collections.shuffle(g.linkOrder, rnd);
    g.mainText = writeMain(g, rnd);
    return g;
  }

  /** A symbol reference, quoted when the name is not a bare identifier. */
  static String sym(String name) {
    return name.matches("[A-Za-z_][\\w.$]*") ? "@" + name : "@\"" + name + "\"";
  }

  static Set<Fn> reachable(List<Fn> from) {
    Set<Fn> seen = new LinkedHashSet<>();
    List<Fn> work = new ArrayList<>(from);
    while (!work.isEmpty()) {
      Fn f = work.remove(work.size() - 1);
      if (seen.add(f)) {
        work.addAll(f.callees);
      }
    }
    return seen;
  }

  // ------------------------------------------------------------------ writing MLIR

  private static String writeModule(Graph g, String module, String indent) {
    boolean bare = module.isEmpty();
    StringBuilder out = new StringBuilder(bare ? "" : indent + "module " + sym(module) + " {\n");
    String in = bare ? indent : indent + "  ";
    Set<String> declarations = new LinkedHashSet<>();
    for (Fn f : g.fns.get(module)) {
      for (int i = 0; i < f.callees.size(); i++) {
        Fn callee = f.callees.get(i);
        if (!callee.module.equals(module) || f.selfQualified(i)) {
          declarations.add(callee.qualified());
        }
      }
      if (f.undefinedCall != null) {
        declarations.add(f.undefinedCall);
      }
    }
    // A module cannot declare a name it defines (one symbol table, one op per name): in a module
    // without a name, a call to its own public function by its qualified name is its plain name.
    for (Fn f : g.fns.get(module)) {
      declarations.remove(f.qualified());
    }
    // Declarations before and after the definitions, so that order does not matter; sometimes one
    // nobody calls and nobody defines, which must not stop a link that does not need it.
    List<String> decls = new ArrayList<>(declarations);
    int half = decls.size() / 2;
    for (String d : decls.subList(0, half)) {
      out.append(in).append("util.func private ").append(sym(d)).append("(%arg0: i32) -> i32\n");
    }
    if ((g.seed + module.hashCode()) % 3 == 0) {
      out.append(in).append("util.func private @nowhere.unused(%arg0: i32) -> i32\n");
    }
    for (Fn f : g.fns.get(module)) {
      writeFunction(f, in, out);
    }
    for (String d : decls.subList(half, decls.size())) {
      out.append(in).append("util.func private ").append(sym(d)).append("(%arg0: i32) -> i32\n");
    }
    return bare ? out.toString() : out.append(indent).append("}\n").toString();
  }

  private static String writeMain(Graph g, Random rnd) {
    StringBuilder out = new StringBuilder("module @main {\n");
    if (g.globals) {
      out.append("  util.global private mutable @counter = ")
          .append(rnd.nextInt(100))
          .append(" : i32\n");
      out.append("  util.global private @scale = ").append(2 + rnd.nextInt(9)).append(" : i32\n");
    }
    List<String> declarations = new ArrayList<>(g.mainDeclared.keySet());
    for (String d : declarations) {
      String type =
          g.fault == Fault.WRONG_TYPE_IN_MAIN && d.equals(g.faultSymbol)
              ? "(%arg0: i32, %arg1: i32) -> i32"
              : "(%arg0: i32) -> i32";
      out.append("  util.func private ").append(sym(d)).append(type).append('\n');
    }
    if (g.fault == Fault.UNDEFINED_IN_MAIN) {
      out.append("  util.func private @").append(g.faultSymbol).append("(%arg0: i32) -> i32\n");
    }
    for (Fn f : g.mainFns) {
      writeFunction(f, "  ", out, g);
    }
    for (Fn e : g.entries) {
      writeFunction(e, "  ", out, g);
    }
    return out.append("}\n").toString();
  }

  private static void writeFunction(Fn f, String in, StringBuilder out) {
    writeFunction(f, in, out, null);
  }

  /**
   * One function: {@code K} combined with the argument, an optional detour through f32, then each
   * callee's result combined in, some calls inside an {@code scf.if} that passes {@code x - 1} and
   * stops at 0. In the main module (g given) the first entry returns an f32 too and uses the
   * globals (it reads and bumps {@code @counter}, {@code @helper} reads {@code @scale}), and calls
   * to the faulty declarations are added.
   */
  private static void writeFunction(Fn f, String in, StringBuilder out, Graph g) {
    boolean entry = f.module.equals("main") && f.isPublic;
    boolean twoResults = entry && f.name.equals("entry0");
    String results = twoResults ? "(i32, f32)" : "i32";
    out.append(in)
        .append("util.func ")
        .append(f.isPublic ? "public" : "private")
        .append(" @")
        .append(f.name)
        .append("(%x: i32) -> ")
        .append(results)
        .append(" {\n");
    String b = in + "  ";
    out.append(b).append("%k = arith.constant ").append(f.k).append(" : i32\n");
    out.append(b).append("%v0 = ").append(COMBINE[f.k % COMBINE.length]).append(" %x, %k : i32\n");
    int v = 0;
    if (g != null && g.globals && (f.name.equals("helper") || twoResults)) {
      String global = f.name.equals("helper") ? "scale" : "counter";
      out.append(b).append("%gl = util.global.load @").append(global).append(" : i32\n");
      out.append(b)
          .append("%v")
          .append(v + 1)
          .append(" = arith.addi %v")
          .append(v)
          .append(", %gl : i32\n");
      v++;
      if (twoResults) {
        out.append(b).append("%gn = arith.addi %gl, %k : i32\n");
        out.append(b).append("util.global.store %gn, @counter : i32\n");
      }
    }
    if (f.usesFloat) {
      // Through f32 exactly: the low 16 bits convert without rounding, halving is exact.
      out.append(b).append("%mask = arith.constant 65535 : i32\n");
      out.append(b).append("%lo = arith.andi %v").append(v).append(", %mask : i32\n");
      out.append(b).append("%fl = arith.sitofp %lo : i32 to f32\n");
      out.append(b).append("%half = arith.constant 5.000000e-01 : f32\n");
      out.append(b).append("%hf = arith.mulf %fl, %half : f32\n");
      out.append(b).append("%hi = arith.fptosi %hf : f32 to i32\n");
      out.append(b)
          .append("%v")
          .append(v + 1)
          .append(" = arith.addi %v")
          .append(v)
          .append(", %hi : i32\n");
      v++;
    }
    if (f.usesTensor) {
      // Through a small tensor: [v, K] times [3, 5], element 0 back.
      out.append(b)
          .append("%tv = tensor.from_elements %v")
          .append(v)
          .append(", %k : tensor<2xi32>\n");
      out.append(b).append("%tc = arith.constant dense<[3, 5]> : tensor<2xi32>\n");
      out.append(b).append("%tm = arith.muli %tv, %tc : tensor<2xi32>\n");
      out.append(b).append("%ti = arith.constant 0 : index\n");
      out.append(b).append("%te = tensor.extract %tm[%ti] : tensor<2xi32>\n");
      out.append(b)
          .append("%v")
          .append(v + 1)
          .append(" = arith.xori %v")
          .append(v)
          .append(", %te : i32\n");
      v++;
    }
    List<String> refs = new ArrayList<>();
    List<Boolean> guarded = new ArrayList<>(f.guarded);
    for (int i = 0; i < f.callees.size(); i++) {
      refs.add(f.callees.get(i).refFrom(f.module, f.selfQualified(i)));
    }
    if (f.undefinedCall != null) {
      refs.add(f.undefinedCall);
      guarded.add(false);
    }
    if (g != null && f.name.equals("entry0") && g.fault == Fault.UNDEFINED_IN_MAIN) {
      refs.add(g.faultSymbol);
      guarded.add(false);
    }
    boolean anyGuard = guarded.contains(true);
    if (anyGuard) {
      out.append(b).append("%c0 = arith.constant 0 : i32\n");
      out.append(b).append("%c1 = arith.constant 1 : i32\n");
      out.append(b).append("%pos = arith.cmpi sgt, %x, %c0 : i32\n");
    }
    for (int i = 0; i < refs.size(); i++) {
      String ref = refs.get(i);
      String op = COMBINE[(f.k / 7 + i) % 2]; // addi or xori: a call's result always matters
      String type =
          g != null && g.fault == Fault.WRONG_TYPE_IN_MAIN && ref.equals(g.faultSymbol)
              ? "(i32, i32) -> i32"
              : "(i32) -> i32";
      String args = type.startsWith("(i32, i32)") ? "%v" + v + ", %x" : "%v" + v;
      if (guarded.get(i)) {
        out.append(b).append("%r").append(i).append(" = scf.if %pos -> (i32) {\n");
        out.append(b).append("  %d").append(i).append(" = arith.subi %x, %c1 : i32\n");
        out.append(b)
            .append("  %s")
            .append(i)
            .append(" = util.call ")
            .append(sym(ref))
            .append("(%d")
            .append(i)
            .append(args.substring(("%v" + v).length()))
            .append(") : ")
            .append(type)
            .append('\n');
        out.append(b).append("  scf.yield %s").append(i).append(" : i32\n");
        out.append(b).append("} else {\n");
        out.append(b).append("  scf.yield %v").append(v).append(" : i32\n");
        out.append(b).append("}\n");
      } else {
        out.append(b)
            .append("%r")
            .append(i)
            .append(" = util.call ")
            .append(sym(ref))
            .append('(')
            .append(args)
            .append(") : ")
            .append(type)
            .append('\n');
      }
      out.append(b)
          .append("%v")
          .append(v + 1)
          .append(" = ")
          .append(op)
          .append(" %v")
          .append(v)
          .append(", %r")
          .append(i)
          .append(" : i32\n");
      v++;
    }
    if (twoResults) {
      // The counter as it was read, so that the state of the globals shows in a result directly
      // (through the i32 result a changed value could be masked by an xori).
      String f32 = g.globals ? "%gl" : "%v" + v;
      out.append(b).append("%out = arith.sitofp ").append(f32).append(" : i32 to f32\n");
      out.append(b).append("util.return %v").append(v).append(", %out : i32, f32\n");
    } else {
      out.append(b).append("util.return %v").append(v).append(" : i32\n");
    }
    out.append(in).append("}\n");
  }

  // ------------------------------------------------------------------ linking both ways

  /** What one linker made of a graph: the output, or the first error's kind and symbol. */
  record Linked(String text, String errorKind, String errorSymbol, String log) {
    boolean ok() {
      return text != null;
    }
  }

  private static final Pattern ERROR =
      Pattern.compile("error: (unresolved external symbol|type mismatch for symbol):? '([^']+)'");

  static Linked errorOf(String log) {
    Matcher m = ERROR.matcher(log);
    return m.find()
        ? new Linked(null, m.group(1), m.group(2), log)
        : new Linked(null, "other", null, log);
  }

  static Linked linkWithIree(Graph g, Path dir) {
    List<String> args = new ArrayList<>(List.of("main.mlir"));
    for (String file : g.linkOrder) {
      args.add("--link-module");
      args.add(file);
    }
    args.addAll(List.of("-o", "iree-out.mlir"));
    MlirTools.Run run = IreeTools.link(args, dir);
    if (!run.ok()) {
      return errorOf(run.stderr() + run.stdout());
    }
    return new Linked(read(dir.resolve("iree-out.mlir")), null, null, run.stderr());
  }

  static Linked linkWithUs(Graph g, Path dir) {
    Linker.Builder builder = Linker.builder().main(Source.of(dir.resolve("main.mlir")));
    for (String file : g.linkOrder) {
      builder.linkModule(Source.of(dir.resolve(file)));
    }
    LinkResult result = builder.build().link();
    if (!result.succeeded()) {
      return errorOf(result.formattedDiagnostics());
    }
    return new Linked(result.text(), null, null, result.formattedDiagnostics());
  }

  // ------------------------------------------------------------------ comparing

  /** Fails unless every result is the same bytes (a {@code .npy} each). */
  static void assertSameResults(String what, List<byte[]> expected, List<byte[]> actual) {
    assertEquals(expected.size(), actual.size(), what + ": number of results");
    for (int i = 0; i < expected.size(); i++) {
      if (!Arrays.equals(expected.get(i), actual.get(i))) {
        fail(
            what
                + ": result "
                + i
                + " differs: iree-link's output gives "
                + Npy.read(expected.get(i))
                + ", ours gives "
                + Npy.read(actual.get(i)));
      }
    }
  }

  private static final Pattern FUNC_HEADER =
      Pattern.compile("(?m)^  util\\.func (?:(public|private) )?@(\"[^\"]*\"|[\\w.$-]+)\\(");

  /** A {@code util.func} without a body. */
  private static final Pattern DECLARATION = Pattern.compile("(?m)^\\s*util\\.func [^{\\n]*$");

  private static final Pattern FIRST_CONSTANT = Pattern.compile("arith\\.constant (-?\\d+) : i32");
  private static final Pattern SYMBOL_REF = Pattern.compile("@(\"[^\"]*\"|[\\w.$-]+)");

  /**
   * A module as {@code iree-opt} prints it, reduced to what linking decides: each function of the
   * top-level module by its constant {@code K} instead of its name (private names may differ),
   * calls likewise, sorted. Names of public functions and of the main module's declarations, which
   * both linkers must keep, stay next to the {@code K}.
   */
  static List<String> canonical(String printed, Set<String> keptNames) {
    Map<String, String> byName = new HashMap<>();
    List<int[]> spans = new ArrayList<>();
    List<String> names = new ArrayList<>();
    Matcher header = FUNC_HEADER.matcher(printed);
    List<Integer> starts = new ArrayList<>();
    while (header.find()) {
      starts.add(header.start());
      names.add(unquote(header.group(2)));
    }
    for (int i = 0; i < starts.size(); i++) {
      int start = starts.get(i);
      int end = printed.indexOf("\n  }\n", start);
      if (end < 0 || (i + 1 < starts.size() && end > starts.get(i + 1))) {
        end = printed.indexOf('\n', start); // a declaration: one line
      } else {
        end += 4;
      }
      spans.add(new int[] {start, end});
      Matcher k = FIRST_CONSTANT.matcher(printed.substring(start, end));
      String id = k.find() ? "K" + k.group(1) : "decl";
      String name = names.get(i);
      byName.put(name, keptNames.contains(name) ? name + "=" + id : id);
    }
    List<String> out = new ArrayList<>();
    for (int[] span : spans) {
      Matcher ref = SYMBOL_REF.matcher(printed.substring(span[0], span[1]));
      StringBuilder text = new StringBuilder();
      while (ref.find()) {
        String to = byName.get(unquote(ref.group(1)));
        ref.appendReplacement(
            text, Matcher.quoteReplacement("@" + (to == null ? ref.group(1) : to)));
      }
      ref.appendTail(text);
      out.add(text.toString());
    }
    Collections.sort(out);
    return out;
  }

  private static String unquote(String name) {
    return name.startsWith("\"") ? name.substring(1, name.length() - 1) : name;
  }

  /** {@code iree-opt} parses, verifies and prints a module in MLIR's one form. */
  static String printWithIreeOpt(String text, String what, String context) {
    Path opt = IreeTools.require("iree-opt");
    MlirTools.Run run = MlirTools.run(List.of(opt.toString(), "-"), text);
    assertTrue(
        run.ok(), () -> "iree-opt rejects " + what + ":\n" + run.stderr() + "\n" + text + context);
    return run.stdout();
  }

  // ------------------------------------------------------------------ the property

  /** How many graphs a run checks. */
  static final int GRAPHS = 40;

  /**
   * {@value #GRAPHS} graphs whose seeds come from a fixed base, so that every run (CI's too) is
   * judged on the same, reproducible inputs; {@code -Dmlirlink.graph.base=N} explores another
   * {@value #GRAPHS}, and {@code -Dmlirlink.graph.seed=N} checks the one graph a failure named.
   */
  @TestFactory
  Stream<DynamicTest> ireeRunsOurOutputLikeIreeLinksOutput() {
    String one = System.getProperty("mlirlink.graph.seed");
    List<Long> seeds = new ArrayList<>();
    if (one != null && !one.isBlank()) {
      seeds.add(Long.parseLong(one.trim()));
    } else {
      Random base = new Random(Long.getLong("mlirlink.graph.base", 20_261_130L));
      for (int i = 0; i < GRAPHS; i++) {
        seeds.add(base.nextLong());
      }
    }
    return seeds.stream()
        .map(seed -> DynamicTest.dynamicTest("graph " + seed, () -> checkGraph(generate(seed))));
  }

  static void checkGraph(Graph g) throws IOException {
    checkGraph(g, UnaryOperator.identity());
  }

  /** {@code onOurs} changes our output before it is compared (to show that a change is caught). */
  static void checkGraph(Graph g, UnaryOperator<String> onOurs) throws IOException {
    Path dir = Files.createTempDirectory("graph");
    try {
      Files.writeString(dir.resolve("main.mlir"), g.mainText);
      for (Map.Entry<String, String> file : g.files.entrySet()) {
        Files.writeString(dir.resolve(file.getKey()), file.getValue());
      }
      String context = "\n=== " + g.describe();
      Linked iree = linkWithIree(g, dir);
      Linked linked = linkWithUs(g, dir);
      Linked ours =
          linked.ok() ? new Linked(onOurs.apply(linked.text()), null, null, linked.log()) : linked;
      if (!iree.ok()) {
        assertTrue(
            g.fault != Fault.NONE,
            () ->
                "iree-link refused a graph meant to be valid:\n"
                    + iree.log()
                    + "ours "
                    + (ours.ok() ? "linked it" : "said:\n" + ours.log())
                    + context);
        assertFalse(
            ours.ok(),
            () ->
                "iree-link refused the graph, we linked it:\n"
                    + iree.log()
                    + "=== ours\n"
                    + ours.text()
                    + context);
        assertEquals(
            iree.errorKind() + " " + iree.errorSymbol(),
            ours.errorKind() + " " + ours.errorSymbol(),
            "not the same error:\n" + iree.log() + "=== ours\n" + ours.log() + context);
        assertEquals(
            g.faultSymbol,
            iree.errorSymbol(),
            "iree-link's error is not about the fault" + context);
        return;
      }
      assertEquals(
          Fault.NONE, g.fault, "iree-link linked a graph with a fault:\n" + iree.text() + context);
      assertTrue(ours.ok(), () -> "we refused a graph iree-link linked:\n" + ours.log() + context);
      String both = context + "=== iree-link's output\n" + iree.text() + "=== ours\n" + ours.text();
      assertFalse(
          DECLARATION.matcher(iree.text()).find(),
          "iree-link's output still declares a function (iree-link left it unresolved)" + both);
      assertFalse(
          DECLARATION.matcher(ours.text()).find(), "our output still declares a function" + both);

      Set<String> kept = new HashSet<>(g.mainDeclared.keySet());
      g.mainFns.forEach(f -> kept.add(f.name));
      g.entries.forEach(f -> kept.add(f.name));
      List<String> irees =
          canonical(printWithIreeOpt(iree.text(), "iree-link's output", both), kept);
      List<String> oursCanonical =
          canonical(printWithIreeOpt(ours.text(), "our output", both), kept);
      assertEquals(
          String.join("", irees),
          String.join("", oursCanonical),
          "the outputs differ in what calls what (functions named by their constant)" + both);
      if (g.cycle) {
        return; // iree-compile does not finish on recursion
      }
      Path ireeVmfb = IreeTools.compile(iree.text()).require("iree-link's output" + both);
      Path ourVmfb = IreeTools.compile(ours.text()).require("our output" + both);
      for (Fn entry : g.entries) {
        int results = entry.name.equals("entry0") ? 2 : 1;
        List<String> input = List.of(String.valueOf(g.inputs.get(entry.name)));
        IreeTools.Results expected = IreeTools.runModule(ireeVmfb, entry.name, input, results);
        IreeTools.Results actual = IreeTools.runModule(ourVmfb, entry.name, input, results);
        assertSameResults(
            "@" + entry.name + "(" + input.get(0) + ")" + both, expected.npy(), actual.npy());
      }
    } finally {
      MlirTools.deleteRecursively(dir);
    }
  }

  // ------------------------------------------------------------------ the checks can fail

  @Test
  void differentResultBytesAreReported() {
    byte[] five = Npy.bytes(Npy.Array.i32(new int[] {5}));
    byte[] six = Npy.bytes(Npy.Array.i32(new int[] {6}));
    byte[] fiveF = Npy.bytes(Npy.Array.f32(new float[] {5}));
    assertSameResults("same", List.of(five, fiveF), List.of(five.clone(), fiveF.clone()));
    AssertionFailedError error =
        assertThrows(
            AssertionFailedError.class,
            () -> assertSameResults("@entry0(1)", List.of(five, fiveF), List.of(six, fiveF)));
    assertTrue(error.getMessage().contains("result 0 differs"), error.getMessage());
    // -0.0 and 0.0 are equal as floats but not as bits: the comparison is of bits.
    byte[] zero = Npy.bytes(Npy.Array.f32(new float[] {0f}));
    byte[] negativeZero = Npy.bytes(Npy.Array.f32(new float[] {-0f}));
    assertThrows(
        AssertionFailedError.class,
        () -> assertSameResults("f32", List.of(zero), List.of(negativeZero)));
    assertThrows(
        AssertionFailedError.class,
        () -> assertSameResults("count", List.of(five), List.of(five, five)));
  }

  private static final String PRINTED =
      """
      module @main {
        util.func private @m0.run(%arg0: i32) -> i32 {
          %c1000_i32 = arith.constant 1000 : i32
          %0 = util.call @helper_0(%arg0) : (i32) -> i32
          util.return %0 : i32
        }
        util.func private @helper_0(%arg0: i32) -> i32 {
          %c1007_i32 = arith.constant 1007 : i32
          util.return %arg0 : i32
        }
        util.func private @helper_1(%arg0: i32) -> i32 {
          %c1014_i32 = arith.constant 1014 : i32
          util.return %arg0 : i32
        }
        util.func private @helper(%arg0: i32) -> i32 {
          %c1021_i32 = arith.constant 1021 : i32
          %0 = util.call @helper_1(%arg0) : (i32) -> i32
          util.return %0 : i32
        }
      }
      """;

  @Test
  void structuralComparisonIgnoresPrivateNamesAndOrderButNotWhatIsCalled() {
    Set<String> kept = Set.of("m0.run", "helper");
    // The two copied helpers under each other's names, and in another order: the same program.
    String renamed =
        PRINTED
            .replace("helper_0", "TMP")
            .replace("helper_1", "helper_0")
            .replace("TMP", "helper_1");
    assertEquals(canonical(PRINTED, kept), canonical(renamed, kept));
    // @m0.run calling the other helper is another program.
    String rewired = PRINTED.replace("util.call @helper_0(", "util.call @helper_1(");
    assertFalse(canonical(PRINTED, kept).equals(canonical(rewired, kept)));
    // The main module's @helper must stay the function it was.
    String swapped =
        PRINTED
            .replace("@helper(", "@X(")
            .replace("@helper_1(", "@helper(")
            .replace("@X(", "@helper_1(");
    assertFalse(canonical(PRINTED, kept).equals(canonical(swapped, kept)));
  }

  @Test
  void errorsAreComparedByKindAndSymbol() {
    Linked iree =
        errorOf(
            "loc(\"main.mlir\":1:1): error: type mismatch for symbol 'm0.run': expected '(i32) -> i32'");
    Linked ours =
        errorOf(
            "main.mlir:2:21: error: type mismatch for symbol 'm0.run': expected (i32) -> i32, got");
    assertEquals(iree.errorKind() + iree.errorSymbol(), ours.errorKind() + ours.errorSymbol());
    Linked unresolved = errorOf("error: unresolved external symbol: 'm0.run'");
    assertEquals("unresolved external symbol", unresolved.errorKind());
    assertFalse(
        (iree.errorKind() + iree.errorSymbol())
            .equals(unresolved.errorKind() + unresolved.errorSymbol()));
    assertEquals("other", errorOf("Segmentation fault").errorKind());
  }

  /**
   * The whole check on a graph whose linked output we change in a way only running it shows: a
   * global's initial value, which the first entry adds to its result.
   */
  @Test
  void aWrongOutputIsCaughtByRunningIt() throws IOException {
    long seed = 0;
    while (!(generate(seed).globals
        && generate(seed).fault == Fault.NONE
        && !generate(seed).cycle)) {
      seed++;
    }
    Graph g = generate(seed);
    checkGraph(g); // unchanged, it passes
    Pattern counter = Pattern.compile("(@counter = )(\\d+)");
    AssertionFailedError error =
        assertThrows(
            AssertionFailedError.class,
            () ->
                checkGraph(
                    generate(g.seed),
                    text -> {
                      Matcher m = counter.matcher(text);
                      assertTrue(m.find(), text);
                      return m.replaceFirst("$1" + (Integer.parseInt(m.group(2)) + 1));
                    }));
    assertTrue(
        error.getMessage().startsWith("@entry0(")
            && error.getMessage().contains(" differs: iree-link's"),
        error.getMessage());
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
