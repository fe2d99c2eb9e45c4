package org.mlirlink.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mlirlink.read.ReaderFixtures.op;
import static org.mlirlink.read.ReaderFixtures.read;
import static org.mlirlink.read.ReaderFixtures.symbolNames;
import static org.mlirlink.read.ReaderFixtures.text;
import static org.mlirlink.read.ReaderFixtures.useRoots;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlirlink.model.AliasDefinition;
import org.mlirlink.model.FunctionSignature;
import org.mlirlink.model.MlirFile;
import org.mlirlink.model.OpKind;
import org.mlirlink.model.Operation;
import org.mlirlink.model.ResourceSection;
import org.mlirlink.model.ResourceUse;
import org.mlirlink.model.SymbolUse;
import org.mlirlink.model.TopLevelItem;
import org.mlirlink.model.Visibility;

/**
 * What the reader finds in each pitfall case of {@code testdata/reader/} (one per place in MLIR's
 * syntax where a reader that "mostly works" breaks: strings holding braces, one-line ops, generic
 * forms, aliases around a module, CRLF, tabs, Unicode, ...): ops, symbols, visibility, body ranges,
 * symbol/alias/resource uses and normalized signatures.
 */
class PitfallModelTest {

  private static FunctionSignature sig(List<String> args, List<String> results) {
    return new FunctionSignature(args, results);
  }

  @Test
  void stringsHoldingBracesSymbolsAndCommentMarkersAreText() {
    MlirFile file = read("strings.mlir");
    assertEquals(1, file.items().size());
    assertEquals(List.of("callee", "caller", "quoted name}"), symbolNames(file.operations()));

    Operation callee = op(file, "callee");
    assertTrue(callee.isDeclaration());
    assertEquals(Visibility.PRIVATE, callee.visibility());
    assertTrue(text(file, callee.range()).endsWith("@not_a_symbol // not a comment\"}"));
    assertEquals(List.of(), callee.symbolUses(), "@not_a_symbol inside a string is not a use");

    Operation caller = op(file, "caller");
    assertFalse(caller.isDeclaration());
    // Only the call is a use; "@callee } //" and "{ unbalanced { @x" are strings.
    assertEquals(List.of("callee"), useRoots(caller));
    SymbolUse use = caller.symbolUses().get(0);
    assertEquals("@callee", text(file, use.rootSpan()));
    assertTrue(file.source().locationOf(use.rootSpan().start()).line() == 6);
    String body = text(file, caller.body().orElseThrow());
    assertTrue(body.startsWith("{\n    %0 = func.call @callee(%x)"), body);
    assertTrue(body.endsWith("return %0 : i32\n  }"), body);
    assertTrue(
        text(file, caller.attributeDictionary().orElseThrow()).endsWith("tricky = \"\\\\\"}"));
    assertEquals(sig(List.of("i32"), List.of("i32")), caller.signature());

    Operation quoted = op(file, "quoted name}");
    assertEquals("@\"quoted name}\"", text(file, quoted.symbolSpan().orElseThrow()));
    assertEquals(List.of(), quoted.symbolUses(), "\"@caller\" is a string, not a use");
  }

  @Test
  void arrowsAndGreaterEqualInsideAttributesCloseNothing() {
    MlirFile file = read("affine_attrs.mlir");
    assertEquals(List.of("#map", "#set"), List.copyOf(file.aliases().keySet()));
    assertEquals(
        "affine_set<(d0):(d0-1>=0,-d0+9>=0)>", file.aliases().get("#set").normalizedValue());
    assertEquals("affine_map<(d0,d1)->(d1,d0)>", file.aliases().get("#map").normalizedValue());
    assertEquals(List.of("use_map", "after"), symbolNames(file.operations()));

    Operation useMap = op(file, "use_map");
    assertTrue(text(file, useMap.attributeDictionary().orElseThrow()).endsWith("maps = [#map]}"));
    String body = text(file, useMap.body().orElseThrow());
    assertTrue(body.startsWith("{\n    affine.if affine_set<"), body);
    assertTrue(body.endsWith("return\n  }"), body);
    assertEquals(List.of("#map", "#set"), useMap.aliasUses().stream().map(u -> u.name()).toList());
    assertEquals(sig(List.of("memref<10xf32>", "index"), List.of()), useMap.signature());

    String layout = "memref<4x4xf32,affine_map<(d0,d1)->(d1*4+d0)>>";
    assertEquals(sig(List.of(layout), List.of(layout)), op(file, "after").signature());
  }

