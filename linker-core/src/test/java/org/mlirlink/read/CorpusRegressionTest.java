package org.mlirlink.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlirlink.model.FunctionSignature;
import org.mlirlink.model.MlirFile;
import org.mlirlink.model.OpKind;
import org.mlirlink.model.Operation;
import org.mlirlink.model.SourceText;
import org.mlirlink.model.Visibility;
import org.mlirlink.write.ModuleWriter;

/**
 * Shapes of valid MLIR the reader once rejected or misread, found by running it over IREE's test
 * suite (one case each, written here rather than copied).
 */
class CorpusRegressionTest {

  private static MlirFile read(String text) {
    MlirFile file = MlirReader.read(new SourceText("case.mlir", text));
    assertEquals(text, ModuleWriter.write(file).toString(), "round trip");
    return file;
  }

  private static Operation only(MlirFile file, String symbol) {
    return ReaderFixtures.op(file, symbol);
  }

  @Test
  void utilFuncTakesSeveralResultsWithoutParentheses() {
    MlirFile file =
        read(
            """
            module {
              util.func public @pair(%x: index, %y: i64) -> index, i64 {
                util.return %x, %y : index, i64
              }
              util.func private @tied_pair(%t: tensor<?xf32>, %n: index) -> %t, index, %t as tensor<4xf32>
              util.func private @after() -> i1
            }
            """);
    assertEquals(
        new FunctionSignature(List.of("index", "i64"), List.of("index", "i64")),
        only(file, "pair").signature());
    assertEquals(
        new FunctionSignature(
            List.of("tensor<?xf32>", "index"), List.of("tensor<?xf32>", "index", "tensor<4xf32>")),
        only(file, "tied_pair").signature());
    assertEquals(new FunctionSignature(List.of(), List.of("i1")), only(file, "after").signature());
  }

  @Test
  void aVisibilityWrittenAsAStringDoesNotHideTheSymbol() {
    MlirFile file =
        read(
            """
            memref.global "private" constant @table : memref<3xi8> = dense<[7, 8, 9]>
            memref.global "public" @counters : memref<2xi64> = uninitialized
            func.func @use() -> memref<3xi8> {
              %t = memref.get_global @table : memref<3xi8>
              return %t : memref<3xi8>
            }
            """);
    Operation table = only(file, "table");
    assertEquals(Visibility.PRIVATE, table.visibility());
    assertEquals("\"private\"", ReaderFixtures.text(file, table.visibilitySpan().orElseThrow()));
    assertEquals(List.of(), table.symbolUses(), "@table is the op's own symbol, not a use");
    assertEquals(Visibility.PUBLIC, only(file, "counters").visibility());
    assertEquals(List.of("table"), ReaderFixtures.useRoots(only(file, "use")));
  }

  @Test
  void uptoFiveKeywordsMayComeBeforeTheSymbol() {
    MlirFile file =
        read(
            """
            llvm.mlir.global external hidden thread_local unnamed_addr constant @slot(3 : i32) : i32
            llvm.func internal protected local_unnamed_addr fastcc @helper() {
              llvm.return
            }
            """);
    assertEquals(List.of("slot", "helper"), ReaderFixtures.symbolNames(file.operations()));
    assertEquals(List.of(), only(file, "slot").symbolUses());
    assertEquals(List.of(), only(file, "helper").symbolUses());
  }

  @Test
  void aGenericModuleRegionMayStartWithABlockLabel() {
    MlirFile empty =
        read(
            """
            "builtin.module"() <{sym_name = "hollow"}> ({
            ^bb0:
            }) : () -> ()
            """);
    Operation module = empty.items().stream().map(Operation.class::cast).findFirst().orElseThrow();
    assertEquals(OpKind.MODULE, module.kind());
    assertEquals("hollow", module.symbolName().orElseThrow());
    assertEquals(List.of(), module.children());

    MlirFile withArgs =
        read(
            """
            "builtin.module"() ({
            ^entry( ):
              "func.func"() <{function_type = () -> (), sym_name = "g"}> ({
                "func.return"() : () -> ()
              }) : () -> ()
            }) : () -> ()
            """);
    assertEquals(List.of("g"), ReaderFixtures.symbolNames(withArgs.operations()));
    assertEquals(new FunctionSignature(List.of(), List.of()), only(withArgs, "g").signature());
  }

  @Test
  void aBraceInsideAnglesInAFunctionHeaderIsNotItsBody() {
    // As mlir-opt prints a dialect attribute without an alias: `{` inside `<...>` in a result type.
    String header =
        "func.func @keep(%v: tensor<8xf32, #acme.layout<cfg = {tiles = [[\"x\", 4]]}>>)"
            + " -> tensor<8xf32, #acme.layout<cfg = {tiles = [[\"x\", 4]]}>>";
    MlirFile file =
        read(
            header
                + " {\n  return %v : tensor<8xf32, #acme.layout<cfg = {tiles = [[\"x\", 4]]}>>\n}\n"
                + "func.func private @decl() -> tensor<2xi8, #acme.layout<cfg = {}>> attributes {k = 1}\n");
    Operation keep = only(file, "keep");
    assertEquals(
        "{\n  return %v : tensor<8xf32, #acme.layout<cfg = {tiles = [[\"x\", 4]]}>>\n}",
        ReaderFixtures.text(file, keep.body().orElseThrow()));
    String type = "tensor<8xf32,#acme.layout<cfg={tiles=[[\"x\",4]]}>>";
    assertEquals(new FunctionSignature(List.of(type), List.of(type)), keep.signature());
    Operation decl = only(file, "decl");
    assertEquals(true, decl.isDeclaration());
    assertEquals("{k = 1}", ReaderFixtures.text(file, decl.attributeDictionary().orElseThrow()));
    assertEquals(List.of("k"), decl.attributes().stream().map(a -> a.name()).toList());
  }

  @Test
  void anOpThatOnlyNamesAFunctionUsesTheNameAndDefinesNothing() {
    MlirFile file =
        read(
            """
            module @kernels {
              func.func @f(%x: index) -> index {
                return %x : index
              }
              iree_codegen.dispatch_config @f workgroup_size = [64, 16, 1] {
              ^bb0(%w: index):
                %c1 = arith.constant 1 : index
                iree_codegen.yield %w, %c1, %c1 : index, index, index
              }
            }
            """);
    assertEquals(List.of("f", "<none>"), ReaderFixtures.symbolNames(file.operations()));
    Operation config = file.operations().get(1);
    assertEquals("iree_codegen.dispatch_config", config.opName());
    assertEquals(List.of("f"), ReaderFixtures.useRoots(config));
    assertEquals("@f", ReaderFixtures.text(file, config.symbolUses().get(0).rootSpan()));
  }

  /**
   * An op neither OpKind nor the op table knows defines the name it starts with, as far as the
   * reader can tell: it may as well only refer to it, so that name is never defined twice.
   */
  @Test
  void anOpOfAnUnknownDialectDefinesTheNameItStartsWithButNeverTwice() {
    MlirFile file =
        read(
            """
            acme.config @f {level = 2}
            func.func @f() {
              return
            }
            acme.config @f {level = 3}
            acme.config @g {level = 4}
            """);
    List<Operation> ops = file.operations();
    assertEquals(List.of("f", "f", "f", "g"), ReaderFixtures.symbolNames(ops));
    assertEquals(
        List.of(true, false, true, true), ops.stream().map(Operation::isSymbolGuessed).toList());
    assertEquals(List.of(), ops.get(0).symbolUses());
  }
}
