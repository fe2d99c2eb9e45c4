package org.mlirlink.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.statistics.Statistics;
import org.mlirlink.LinkResult;
import org.mlirlink.Linker;
import org.mlirlink.Source;
import org.mlirlink.report.LinkedSymbol;
import org.mlirlink.testing.MlirTools;

/**
 * Random but valid link problems in upstream dialects ({@code func.func}, {@code func.call}, {@code
 * arith} on {@code i32}), linked and checked against the linker's invariants:
 *
 * <ol>
 *   <li>the link succeeds;
 *   <li>{@code mlir-opt-22} parses and verifies the output (every call resolves, types agree);
 *   <li>semantics are preserved: every function adds its own constant {@code K} and combines what
 *       its callees return, so {@code @main()} has one value determined by the call graph; the
 *       output's call graph (each function recognised by its constant) must be the generated one,
 *       and the output lowered to LLVM and run with {@code mlir-runner-22} must return the value
 *       computed here;
 *   <li>structure: every op of the target is kept as written and in order, except that each
 *       declaration is replaced in place by its definition (same name, same visibility); every
 *       function reachable from the target's declarations is copied once, nothing else is; copied
 *       functions are private; no declaration is left; the report names every linked op once, under
 *       its output name, with the op that needed it.
 * </ol>
 *
 * <p>Function names come from a small pool so that collisions (between private symbols, between a
 * source symbol and the target's own {@code @main}, {@code @helper} or {@code @f}) are frequent.
 * The generator avoids what is an error or ambiguous by design: two anonymous modules defining the
 * same public name, and a plain-name reference to a public symbol that more than one source module
 * defines.
 */
class LinkPropertyTest {

  private static final String[] POOL = {"f", "g", "h", "helper", "main", "f_0", "q-1"};

  /** Names of the target's own functions besides {@code @main}. */
  private static final String[] TARGET_OWN = {"helper", "f", "f_0"};

  /** More calls than this at run time and the execution check is skipped (it would be slow). */
  private static final long MAX_DYNAMIC_CALLS = 2_000_000;

  // ------------------------------------------------------------------ raw generated choices

  /**
   * kind: 0 own module by plain name, 1 dotted name of another named module, 2 plain cross. form: 0
   * {@code func.call @g(...)}, 1 generic {@code "func.call"(...) <{callee = @g}>}, 2 inside an
   * {@code scf.execute_region}, 3 {@code func.constant @g} and {@code func.call_indirect}.
   */
  record RawCall(int kind, int pick, int form) {}

  /** generic: the definition in generic form, {@code "func.func"() <{...}> ({...})}. */
  record RawFn(int name, boolean isPublic, List<RawCall> calls, boolean generic) {}

  /**
   * form: 0 named, 1 anonymous implicit top level, 2 anonymous {@code module {...}}. alias (of the
   * file; an archive takes its first module's): 0 none, 1 {@code !t = i32} written for every i32 of
   * the module, 2 {@code !t = i64} used by one more op in each function.
   */
  record RawModule(int form, List<RawFn> fns, int alias) {}

  /**
   * form: 0 {@code module @main}, 1 {@code module}, 2 implicit top level. alias: the target defines
   * {@code !t = i16}, used by one op of {@code @main}.
   */
  record RawTarget(
      int form,
      List<Integer> decls,
      List<Integer> own,
      boolean ownPublic,
      List<Integer> ownCalls,
      boolean alias) {}

  /**
   * archive: the named modules go into one file, an archive, with the first anonymous one; cycles:
   * calls may form cycles (then the output is not run, only verified and compared).
   */
  record Raw(List<RawModule> modules, RawTarget target, boolean archive, boolean cycles) {}

  private static final RandomDistribution UNIFORM = RandomDistribution.uniform();