  @Test
  void severalOpsOnOneLine() {
    MlirFile file = read("one_line_ops.mlir");
    assertTrue(file.module().isEmpty(), "more than one top-level op: an implicit module");
    assertEquals(
        List.of("a", "b", "c", "d", "inner", "g", "f_after"), symbolNames(file.operations()));
    assertEquals(
        List.of(1, 1, 1, 1, 2, 3, 3),
        file.operations().stream()
            .map(o -> file.source().locationOf(o.range().start()).line() - 1)
            .toList());
    assertEquals("func.func private @a(i32) -> i32", op(file, "a").text());
    assertEquals("func.func @d() { return }", op(file, "d").text());
    assertEquals(List.of("a", "b"), useRoots(op(file, "c")));
    assertEquals(
        "{ %0 = func.call @a(%x) : (i32) -> i32 %1 = func.call @b(%0) : (i32) -> i32 return %1 : i32 }",
        text(file, op(file, "c").body().orElseThrow()));

    Operation inner = op(file, "inner");
    assertEquals(OpKind.MODULE, inner.kind());
    assertEquals(List.of("e", "f"), symbolNames(inner.children()));
    assertEquals("func.func private @e()", op(file, "e").text());
    assertEquals(List.of("e"), useRoots(op(file, "f")));

    Operation g = op(file, "g");
    assertTrue(g.isGenericForm());
    assertTrue(g.text().endsWith("}) : () -> ()"), g.text());
    assertEquals(List.of("f_after"), useRoots(g));
    assertTrue(op(file, "f_after").isDeclaration());
  }

  @Test
  void genericFormFunctionsAndModule() {
    MlirFile file = read("generic_func.mlir");
    Operation module = file.module().orElseThrow();
    assertTrue(module.isGenericForm());
    assertEquals("builtin.module", module.opName());
    assertEquals("generic_module", file.moduleName().orElseThrow());
    assertEquals(
        List.of("generic_def", "generic_decl", "two_results", "with \"quote\""),
        symbolNames(file.operations()));

    Operation def = op(file, "generic_def");
    assertTrue(def.isGenericForm());
    assertEquals(OpKind.FUNCTION, def.kind());
    assertEquals("\"generic_def\"", text(file, def.symbolSpan().orElseThrow()));
    assertEquals(Visibility.PUBLIC, def.visibility());
    assertTrue(def.visibilitySpan().isEmpty());
    assertFalse(def.isDeclaration());
    // function_type uses the !elt alias; the signature expands it.
    assertEquals(sig(List.of("tensor<?xf32>", "index"), List.of("tensor<?xf32>")), def.signature());
    assertEquals(List.of("generic_decl"), useRoots(def));
    assertTrue(text(file, def.body().orElseThrow()).startsWith("{\n  ^bb0("));

    Operation decl = op(file, "generic_decl");
    assertEquals(Visibility.PRIVATE, decl.visibility());
    assertEquals("\"private\"", text(file, decl.visibilitySpan().orElseThrow()));
    assertTrue(decl.isDeclaration(), "an empty region is a declaration");

    Operation two = op(file, "two_results");
    assertEquals(Visibility.NESTED, two.visibility());
    assertEquals(sig(List.of(), List.of("i32", "i64")), two.signature());

    Operation quoted = op(file, "with \"quote\"");
    assertTrue(quoted.text().endsWith("{attr_after = \"x\"} : () -> ()"));
  }

