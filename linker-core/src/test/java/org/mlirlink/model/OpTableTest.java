package org.mlirlink.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mlirlink.model.OpTable.Answer;

/** What the committed op table says, and when it is read. */
class OpTableTest {
  @Test
  void everyOpOpKindNamesIsASymbolOpInTheTable() {
    for (OpKind kind : OpKind.values()) {
      for (String name : kind.opNames()) {
        // `module` is builtin.module's short name; the table has only full names.
        String full = name.equals("module") ? "builtin.module" : name;
        assertEquals(Answer.YES, OpTable.inTable(full), kind + ": " + full);
        assertEquals(Answer.YES, OpTable.definesSymbol(name), kind + ": " + name);
      }
    }
  }

  @Test
  void everyExecutableOpIsASymbolOpInTheTable() {
    for (String executable :
        List.of(
            "flow.executable", "hal.executable", "hal.executable.source", "stream.executable")) {
      assertEquals(Answer.YES, OpTable.inTable(executable), executable);
      assertEquals(Answer.YES, OpTable.definesSymbol(executable), executable);
    }
  }

  @Test
  void anOpThatOnlyNamesAFunctionDefinesNoSymbol() {
    assertEquals(Answer.NO, OpTable.definesSymbol("iree_codegen.dispatch_config"));
    assertEquals(Answer.NO, OpTable.definesSymbol("util.global.load"));
  }

  @Test
  void symbolOpsOfDialectsOpKindLeavesToTheTable() {
    assertEquals(Answer.YES, OpTable.definesSymbol("transform.named_sequence"));
    assertEquals(Answer.YES, OpTable.definesSymbol("llvm.mlir.global"));
    assertEquals(Answer.YES, OpTable.definesSymbol("hal.executable.variant"));
  }

  @Test
  void symbolOpsOfDialectsWithoutBindingsAreInTheTable() {
    assertEquals(Answer.YES, OpTable.definesSymbol("ml_program.global"));
    assertEquals(Answer.YES, OpTable.definesSymbol("spirv.module"));
    assertEquals(Answer.NO, OpTable.definesSymbol("iree_linalg_ext.topk"));
  }

  @Test
  void anOpOfADialectTheReleaseLacksIsUnknown() {
    assertEquals(Answer.UNKNOWN, OpTable.definesSymbol("acme.config"));
    assertEquals(Answer.UNKNOWN, OpTable.definesSymbol("mhlo.constant"));
    assertEquals(Answer.UNKNOWN, OpTable.definesSymbol("func"), "not an op name");
  }

  /**
   * Every row of the table is found by its name, with the answer its row gives, and a name the
   * table lacks is not, however close it sorts to one it has: the look-up is a search over the
   * sorted text, so the first and last rows, prefixes and extensions of names are the edges.
   */
  @Test
  void everyRowIsFoundByItsNameAndNoOtherNameIs() throws Exception {
    String text;
    try (InputStream in = OpTable.class.getResourceAsStream(OpTable.FILE)) {
      text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
    Set<String> names = new HashSet<>();
    for (String row : text.split("\n")) {
      if (!row.startsWith("#")) {
        String[] fields = row.split("\t");
        names.add(fields[0]);
        Answer expected = fields[1].equals("S") ? Answer.YES : Answer.NO;
        assertEquals(expected, OpTable.inTable(fields[0]), row);
        assertTrue(OpTable.layout(fields[0]).isPresent(), row);
      }
    }
    assertTrue(names.size() > 4000, names.size() + " rows");
    for (String name : names) {
      for (String near :
          List.of(
              name + "x",
              name + " ",
              name.substring(0, name.length() - 1),
              "~" + name,
              name + "~")) {
        if (!names.contains(near)) {
          assertEquals(Answer.UNKNOWN, OpTable.inTable(near), near);
          assertFalse(OpTable.layout(near).isPresent(), near);
        }
      }
    }
    for (String outside : List.of("", "a", "\u0000", "~", "zzzz.last")) {
      assertEquals(Answer.UNKNOWN, OpTable.inTable(outside), outside);
    }
  }

  /**
   * The table is read only for an op OpKind does not name: a link of functions and globals never
   * pays for it. Checked in a class loader of its own, whose classes start unloaded.
   */
  @Test
  void theTableIsReadOnlyWhenAnOpOpKindDoesNotNameIsAskedAbout() throws Exception {
    URL classes = OpTable.class.getProtectionDomain().getCodeSource().getLocation();
    Set<String> loaded = new HashSet<>();
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader()) {
          // Our classes from `classes`, never from a parent (which would find them loaded).
          @Override
          protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("org.mlirlink.")) {
              return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
              Class<?> found = findLoadedClass(name);
              if (found == null) {
                loaded.add(name);
                found = findClass(name);
              }
              return found;
            }
          }
        }) {
      Method definesSymbol =
          loader.loadClass(OpTable.class.getName()).getMethod("definesSymbol", String.class);
      String table = OpTable.class.getName() + "$Loaded";
      assertEquals("YES", definesSymbol.invoke(null, "util.func").toString());
      assertEquals("YES", definesSymbol.invoke(null, "module").toString());
      assertFalse(loaded.contains(table), loaded.toString());
      assertEquals("NO", definesSymbol.invoke(null, "iree_codegen.dispatch_config").toString());
      assertTrue(loaded.contains(table), loaded.toString());
    }
  }
}