  @Provide
  Arbitrary<Raw> problems() {
    Arbitrary<RawCall> call =
        Combinators.combine(
                Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 99),
                Arbitraries.integers().between(0, 3))
            .as(RawCall::new);
    Arbitrary<RawFn> fn =
        Combinators.combine(
                Arbitraries.integers().between(0, POOL.length - 1),
                Arbitraries.of(true, false),
                call.list().ofMinSize(0).ofMaxSize(3).withSizeDistribution(UNIFORM),
                Arbitraries.of(false, true))
            .as(RawFn::new);
    Arbitrary<RawModule> module =
        Combinators.combine(
                Arbitraries.integers().between(0, 2),
                fn.list().ofMinSize(1).ofMaxSize(6).withSizeDistribution(UNIFORM),
                Arbitraries.integers().between(0, 2))
            .as(RawModule::new);
    Arbitrary<RawTarget> target =
        Combinators.combine(
                Arbitraries.integers().between(0, 2),
                Arbitraries.integers()
                    .between(0, 99)
                    .list()
                    .ofMinSize(1)
                    .ofMaxSize(3)
                    .withSizeDistribution(UNIFORM),
                Arbitraries.integers()
                    .between(0, TARGET_OWN.length - 1)
                    .list()
                    .ofMinSize(0)
                    .ofMaxSize(2)
                    .withSizeDistribution(UNIFORM),
                Arbitraries.of(false, true),
                Arbitraries.integers()
                    .between(0, 99)
                    .list()
                    .ofMinSize(0)
                    .ofMaxSize(2)
                    .withSizeDistribution(UNIFORM),
                Arbitraries.of(false, true))
            .as(RawTarget::new);
    return Combinators.combine(
            module.list().ofMinSize(1).ofMaxSize(4).withSizeDistribution(UNIFORM),
            target,
            Arbitraries.of(false, true),
            Arbitraries.of(false, false, true))
        .as(Raw::new);
  }

  // ------------------------------------------------------------------ the problem

  static final class Fn {
    final int id;
    final Mod module; // null: the target's own function
    final String name;
    boolean isPublic;
    final int k;
    final List<Fn> callees = new ArrayList<>();
    final List<String> calleeRefs = new ArrayList<>();
    String file; // the file it is written in
    int line; // line of its header in its file, 1-based
    boolean generic;
    boolean usesOtherAlias; // one more op, %w = arith.constant 1 : !t

    /** How it writes i32. */
    String type() {
      return module != null && module.alias == 1 ? "!t" : "i32";
    }

    final List<Integer> callForms = new ArrayList<>();

    Fn(int id, Mod module, String name, boolean isPublic, int k) {
      this.id = id;
      this.module = module;
      this.name = name;
      this.isPublic = isPublic;
      this.k = k;
    }

    /** Its name as other modules write it, if it may be found from outside. */
    String qualified() {
      return module == null || module.name == null ? name : module.name + "." + name;
    }

    @Override
    public String toString() {
      return (module == null ? "main.mlir" : file) + ":" + line + ":@" + name + "(K=" + k + ")";
    }
  }

  static final class Mod {
    final int index;
    final String name; // null: anonymous
    final boolean implicit;
    final List<Fn> fns = new ArrayList<>();
    final Set<String> declared = new LinkedHashSet<>();
    int alias;

    Mod(int index, String name, boolean implicit) {
      this.index = index;
      this.name = name;
      this.implicit = implicit;
    }

    Fn fn(String local) {
      return fns.stream().filter(f -> f.name.equals(local)).findFirst().orElse(null);
    }
  }

  /** A target op: its text, and for a declaration the source function it stands for. */
  record TargetOp(String text, String declaredName, Fn resolvesTo) {}

  static final class Problem {
    final List<Mod> modules = new ArrayList<>();
    final Map<String, String> files = new LinkedHashMap<>();
    final List<TargetOp> targetOps = new ArrayList<>();
    Fn main;
    String targetText;
    String targetAlias;
    String targetHeader;
    String targetFooter;

    String describe() {
      StringBuilder out = new StringBuilder("--- main.mlir\n").append(targetText);
      for (Map.Entry<String, String> file : files.entrySet()) {
        out.append("--- ").append(file.getKey()).append('\n').append(file.getValue());
      }
      return out.toString();
    }
  }

  static Problem build(Raw raw) {
    Problem p = new Problem();
    int nextId = 0;
    for (int i = 0; i < raw.modules().size(); i++) {
      RawModule rm = raw.modules().get(i);
      // Odd-numbered named modules have a name that must be quoted: @"m-1", @"m-1.f".
      Mod m = new Mod(i, rm.form() == 0 ? (i % 2 == 1 ? "m-" : "m") + i : null, rm.form() == 1);
      m.alias = rm.alias();
      p.modules.add(m);
      for (RawFn rf : rm.fns()) {
        String name = POOL[rf.name()];
        if (m.fn(name) != null) {
          continue;
        }
        boolean isPublic = rf.isPublic();
        if (isPublic && m.name == null && anonymousPublic(p, name) != null) {
          isPublic = false; // the same public name in two anonymous modules is an error
        }
        int id = nextId++;
        Fn fn = new Fn(id, m, name, isPublic, 100 + 37 * id);
        fn.generic = rf.generic();
        m.fns.add(fn);
      }
    }
    if (p.modules.stream().flatMap(m -> m.fns.stream()).noneMatch(f -> f.isPublic)) {
      p.modules.get(0).fns.get(0).isPublic = true;
    }
    // Calls, without cycles (the execution check must terminate).
    for (int i = 0; i < raw.modules().size(); i++) {
      Mod m = p.modules.get(i);
      List<RawFn> kept = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (RawFn rf : raw.modules().get(i).fns()) {
        if (seen.add(POOL[rf.name()])) {
          kept.add(rf);
        }
      }
      for (int j = 0; j < m.fns.size(); j++) {
        Fn caller = m.fns.get(j);
        for (RawCall rc : kept.get(j).calls()) {
          List<Fn> candidates = new ArrayList<>();
          for (Mod other : p.modules) {
            for (Fn f : other.fns) {
              if (!raw.cycles() && (f == caller || reaches(f, caller))) {
                continue;
              }
              boolean ok =
                  switch (rc.kind()) {
                    case 0 -> other == m;
                    // A dotted reference is looked up as written, even to the module's own symbol.
                    case 1 -> other.name != null && f.isPublic;
                    default ->
                        other != m
                            && f.isPublic
                            && m.fn(f.name) == null
                            && publicDefiners(p, f.name) == 1;
                  };
              if (ok) {
                candidates.add(f);
              }
            }
          }
          if (candidates.isEmpty()) {
            continue;
          }
          Fn callee = candidates.get(rc.pick() % candidates.size());
          String ref =
              rc.kind() == 0 ? callee.name : rc.kind() == 1 ? callee.qualified() : callee.name;
          caller.callees.add(callee);
          caller.calleeRefs.add(ref);
          caller.callForms.add(rc.form());
          if (rc.kind() != 0) {
            m.declared.add(ref);
          }
        }
      }
    }
    writeFiles(p, raw.archive());
    // No public function but an anonymous @main: nothing the target could declare.
    return buildTarget(p, raw.target(), nextId) ? p : null;
  }

  private static Fn anonymousPublic(Problem p, String name) {
    for (Mod m : p.modules) {
      if (m.name == null) {
        Fn f = m.fn(name);
        if (f != null && f.isPublic) {
          return f;
        }
      }
    }
    return null;
  }

  private static int publicDefiners(Problem p, String name) {
    int count = 0;
    for (Mod m : p.modules) {
      Fn f = m.fn(name);
      if (f != null && f.isPublic) {
        count++;
      }
    }
    return count;
  }

  private static int reachCount(Fn from) {
    Set<Fn> seen = new HashSet<>();
    List<Fn> work = new ArrayList<>(List.of(from));
    while (!work.isEmpty()) {
      Fn f = work.remove(work.size() - 1);
      if (seen.add(f)) {
        work.addAll(f.callees);
      }
    }
    return seen.size();
  }

  private static boolean reaches(Fn from, Fn to) {
    if (from == to) {
      return true;
    }
    for (Fn callee : from.callees) {
      if (reaches(callee, to)) {
        return true;
      }
    }
    return false;
  }

  private static void writeFiles(Problem p, boolean archive) {
    List<Mod> named = p.modules.stream().filter(m -> m.name != null).toList();
    Mod top = p.modules.stream().filter(m -> m.name == null).findFirst().orElse(null);
    for (Mod m : p.modules) {
      if (archive && !named.isEmpty() && (m.name != null || m == top)) {
        if (m == named.get(0)
            || (m == top && p.modules.indexOf(top) < p.modules.indexOf(named.get(0)))) {
          // An anonymous module holding named modules; its own ops are an anonymous module too.
          String file = "archive.mlir";
          int alias = m.alias;
          List<Mod> inArchive = new ArrayList<>(named);
          if (top != null) {
            inArchive.add(top);
          }
          inArchive.forEach(a -> a.alias = alias);
          StringBuilder out = new StringBuilder(aliasDefinition(alias)).append("module {\n");
          if (top != null) {
            writeModule(top, file, "  ", true, out);
          }
          for (Mod n : named) {
            writeModule(n, file, "  ", false, out);
          }
          p.files.put(file, out.append("}\n").toString());
        }
        continue;
      }
      String file = "s" + m.index + ".mlir";
      StringBuilder out = new StringBuilder(aliasDefinition(m.alias));
      writeModule(m, file, "", m.implicit, out);
      p.files.put(file, out.toString());
    }
  }

  private static String aliasDefinition(int alias) {
    return alias == 1 ? "!t = i32\n" : alias == 2 ? "!t = i64\n" : "";
  }

  private static void writeModule(
      Mod m, String file, String base, boolean bare, StringBuilder out) {
    String indent = bare ? base : base + "  ";
    if (!bare) {
      out.append(base).append(m.name == null ? "module {\n" : "module " + sym(m.name) + " {\n");
    }
    for (String declared : m.declared) {
      String t = m.alias == 1 ? "!t" : "i32";
      out.append(indent)
          .append("func.func private ")
          .append(sym(declared))
          .append("(" + t + ") -> " + t + "\n");
    }
    for (Fn f : m.fns) {
      f.usesOtherAlias = m.alias == 2;
      f.file = file;
      f.line = (int) out.chars().filter(c -> c == '\n').count() + 1;
      out.append(functionText(f, indent, false));
    }
    if (!bare) {
      out.append(base).append("}\n");
    }
  }

  /** {@code @name}, quoted when it is not a bare identifier. */
  static String sym(String name) {
    return name.matches("[A-Za-z_][\\w.$]*") ? "@" + name : "@\"" + name + "\"";
  }

  /** {@code a = x + K; acc = a; for each callee: acc = acc * 3 + callee(a); return acc}. */
  private static String functionText(Fn f, String indent, boolean noArgument) {
    StringBuilder out = new StringBuilder();
    String in = indent + "  ";
    String t = f.type();
    String fnType = "(" + t + ") -> " + t;
    if (f.generic) {
      out.append(indent)
          .append("\"func.func\"() <{function_type = " + fnType + ", sym_name = \"")
          .append(f.name)
          .append('"')
          .append(f.isPublic ? "" : ", sym_visibility = \"private\"")
          .append("}> ({\n")
          .append(indent)
          .append("^bb0(%x: " + t + "):\n");
    } else {
      out.append(indent)
          .append("func.func ")
          .append(f.isPublic ? "" : "private ")
          .append(sym(f.name))
          .append(noArgument ? "() -> " + t + " {\n" : "(%x: " + t + ") -> " + t + " {\n");
    }
    if (noArgument) {
      out.append(in).append("%x = arith.constant 0 : i32\n");
    }
    out.append(in).append("%k = arith.constant ").append(f.k).append(" : " + t + "\n");
    if (f.usesOtherAlias) {
      out.append(in).append("%w = arith.constant 1 : !t\n");
    }
    out.append(in).append("%a = arith.addi %x, %k : " + t + "\n");
    String acc = "%a";
    if (!f.callees.isEmpty()) {
      out.append(in).append("%three = arith.constant 3 : " + t + "\n");
    }
    for (int i = 0; i < f.calleeRefs.size(); i++) {
      String callee = sym(f.calleeRefs.get(i));
      int form = i < f.callForms.size() ? f.callForms.get(i) : 0;
      switch (form) {
        case 1 ->
            out.append(in)
                .append("%r")
                .append(i)
                .append(" = \"func.call\"(%a) <{callee = ")
                .append(callee)
                .append("}> : " + fnType + "\n");
        case 2 ->
            out.append(in)
                .append("%r")
                .append(i)
                .append(" = scf.execute_region -> " + t + " {\n")
                .append(in)
                .append("  %e = func.call ")
                .append(callee)
                .append("(%a) : " + fnType + "\n")
                .append(in)
                .append("  scf.yield %e : " + t + "\n")
                .append(in)
                .append("}\n");
        case 3 ->
            out.append(in)
                .append("%p")
                .append(i)
                .append(" = func.constant ")
                .append(callee)
                .append(" : " + fnType + "\n")
                .append(in)
                .append("%r")
                .append(i)
                .append(" = func.call_indirect %p")
                .append(i)
                .append("(%a) : " + fnType + "\n");
        default ->
            out.append(in)
                .append("%r")
                .append(i)
                .append(" = func.call ")
                .append(callee)
                .append("(%a) : " + fnType + "\n");
      }
      out.append(in)
          .append("%m")
          .append(i)
          .append(" = arith.muli ")
          .append(acc)
          .append(", %three : " + t + "\n");
      out.append(in)
          .append("%s")
          .append(i)
          .append(" = arith.addi %m")
          .append(i)
          .append(", %r")
          .append(i)
          .append(" : " + t + "\n");
      acc = "%s" + i;
    }
    if (f.generic) {
      out.append(in).append("func.return ").append(acc).append(" : " + t + "\n");
      out.append(indent).append("}) : () -> ()\n");
    } else {
      out.append(in).append("return ").append(acc).append(" : " + t + "\n");
      out.append(indent).append("}\n");
    }
    return out.toString();
  }

  private static boolean buildTarget(Problem p, RawTarget rt, int nextId) {
    // What the target may declare: a public function by the name it has from outside, and a
    // named module's public function also by its plain name when no other module defines it.
    List<Fn> candidates = new ArrayList<>();
    List<String> candidateNames = new ArrayList<>();
    for (Mod m : p.modules) {
      for (Fn f : m.fns) {
        if (!f.isPublic) {
          continue;
        }
        // The target defines @main: it cannot also declare an anonymous module's public @main.
        if (!f.qualified().equals("main")) {
          candidates.add(f);
          candidateNames.add(f.qualified());
        }
        if (m.name != null && !f.name.equals("main") && publicDefiners(p, f.name) == 1) {
          candidates.add(f);
          candidateNames.add(f.name);
        }
      }
    }
    if (candidates.isEmpty()) {
      return false;
    }
    List<Fn> declared = new ArrayList<>();
    List<String> declaredNames = new ArrayList<>();
    for (int pick : rt.decls()) {
      // Picks below 40 take the candidate reaching the most functions, so that links are big.
      int i = pick % candidates.size();
      if (pick < 40) {
        for (int j = 0; j < candidates.size(); j++) {
          if (!declaredNames.contains(candidateNames.get(j))
              && reachCount(candidates.get(j)) > reachCount(candidates.get(i))) {
            i = j;
          }
        }
      }
      if (!declaredNames.contains(candidateNames.get(i))) {
        declared.add(candidates.get(i));
        declaredNames.add(candidateNames.get(i));
      }
    }
    List<Fn> own = new ArrayList<>();
    Set<String> ownNames = new HashSet<>();
    for (int pick : rt.own()) {
      String name = TARGET_OWN[pick];
      if (!declaredNames.contains(name) && ownNames.add(name)) {
        own.add(new Fn(nextId, null, name, rt.ownPublic() ^ own.isEmpty(), 100 + 37 * nextId));
        nextId++;
      }
    }
    for (Fn f : own) {
      for (int pick : rt.ownCalls()) {
        int i = pick % declared.size();
        f.callees.add(declared.get(i));
        f.calleeRefs.add(declaredNames.get(i));
      }
    }
    Fn main = new Fn(nextId, null, "main", true, 100 + 37 * nextId);
    for (int i = 0; i < declared.size(); i++) {
      main.callees.add(declared.get(i));
      main.calleeRefs.add(declaredNames.get(i));
    }
    for (Fn f : own) {
      main.callees.add(f);
      main.calleeRefs.add(f.name);
    }
    p.main = main;
    main.usesOtherAlias = rt.alias();
    p.targetAlias = rt.alias() ? "!t = i16\n" : "";
    boolean implicit = rt.form() == 2;
    String indent = implicit ? "" : "  ";
    p.targetHeader = implicit ? "" : rt.form() == 0 ? "module @main {\n" : "module {\n";
    p.targetFooter = implicit ? "" : "}\n";
    for (int i = 0; i < declared.size(); i++) {
      String text = indent + "func.func private " + sym(declaredNames.get(i)) + "(i32) -> i32\n";
      p.targetOps.add(new TargetOp(text, declaredNames.get(i), declared.get(i)));
    }
    for (Fn f : own) {
      p.targetOps.add(new TargetOp(functionText(f, indent, false), null, null));
    }
    p.targetOps.add(new TargetOp(functionText(main, indent, true), null, null));
    StringBuilder text = new StringBuilder(p.targetAlias).append(p.targetHeader);
    for (TargetOp op : p.targetOps) {
      text.append(op.text());
    }
    p.targetText = text.append(p.targetFooter).toString();
    return true;
  }

  // ------------------------------------------------------------------ expectations

  /** The value of {@code f(x)} as {@code A * x + B} (i32 arithmetic wraps like Java's int). */
  record Affine(int a, int b) {}

  static Affine value(Fn f, Map<Fn, Affine> memo) {
    Affine known = memo.get(f);
    if (known != null) {
      return known;
    }
    int accA = 1;
    int accB = f.k;
    for (Fn callee : f.callees) {
      Affine c = value(callee, memo);
      // callee(a) with a = x + K: c.a * x + c.a * K + c.b
      accA = accA * 3 + c.a();
      accB = accB * 3 + c.a() * f.k + c.b();
    }
    Affine result = new Affine(accA, accB);
    memo.put(f, result);
    return result;
  }

  static long dynamicCalls(Fn f, Map<Fn, Long> memo) {
    Long known = memo.get(f);
    if (known != null) {
      return known;
    }
    long calls = 1;
    for (Fn callee : f.callees) {
      calls = Math.min(Long.MAX_VALUE / 4, calls + dynamicCalls(callee, memo));
    }
    memo.put(f, calls);
    return calls;
  }

  /** The source functions linking must copy: what the target's declarations reach. */
  static Set<Fn> reachable(Problem p) {
    Set<Fn> out = new LinkedHashSet<>();
    List<Fn> work = new ArrayList<>();
    for (TargetOp op : p.targetOps) {
      if (op.resolvesTo() != null) {
        work.add(op.resolvesTo());
      }
    }
    while (!work.isEmpty()) {
      Fn f = work.remove(work.size() - 1);
      if (out.add(f)) {
        work.addAll(f.callees);
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ the output, read back

  private static final String NAME = "(\"[^\"]*\"|[\\w.$]+)";
  private static final Pattern HEADER =
      Pattern.compile(
          "(?m)^[ \\t]*func\\.func (private )?@"
              + NAME
              + "\\(([^)]*)\\) -> [!\\w.]+( \\{)?$"
              + "|\"func\\.func\"\\(\\) <\\{([^}]*)\\}> \\(\\{");
  private static final Pattern SYM_NAME = Pattern.compile("sym_name = \"([^\"]*)\"");
  private static final Pattern SYM_VISIBILITY = Pattern.compile("sym_visibility = \"(\\w+)\"");
  private static final Pattern CONSTANT = Pattern.compile("%k = arith\\.constant (\\d+) : ");
  private static final Pattern CALL =
      Pattern.compile(
          "func\\.call @"
              + NAME
              + "\\(|callee = @"
              + NAME
              + "\\}>|func\\.constant @"
              + NAME
              + " :");

  private static String unquote(String name) {
    return name.startsWith("\"") ? name.substring(1, name.length() - 1) : name;
  }

  /** One function of the output: name, visibility, the constant that identifies it, its calls. */
  record OutFn(String name, boolean isPrivate, int k, List<String> calls, int at) {}

  static List<OutFn> functions(String output) {
    List<OutFn> out = new ArrayList<>();
    Matcher header = HEADER.matcher(output);
    while (header.find()) {
      String name;
      boolean isPrivate;
      if (header.group(5) != null) {
        Matcher symName = SYM_NAME.matcher(header.group(5));
        assertTrue(symName.find(), "no sym_name in " + header.group());
        name = symName.group(1);
        Matcher visibility = SYM_VISIBILITY.matcher(header.group(5));
        isPrivate = visibility.find() && visibility.group(1).equals("private");
      } else {
        assertNotNull(header.group(4), "a declaration is left in the output: " + header.group());
        name = unquote(header.group(2));
        isPrivate = header.group(1) != null;
      }
      int end = output.indexOf("return ", header.end());
      String body = output.substring(header.end(), end);
      Matcher k = CONSTANT.matcher(body);
      assertTrue(k.find(), "no constant in " + header.group());
      List<String> calls = new ArrayList<>();
      Matcher call = CALL.matcher(body);
      while (call.find()) {
        String callee =
            call.group(1) != null
                ? call.group(1)
                : call.group(2) != null ? call.group(2) : call.group(3);
        calls.add(unquote(callee));
      }
      out.add(new OutFn(name, isPrivate, Integer.parseInt(k.group(1)), calls, header.start()));
    }
    return out;
  }

  // ------------------------------------------------------------------ the properties

  static LinkResult link(Problem p) {
    Linker.Builder builder = Linker.builder().main(Source.of("main.mlir", p.targetText));
    for (Map.Entry<String, String> file : p.files.entrySet()) {
      builder.linkModule(Source.of(file.getKey(), file.getValue()));
    }
    return builder.build().link();
  }

  @Property(tries = 100, edgeCases = EdgeCasesMode.NONE)
  void linkedOutputVerifiesKeepsTheTargetAndCallsTheRightFunctions(@ForAll("problems") Raw raw) {
    Problem p = build(raw);
    Assume.that(p != null);
    String output = linkAndCheckStructure(p);
    runAndCheckValue(p, output);
  }

  /** Invariants 1, 3 (call graph) and 4; returns the output. */
  static String linkAndCheckStructure(Problem p) {
    LinkResult result = link(p);
    String context = "\n=== inputs\n" + p.describe();
    assertTrue(
        result.succeeded(), () -> "link failed:\n" + result.formattedDiagnostics() + context);
    String output = result.text();
    String all = context + "=== output\n" + output;

    // The target: kept as written, in order; declarations replaced in place under their own name.
    // New alias definitions go after the target's own, in front of its first op.
    assertTrue(output.startsWith(p.targetAlias), "target alias changed" + all);
    int at = output.indexOf(p.targetHeader, p.targetAlias.length());
    assertTrue(at >= 0, "target header changed" + all);
    assertTrue(
        output.substring(p.targetAlias.length(), at).matches("(![\\w.]+ = i(32|64)\n)*"),
        "unexpected text before the target's first op" + all);
    assertTrue(output.endsWith(p.targetFooter), "target footer changed" + all);
    at += p.targetHeader.length();
    for (TargetOp op : p.targetOps) {
      if (op.declaredName() != null) {
        // Replaced in place: the definition under this name comes after the previous target op
        // (and, checked by the next search, before the next one). Ops it pulled in may follow it.
        int from = at;
        OutFn next =
            functions(output).stream()
                .filter(f -> f.at() >= from && f.name().equals(op.declaredName()))
                .findFirst()
                .orElse(null);
        assertNotNull(next, "no definition in place of " + op.text() + all);
        assertEquals(op.declaredName(), next.name(), "in place of " + op.text() + all);
        assertEquals(
            op.resolvesTo().k,
            next.k(),
            "@" + op.declaredName() + " replaced by the wrong definition" + all);
        at = next.at() + 1;
        continue;
      }
      int found = output.indexOf(op.text(), at);
      assertTrue(found >= 0, "target op missing or out of order:\n" + op.text() + all);
      at = found + op.text().length();
    }

    // Every reachable function once, nothing else; names unique. A definition that two target
    // declarations name (@m.f and @f) replaces each of them, so it is there once per name.
    Set<Fn> reachable = reachable(p);
    Map<Fn, Integer> copies = new HashMap<>();
    for (Fn f : reachable) {
      copies.put(f, 1);
    }
    for (TargetOp op : p.targetOps) {
      if (op.resolvesTo() != null
          && p.targetOps.stream().filter(o -> o.resolvesTo() == op.resolvesTo()).count() > 1) {
        copies.put(
            op.resolvesTo(),
            (int) p.targetOps.stream().filter(o -> o.resolvesTo() == op.resolvesTo()).count());
      }
    }
    List<OutFn> functions = functions(output);
    Map<Integer, Integer> byK = new HashMap<>();
    Map<String, OutFn> byName = new HashMap<>();
    for (OutFn f : functions) {
      byK.merge(f.k(), 1, Integer::sum);
      assertNull(byName.put(f.name(), f), "@" + f.name() + " defined twice" + all);
    }
    Map<Integer, Fn> generated = new HashMap<>();
    for (Mod m : p.modules) {
      for (Fn f : m.fns) {
        generated.put(f.k, f);
        assertEquals(copies.getOrDefault(f, 0), byK.getOrDefault(f.k, 0), "copies of " + f + all);
      }
    }
    Set<String> targetDeclared = new HashSet<>();
    for (TargetOp op : p.targetOps) {
      if (op.declaredName() != null) {
        targetDeclared.add(op.declaredName());
      }
    }
    collectTarget(p.main, generated);
    // Every call goes to the function it meant (recognised by its constant), in order.
    for (OutFn out : functions) {
      Fn meant = generated.get(out.k());
      assertNotNull(meant, "unknown function in the output: " + out + all);
      if (meant.module != null && !targetDeclared.contains(out.name())) {
        assertTrue(out.isPrivate(), "linked @" + out.name() + " is not private" + all);
      }
      assertEquals(meant.callees.size(), out.calls().size(), "calls of " + meant + all);
      for (int i = 0; i < out.calls().size(); i++) {
        OutFn callee = byName.get(out.calls().get(i));
        assertNotNull(
            callee,
            "@" + out.name() + " calls @" + out.calls().get(i) + ", which is not defined" + all);
        assertEquals(
            meant.callees.get(i).k,
            callee.k(),
            "@"
                + out.name()
                + " ("
                + meant
                + ") call "
                + i
                + " to @"
                + out.calls().get(i)
                + " should reach "
                + meant.callees.get(i)
                + all);
      }
    }

    // Names: a copied function that does not replace a target declaration is written under
    // its desired name (m.f for a named module's public f, else f), or under desired_N with the
    // lowest N free in the whole output when the desired name is taken.
    Set<String> outputNames = new HashSet<>(byName.keySet());
    for (OutFn out : functions) {
      Fn meant = generated.get(out.k());
      if (meant.module == null || targetDeclared.contains(out.name())) {
        continue;
      }
      String desired = meant.module.name != null && meant.isPublic ? meant.qualified() : meant.name;
      if (out.name().equals(desired)) {
        continue;
      }
      Statistics.label("renamed").collect(true);
      assertTrue(
          out.name().matches(Pattern.quote(desired) + "_\\d+"),
          "@" + out.name() + " is not " + desired + " nor " + desired + "_N" + all);
      assertTrue(
          outputNames.contains(desired), meant + " renamed though @" + desired + " is free" + all);
      int n = Integer.parseInt(out.name().substring(desired.length() + 1));
      for (int i = 0; i < n; i++) {
        assertTrue(
            outputNames.contains(desired + "_" + i),
            "@" + out.name() + ": the lower counter " + desired + "_" + i + " is free" + all);
      }
    }
    collectStatistics(p);
    Statistics.label("an alias renamed").collect(output.contains("!t_0"));

    // The report: every linked op once, under its output name, from where it was defined.
    Map<String, Fn> byLocation = new HashMap<>();
    for (Mod m : p.modules) {
      for (Fn f : m.fns) {
        byLocation.put(f.file + ":" + f.line, f);
      }
    }
    Map<Fn, Integer> reported = new HashMap<>();
    Set<String> reportedNames = new HashSet<>();
    List<LinkedSymbol> symbols = result.report().symbols();
    for (LinkedSymbol s : symbols) {
      Fn f = byLocation.get(s.definedAt().file() + ":" + s.definedAt().line());
      assertNotNull(f, "report names an op at an unknown place: " + s + all);
      reported.merge(f, 1, Integer::sum);
      assertTrue(
          reportedNames.add(s.name()),
          "report uses the name " + s.name() + " twice: " + symbols + all);
      assertEquals(f.qualified(), s.sourceName(), "source name of " + s + all);
      OutFn out = byName.get(s.name());
      assertNotNull(out, "report names @" + s.name() + ", not in the output" + all);
      assertEquals(f.k, out.k(), "report: @" + s.name() + " is not " + f + all);
      if (targetDeclared.contains(s.name()) && s.neededBy() == null) {
        continue;
      }
      assertNotNull(s.neededBy(), "report: " + s + " has no neededBy" + all);
      OutFn parent = byName.get(s.neededBy());
      assertNotNull(parent, "report: " + s + " needed by a function not in the output" + all);
      assertTrue(
          parent.calls().contains(s.name()),
          "report: " + s.neededBy() + " does not call " + s.name() + all);
      // An op that is not a replacement goes after the op that pulled it in.
      assertTrue(
          out.at() > parent.at(),
          "@" + s.name() + " is placed before @" + s.neededBy() + ", which needs it" + all);
    }
    assertEquals(copies, reported, "report names each copied function once: " + symbols + all);

    // mlir-opt-22 parses and verifies it.
    Path opt = MlirTools.require(MlirTools.OPT);
    MlirTools.Run run = MlirTools.run(List.of(opt.toString(), "-"), output);
    assertTrue(run.ok(), () -> "mlir-opt-22 rejects the output:\n" + run.stderr() + all);
    return output;
  }

  private static boolean reachesCycle(Fn f, Set<Fn> onPath, Set<Fn> done) {
    if (done.contains(f)) {
      return false;
    }
    if (!onPath.add(f)) {
      return true;
    }
    for (Fn callee : f.callees) {
      if (reachesCycle(callee, onPath, done)) {
        return true;
      }
    }
    onPath.remove(f);
    done.add(f);
    return false;
  }

  private static void collectStatistics(Problem p) {
    int dotted = 0;
    int plainCross = 0;
    for (Mod m : p.modules) {
      for (Fn f : m.fns) {
        for (int i = 0; i < f.callees.size(); i++) {
          if (f.callees.get(i).module != m) {
            if (f.calleeRefs.get(i).contains(".")) {
              dotted++;
            } else {
              plainCross++;
            }
          }
        }
      }
    }
    Statistics.label("dotted cross-module calls").collect(dotted > 0);
    Statistics.label("plain-name cross-module calls").collect(plainCross > 0);
    Statistics.label("archive").collect(p.files.containsKey("archive.mlir"));
    Statistics.label("plain target declaration of a named module's function")
        .collect(
            p.targetOps.stream()
                .anyMatch(
                    o ->
                        o.resolvesTo() != null
                            && o.resolvesTo().module.name != null
                            && !o.declaredName().contains(".")));
    Statistics.label("cycles").collect(reachesCycle(p.main, new HashSet<>(), new HashSet<>()));
    Statistics.label("linked functions").collect(Math.min(reachable(p).size(), 6));
  }

  private static void collectTarget(Fn f, Map<Integer, Fn> generated) {
    if (generated.put(f.k, f) == null) {
      for (Fn callee : f.callees) {
        if (callee.module == null) {
          collectTarget(callee, generated);
        }
      }
    }
  }

  private static final String LOWERING =
      "builtin.module(convert-scf-to-cf,convert-cf-to-llvm,convert-arith-to-llvm,convert-func-to-llvm,"
          + "reconcile-unrealized-casts)";

  /** Invariant 3 by execution: lowered to LLVM and run, {@code @main()} returns the value. */
  static void runAndCheckValue(Problem p, String output) {
    if (reachesCycle(p.main, new HashSet<>(), new HashSet<>())) {
      return;
    }
    if (dynamicCalls(p.main, new HashMap<>()) > MAX_DYNAMIC_CALLS) {
      return;
    }
    int expected = value(p.main, new HashMap<>()).b();
    Path opt = MlirTools.require(MlirTools.OPT);
    Path runner = MlirTools.require(MlirTools.RUNNER);
    MlirTools.Run lowered =
        MlirTools.run(List.of(opt.toString(), "--pass-pipeline=" + LOWERING, "-"), output);
    assertTrue(lowered.ok(), () -> "lowering failed:\n" + lowered.stderr() + "\n" + output);
    MlirTools.Run run =
        MlirTools.run(
            List.of(runner.toString(), "-e", "main", "-entry-point-result=i32", "-"),
            lowered.stdout());
    assertTrue(run.ok(), () -> "mlir-runner failed:\n" + run.stderr() + "\n" + output);
    assertEquals(
        String.valueOf(expected),
        run.stdout().trim(),
        "@main() returned another value\n=== inputs\n" + p.describe() + "=== output\n" + output);
  }
}