  @Test
  void declarationsSpreadOverLinesWithComments() {
    MlirFile file = read("multiline_decls.mlir");
    assertEquals(List.of("decl", "decl2", "def"), symbolNames(file.operations()));

    Operation decl = op(file, "decl");
    assertTrue(decl.isDeclaration());
    assertTrue(decl.text().startsWith("func.func private @decl(\n      // the input"));
    assertTrue(decl.text().endsWith("i1              // a flag\n  )"), decl.text());
    assertEquals(
        sig(List.of("tensor<?xf32>", "f32", "index"), List.of("tensor<?xf32>", "i1")),
        decl.signature());

    Operation decl2 = op(file, "decl2");
    Operation def = op(file, "def");
    assertEquals("func.func private @decl2(i32) -> i32", decl2.text());
    assertEquals(
        file.source().locationOf(decl2.range().start()).line(),
        file.source().locationOf(def.range().start()).line());
    assertEquals(decl.signature(), def.signature());
    assertEquals(List.of("decl"), useRoots(def));
    String attributes = text(file, def.attributeDictionary().orElseThrow());
    assertTrue(attributes.contains("llvm.emit_c_interface"), attributes);
    assertEquals(
        List.of("llvm.emit_c_interface"), def.attributes().stream().map(a -> a.name()).toList());
    assertTrue(text(file, def.body().orElseThrow()).startsWith("{\n    %r:2 = func.call @decl("));
  }

  @Test
  void aliasesBeforeAndAfterTheModule() {
    MlirFile file = read("aliases_around_module.mlir");
    List<String> kinds =
        file.items().stream()
            .map(i -> i instanceof AliasDefinition a ? a.name() : ((Operation) i).opName())
            .toList();
    assertEquals(
        List.of("#map", "!t", "!pair", "#attr", "#loc0", "module", "#loc1", "#loc2", "#loc3"),
        kinds);
    assertEquals("with_aliases", file.moduleName().orElseThrow(), "aliases do not hide the module");
    assertTrue(file.module().orElseThrow().text().endsWith("} loc(#loc0)"));
    assertEquals("{tag=\"before // module\"}", file.aliases().get("#attr").normalizedValue());
    assertEquals(
        List.of("#loc1", "#loc2"),
        file.aliases().get("#loc3").aliasUses().stream().map(u -> u.name()).toList());
    assertEquals(
        List.of("!t", "!t"),
        file.aliases().get("!pair").aliasUses().stream().map(u -> u.name()).toList());

    Operation id = op(file, "id");
    assertTrue(id.text().endsWith("} loc(#loc0)"), "the trailing loc belongs to the op");
    assertEquals(
        List.of("!t", "#loc1", "#map", "#loc2", "#loc3", "#loc0"),
        id.aliasUses().stream().map(u -> u.name()).distinct().toList());
    assertEquals(sig(List.of("tensor<4xf32>"), List.of("tensor<4xf32>")), id.signature());
    assertEquals(
        sig(List.of("tuple<tensor<4xf32>,tensor<4xf32>>"), List.of("tensor<4xf32>")),
        op(file, "pair_decl").signature());
  }

  @Test
  void resourceSectionAndDenseResourceUses() {
    MlirFile file = read("resources.mlir");
    ResourceSection section = file.resources().orElseThrow();
    assertInstanceOf(ResourceSection.class, file.items().get(file.items().size() - 1));
    assertTrue(text(file, section.range()).startsWith("{-#"));
    assertTrue(text(file, section.range()).endsWith("#-}"));
    assertEquals(
        List.of("blob_i32", "blob f32", "blob_attr"),
        section.entries().stream().map(e -> e.key()).toList());
    ResourceSection.Entry quotedEntry = section.entries().get(1);
    assertEquals("\"blob f32\"", text(file, quotedEntry.keySpan()));
    assertEquals("\"0x040000000000803F00000040\"", text(file, quotedEntry.valueSpan()));
    assertEquals("dialect_resources", quotedEntry.group());
    assertEquals("builtin", quotedEntry.dialect());
    // The last entry's value ends at its string, not at the whitespace before the '}' (pins a
    // bug: the writer of a linked file copies this span).
    assertEquals(
        "\"0x040000000300000004000000\"", text(file, section.entries().get(2).valueSpan()));

    Operation weights = op(file, "weights");
    List<ResourceUse> uses = weights.resourceUses();
    assertEquals(
        List.of("blob_attr", "blob_i32", "blob f32"), uses.stream().map(u -> u.key()).toList());
    assertEquals(
        List.of("blob_attr", "blob_i32", "\"blob f32\""),
        uses.stream().map(u -> text(file, u.keySpan())).toList());
  }

  @Test
  void twoHundredNestedRegions() {
    MlirFile file = read("nested_200.mlir");
    assertEquals(List.of("leaf", "nested", "after_deep"), symbolNames(file.operations()));
    Operation nested = op(file, "nested");
    String body = text(file, nested.body().orElseThrow());
    assertEquals(200, body.split("scf.execute_region", -1).length - 1);
    assertTrue(body.endsWith("return %r0 : i32\n  }"));
    assertEquals(List.of("leaf"), useRoots(nested));
    assertEquals(
        205, file.source().locationOf(nested.symbolUses().get(0).rootSpan().start()).line());
    assertEquals(List.of("nested"), useRoots(op(file, "after_deep")));
  }

  @Test
  void crlfLineEndings() {
    MlirFile file = read("crlf.mlir");
    assertTrue(ReaderFixtures.text(file).contains("\r\n"));
    assertEquals(2, file.items().size());
    Operation ext = op(file, "ext");
    assertEquals("func.func private @ext(i32) -> i32", ext.text(), "no '\\r' in the range");
    Operation f = op(file, "f");
    assertEquals(sig(List.of("i32", "i32"), List.of("i32")), f.signature());
    assertTrue(f.text().endsWith("return %s : i32\r\n  }"));
    assertEquals(List.of("ext"), useRoots(f));
    assertTrue(file.module().orElseThrow().text().endsWith("}\r\n}"));
    assertEquals(5, file.source().locationOf(f.range().start()).line() - 1);
    assertEquals(3, file.source().locationOf(f.range().start()).column());
  }

  @Test
  void tabsBetweenTokens() {
    MlirFile file = read("tabs.mlir");
    Operation ext = op(file, "ext");
    assertEquals("func.func\tprivate\t@ext(i32)\t->\ti32", ext.text());
    assertEquals("private", text(file, ext.visibilitySpan().orElseThrow()));
    assertEquals(sig(List.of("i32"), List.of("i32")), ext.signature());
    assertEquals(List.of("ext"), useRoots(op(file, "f")));
  }

  @Test
  void unicodeInStringsCommentsAndSymbols() {
    MlirFile file = read("unicode.mlir");
    assertEquals(List.of("ext", "名前", "caller"), symbolNames(file.operations()));
    assertEquals(
        List.of("test.note"),
        file.module().orElseThrow().attributes().stream().map(a -> a.name()).toList());
    assertEquals(List.of("ext"), useRoots(op(file, "名前")));
    // @"\E5\90\8D\E5\89\8D" is the same symbol as @"名前": hex escapes are UTF-8 bytes.
    assertEquals(List.of("名前", "名前"), useRoots(op(file, "caller")));
    Operation named = op(file, "名前");
    assertEquals("@\"名前\"", text(file, named.symbolSpan().orElseThrow()));
    assertTrue(named.text().endsWith("return\n  }"));
  }

  @Test
  void trailingTextAfterTheModule() {
    MlirFile file = read("trailing.mlir");
    assertEquals(1, file.items().size());
    Operation module = file.module().orElseThrow();
    assertEquals("trailing", module.symbolName().orElseThrow());
    assertTrue(module.text().endsWith("return\n  }\n}"));
    assertTrue(
        ReaderFixtures.text(file)
            .substring((int) module.range().end())
            .startsWith("   \n\n// trailing comment"));
    assertFalse(ReaderFixtures.text(file).endsWith("\n"));
  }

  @Test
  void byteOrderMark() {
    MlirFile file = read("extensions/bom.mlir");
    assertEquals('\uFEFF', ReaderFixtures.text(file).charAt(0));
    TopLevelItem only = file.items().get(0);
    assertEquals(1, file.items().size());
    assertTrue(((Operation) only).text().startsWith("module @bom {"));
    assertEquals("bom", file.moduleName().orElseThrow());
    assertEquals(List.of("f"), symbolNames(file.operations()));
  }

  @Test
  void symbolReferenceForms() {
    MlirFile file = read("symbols.mlir");
    assertEquals(
        List.of("inner", "a$b.c_d", "_0", "refs", "with space"), symbolNames(file.operations()));
    Operation refs = op(file, "refs");
    assertEquals(
        List.of("inner", "with space", "_0", "a$b.c_d", "a$b.c_d", "_0", "with space"),
        useRoots(refs));
    SymbolUse nested = refs.symbolUses().get(0);
    assertEquals(List.of("leaf"), nested.nested());
    assertEquals("@inner", text(file, nested.rootSpan()), "only the root is renamed");
    assertEquals("@\"with space\"", text(file, refs.symbolUses().get(1).rootSpan()));
    assertEquals(List.of("leaf"), symbolNames(op(file, "inner").children()));
  }

  @Test
  void ireeUtilFunctionsWithTiedResults() {
    MlirFile file = read("iree/util_funcs.mlir");
    assertEquals(
        List.of(
            "ext.tied",
            "ext.tied_as",
            "def",
            "nested_vis",
            "default_vis",
            "global_state",
            "uses_global"),
        symbolNames(file.operations()));
    Operation tied = op(file, "ext.tied");
    assertTrue(tied.isDeclaration());
    assertEquals(
        sig(List.of("tensor<?xf32>", "index"), List.of("tensor<?xf32>")), tied.signature());
    assertEquals(
        sig(List.of("tensor<?xf32>", "index"), List.of("tensor<?xf32>", "i32")),
        op(file, "ext.tied_as").signature());

    Operation def = op(file, "def");
    assertEquals(Visibility.PUBLIC, def.visibility());
    assertEquals("public", text(file, def.visibilitySpan().orElseThrow()));
    assertEquals(
        sig(List.of("tensor<?xf32>", "index"), List.of("tensor<?xf32>", "i32")), def.signature());
    assertEquals(List.of("iree.abi.model"), def.attributes().stream().map(a -> a.name()).toList());
    assertEquals(List.of("ext.tied", "ext.tied_as"), useRoots(def), "\"x } @y\" is a string");

    assertEquals(Visibility.NESTED, op(file, "nested_vis").visibility());
    Operation defaultVis = op(file, "default_vis");
    assertEquals(Visibility.PUBLIC, defaultVis.visibility());
    assertTrue(defaultVis.visibilitySpan().isEmpty());
    assertEquals("util.func nested @nested_vis() { util.return }", op(file, "nested_vis").text());

    Operation global = op(file, "global_state");
    assertEquals(OpKind.GLOBAL, global.kind());
    assertEquals(List.of("iree_blob"), global.resourceUses().stream().map(u -> u.key()).toList());
    assertEquals(List.of("global_state"), useRoots(op(file, "uses_global")));
    assertEquals(
        List.of("iree_blob"),
        file.resources().orElseThrow().entries().stream().map(e -> e.key()).toList());
  }

  @Test
  void functionHeadersWithArrowsStringsCommentsAndNestedGroupsRead() {
    // Each header is checked token by token as the file is read: none of these may be taken for
    // a malformed one, and each signature is the grammar's.
    MlirFile file = read("function_headers.mlir");
    assertEquals(
        sig(
            List.of("memref<4xf32,affine_map<(d0)->(d0+1)>>", "vector<[4]xf32>"),
            List.of("memref<?xf32,strided<[1],offset:?>>")),
        op(file, "angles").signature());
    assertEquals(
        sig(List.of("(i32)->i32", "()->()"), List.of("(f32,f32)->(f32,f32)")),
        op(file, "function_types").signature());
    Operation attributes = op(file, "attributes");
    assertEquals(
        sig(List.of("i32", "!llvm.ptr"), List.of("i32", "tuple<i32,f32>")), attributes.signature());
    assertEquals(
        List.of("cond", "quoted key"),
        attributes.attributes().stream().map(a -> a.name()).toList());
    Operation commented = op(file, "commented");
    assertEquals(sig(List.of("i32", "i32"), List.of("i32")), commented.signature());
    assertFalse(commented.isDeclaration());
    assertEquals(
        sig(List.of("complex<f32>", "!llvm.struct<(i32,f32)>"), List.of()),
        op(file, "quoted name").signature());
    assertEquals(sig(List.of("index"), List.of()), op(file, "located").signature());
  }
}
