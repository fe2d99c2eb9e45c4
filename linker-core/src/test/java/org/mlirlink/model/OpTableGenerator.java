package org.mlirlink.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes the op table that {@link OpTable} reads ({@code op-table.txt} beside it in linker-core's
 * resources). Its rows come from three places, each dialect's from one:
 *
 * <ul>
 *   <li>the dialects the IREE compiler package installed in {@code .venv/} has Python bindings for
 *       ({@code iree/compiler/dialects/_*_ops_gen.py}): the bindings declare every op of them, its
 *       name, the inherent attributes its builder sets (with each one's attribute kind, and whether
 *       the builder may leave it out), its operand and result segments, and its regions;
 *   <li>the other upstream MLIR dialects IREE registers: LLVM 22's {@code .td} files (Debian's
 *       {@code libmlir-22-dev}), read with {@code mlir-tblgen-22} ({@link OpTableTd});
 *   <li>IREE's other dialects, and those of the projects it embeds (StableHLO, torch-mlir): the
 *       {@code .td} files of a checkout of IREE's sources, read the same way. A checkout is given
 *       as the system property {@value #IREE_SOURCE_PROPERTY}; without one the rows that come from
 *       it are kept as the table has them.
 * </ul>
 *
 * <p>The native properties of each op (the last field), which the bindings do not show, come from
 * the {@code .td} files too: LLVM 22's for upstream dialects, IREE's for its own.
 *
 * <p>The bindings are read as text, line by line. A line that sets an attribute in a way this
 * reader does not know is an error, not skipped: a release that writes its bindings differently
 * must be looked at, not misread. The same holds of the records TableGen prints.
 *
 * <p>Regenerate the table after moving to another IREE release (from the project root; the IREE
 * checkout is the folder holding {@code compiler/src}, with {@code third_party/stablehlo} and
 * {@code third_party/torch-mlir}):
 *
 * <pre>
 * mvn -B -q -ntp -pl linker-core -am test-compile
 * java -cp linker-core/target/classes:linker-core/target/test-classes \
 *     -Dmlirlink.iree.source=IREE_CHECKOUT org.mlirlink.model.OpTableGenerator
 * </pre>
 */
public final class OpTableGenerator {
  /** Where the table is kept, from the project root. */
  public static final Path TABLE =
      Path.of("linker-core", "src", "main", "resources", "org", "mlirlink", "model", OpTable.FILE);

  /** The system property naming a checkout of IREE's sources. */
  public static final String IREE_SOURCE_PROPERTY = "mlirlink.iree.source";

  /** The IREE commit whose {@code .td} files the table was made from. */
  public static final String IREE_COMMIT = "b48a595557";

  /**
   * The StableHLO and torch-mlir commits whose {@code .td} files the table was made from (not the
   * ones IREE's commit pins, which were not to be had: a2727e576e and ec8720bf26).
   */
  public static final String STABLEHLO_COMMIT = "3c9301c116";

  public static final String TORCH_MLIR_COMMIT = "0029fc2e10";

  /** TableGen, and the folder of LLVM 22's {@code .td} files. */
  public static final String TBLGEN = "mlir-tblgen-22";

  public static final Path LLVM_INCLUDE = Path.of("/usr/lib/llvm-22/include");

  /** Where a {@code .td} file is. */
  enum Origin {
    /** LLVM 22's include folder. */
    LLVM,
    /** A checkout of IREE's sources. */
    IREE
  }

  /**
   * A {@code .td} file and the dialects whose ops the table takes from it. {@code bound} says that
   * the dialects have Python bindings: their rows come from those, and only their native properties
   * (and the cross-check) from the file.
   */
  record TdSource(Origin origin, String file, List<String> dialects, boolean bound) {}

  private static TdSource llvm(String file, boolean bound, String... dialects) {
    return new TdSource(Origin.LLVM, "mlir/" + file, List.of(dialects), bound);
  }

  private static TdSource iree(String file, boolean bound, String... dialects) {
    return new TdSource(Origin.IREE, file, List.of(dialects), bound);
  }

  private static final String IREE_SRC = "compiler/src/iree/compiler/";

  /** Every {@code .td} file read, with the dialects taken from it. */
  static final List<TdSource> TD_SOURCES =
      List.of(
          // Upstream dialects without bindings.
          llvm("Dialect/ArmNeon/ArmNeon.td", false, "arm_neon"),
          llvm("Dialect/ArmSME/IR/ArmSMEOps.td", false, "arm_sme"),
          llvm("Dialect/ArmSME/IR/ArmSMEIntrinsicOps.td", false, "arm_sme"),
          llvm("Dialect/ArmSVE/IR/ArmSVE.td", false, "arm_sve"),
          llvm("Dialect/Bufferization/IR/BufferizationOps.td", false, "bufferization"),
          llvm("Dialect/EmitC/IR/EmitC.td", false, "emitc"),
          llvm("Dialect/MLProgram/IR/MLProgramOps.td", false, "ml_program"),
          llvm("Dialect/NVGPU/IR/NVGPUOps.td", false, "nvgpu"),
          llvm("Dialect/PDLInterp/IR/PDLInterpOps.td", false, "pdl_interp"),
          llvm("Dialect/Quant/IR/QuantOps.td", false, "quant"),
          llvm("Dialect/SPIRV/IR/SPIRVOps.td", false, "spirv"),
          llvm("Dialect/UB/IR/UBOps.td", false, "ub"),
          // Upstream dialects with bindings.
          llvm("IR/BuiltinOps.td", true, "builtin"),
          llvm("Dialect/Affine/IR/AffineOps.td", true, "affine"),
          llvm("Dialect/AMDGPU/IR/AMDGPU.td", true, "amdgpu"),
          llvm("Dialect/Arith/IR/ArithOps.td", true, "arith"),
          llvm("Dialect/ControlFlow/IR/ControlFlowOps.td", true, "cf"),
          llvm("Dialect/Complex/IR/ComplexOps.td", true, "complex"),
          llvm("Dialect/Func/IR/FuncOps.td", true, "func"),
          llvm("Dialect/GPU/IR/GPUOps.td", true, "gpu"),
          llvm("Dialect/Linalg/IR/LinalgOps.td", true, "linalg"),
          llvm("Dialect/Linalg/IR/LinalgStructuredOps.td", true, "linalg"),
          llvm("Dialect/Linalg/IR/LinalgRelayoutOps.td", true, "linalg"),
          llvm("Dialect/LLVMIR/LLVMOps.td", true, "llvm"),
          llvm("Dialect/LLVMIR/LLVMIntrinsicOps.td", true, "llvm"),
          llvm("Dialect/LLVMIR/NVVMOps.td", true, "nvvm"),
          llvm("Dialect/LLVMIR/ROCDLOps.td", true, "rocdl"),
          llvm("Dialect/Math/IR/MathOps.td", true, "math"),
          llvm("Dialect/MemRef/IR/MemRefOps.td", true, "memref"),
          llvm("Dialect/PDL/IR/PDLOps.td", true, "pdl"),
          llvm("Dialect/SCF/IR/SCFOps.td", true, "scf"),
          llvm("Dialect/Shape/IR/ShapeOps.td", true, "shape"),
          llvm("Dialect/SMT/IR/SMT.td", true, "smt"),
          llvm("Dialect/Tensor/IR/TensorOps.td", true, "tensor"),
          llvm("Dialect/Tosa/IR/TosaOps.td", true, "tosa"),
          llvm("Dialect/Transform/IR/TransformOps.td", true, "transform"),
          llvm("Dialect/Transform/LoopExtension/LoopExtensionOps.td", true, "transform"),
          llvm("Dialect/Linalg/TransformOps/LinalgTransformOps.td", true, "transform"),
          llvm("Dialect/SCF/TransformOps/SCFTransformOps.td", true, "transform"),
          llvm("Dialect/Tensor/TransformOps/TensorTransformOps.td", true, "transform"),
          llvm("Dialect/Vector/TransformOps/VectorTransformOps.td", true, "transform"),
          llvm("Dialect/Affine/TransformOps/AffineTransformOps.td", true, "transform"),
          llvm("Dialect/ArmNeon/TransformOps/ArmNeonVectorTransformOps.td", true, "transform"),
          llvm("Dialect/ArmSVE/TransformOps/ArmSVEVectorTransformOps.td", true, "transform"),
          llvm(
              "Dialect/Bufferization/TransformOps/BufferizationTransformOps.td", true, "transform"),
          llvm("Dialect/DLTI/TransformOps/DLTITransformOps.td", true, "transform"),
          llvm("Dialect/Func/TransformOps/FuncTransformOps.td", true, "transform"),
          llvm("Dialect/GPU/TransformOps/GPUTransformOps.td", true, "transform"),
          llvm("Dialect/Linalg/TransformOps/LinalgMatchOps.td", true, "transform"),
          llvm("Dialect/MemRef/TransformOps/MemRefTransformOps.td", true, "transform"),
          llvm("Dialect/NVGPU/TransformOps/NVGPUTransformOps.td", true, "transform"),
          llvm("Dialect/SparseTensor/TransformOps/SparseTensorTransformOps.td", true, "transform"),
          llvm("Dialect/Transform/DebugExtension/DebugExtensionOps.td", true, "transform"),
          llvm("Dialect/Transform/IRDLExtension/IRDLExtensionOps.td", true, "transform"),
          llvm("Dialect/Transform/PDLExtension/PDLExtensionOps.td", true, "transform"),
          llvm("Dialect/Transform/SMTExtension/SMTExtensionOps.td", true, "transform"),
          llvm("Dialect/Transform/TuneExtension/TuneExtensionOps.td", true, "transform"),
          llvm("Dialect/X86Vector/TransformOps/X86VectorTransformOps.td", true, "transform"),
          llvm("Dialect/XeGPU/TransformOps/XeGPUTransformOps.td", true, "transform"),
          llvm("Dialect/Vector/IR/VectorOps.td", true, "vector"),
          // IREE's dialects without bindings.
          iree(IREE_SRC + "Modules/Check/IR/CheckOps.td", false, "check"),
          iree(IREE_SRC + "Modules/HAL/Inline/IR/HALInlineOps.td", false, "hal_inline"),
          iree(IREE_SRC + "Modules/HAL/Loader/IR/HALLoaderOps.td", false, "hal_loader"),
          iree(IREE_SRC + "Modules/IO/Parameters/IR/IOParametersOps.td", false, "io_parameters"),
          iree(IREE_SRC + "Dialect/Encoding/IR/EncodingOps.td", false, "iree_encoding"),
          iree(IREE_SRC + "Dialect/LinalgExt/IR/LinalgExtOps.td", false, "iree_linalg_ext"),
          iree(IREE_SRC + "Dialect/LinalgExt/IR/LinalgExtPureOps.td", false, "iree_linalg_ext"),
          iree(IREE_SRC + "Codegen/Dialect/VectorExt/IR/VectorExtOps.td", false, "iree_vector_ext"),
          iree(IREE_SRC + "Codegen/Dialect/PCF/IR/PCFOps.td", false, "pcf"),
          iree(IREE_SRC + "Dialect/VMVX/IR/VMVXOps.td", false, "vmvx"),
          iree("third_party/stablehlo/stablehlo/dialect/ChloOps.td", false, "chlo"),
          iree("third_party/stablehlo/stablehlo/dialect/StablehloOps.td", false, "stablehlo"),
          iree("third_party/stablehlo/stablehlo/dialect/VhloOps.td", false, "vhlo"),
          iree(
              "third_party/torch-mlir/include/torch-mlir-dialects/Dialect/TMTensor/IR/TMTensorOps.td",
              false,
              "tm_tensor"),
          iree(
              "third_party/torch-mlir/include/torch-mlir/Dialect/Torch/IR/TorchOps.td",
              false,
              "torch"),
          iree(
              "third_party/torch-mlir/include/torch-mlir/Dialect/TorchConversion/IR/TorchConversionOps.td",
              false,
              "torch_c"),
          // IREE's dialects with bindings.
          iree(IREE_SRC + "Dialect/Flow/IR/FlowOps.td", true, "flow"),
          iree(IREE_SRC + "Dialect/HAL/IR/HALOps.td", true, "hal"),
          iree(IREE_SRC + "Dialect/Stream/IR/StreamOps.td", true, "stream"),
          iree(IREE_SRC + "Dialect/Util/IR/UtilOps.td", true, "util"),
          iree(IREE_SRC + "Dialect/VM/IR/VMOps.td", true, "vm"),
          iree(IREE_SRC + "Dialect/TensorExt/IR/TensorExtOps.td", true, "iree_tensor_ext"),
          iree(IREE_SRC + "Codegen/Dialect/Codegen/IR/IREECodegenOps.td", true, "iree_codegen"),
          iree(IREE_SRC + "Codegen/Dialect/Codegen/IR/UKernelOps.td", true, "iree_codegen"),
          iree(IREE_SRC + "Codegen/Dialect/GPU/IR/IREEGPUOps.td", true, "iree_gpu"),
          iree(
              IREE_SRC + "Preprocessing/TransformExtensions/PreprocessingExtensionsOps.td",
              true,
              "transform"),
          iree(
              IREE_SRC + "Codegen/Common/TransformExtensions/CommonExtensionsOps.td",
              true,
              "transform"),
          iree(
              IREE_SRC + "Codegen/Dialect/GPU/TransformExtensions/IREEGPUExtensionsOps.td",
              true,
              "transform"),
          iree(
              IREE_SRC + "Codegen/LLVMGPU/TransformExtensions/LLVMGPUExtensionsOps.td",
              true,
              "transform"),
          iree(
              IREE_SRC + "Dialect/Flow/TransformExtensions/FlowExtensionsOps.td",
              true,
              "transform"),
          iree(
              IREE_SRC + "Dialect/LinalgExt/TransformExtensions/LinalgExtExtensionsOps.td",
              true,
              "transform"),
          iree(IREE_SRC + "Dialect/Util/TransformOps/UtilTransformOps.td", true, "transform"));

  /** Dialects IREE registers that define no ops (attributes and types only). */
  static final List<String> DIALECTS_WITHOUT_OPS = List.of("iree_cpu", "iree_map", "rocm");

  /** The include folders for a file of a source. */
  static List<Path> includes(TdSource source, Path llvmInclude, Path ireeSource) {
    List<Path> includes = new ArrayList<>();
    if (source.origin() == Origin.IREE) {
      includes.add(ireeSource.resolve("compiler/src"));
      includes.add(ireeSource.resolve("third_party/stablehlo"));
      includes.add(ireeSource.resolve("third_party/torch-mlir/include"));
    }
    includes.add(llvmInclude);
    Path file = (source.origin() == Origin.IREE ? ireeSource : llvmInclude).resolve(source.file());
    includes.add(file.getParent());
    return includes;
  }

  private static final Pattern OP_CLASS = Pattern.compile("class \\w+\\(_ods_ir\\.OpView\\):");
  private static final Pattern OP_NAME = Pattern.compile(" {2}OPERATION_NAME = \"([^\"]+)\"");
  private static final Pattern OPERAND_SEGMENTS =
      Pattern.compile(" {2}_ODS_OPERAND_SEGMENTS = \\[(.*)\\]");
  private static final Pattern RESULT_SEGMENTS =
      Pattern.compile(" {2}_ODS_RESULT_SEGMENTS = \\[(.*)\\]");
  private static final Pattern REGIONS =
      Pattern.compile(" {2}_ODS_REGIONS = \\((\\d+), (True|False)\\)");

  /** A required attribute: the builder always sets it. */
  private static final Pattern REQUIRED = Pattern.compile(" {4}attributes\\[\"([^\"]+)\"\\] = \\(");

  /** An optional attribute: set when the caller gives it. */
  private static final Pattern OPTIONAL =
      Pattern.compile(" {4}if \\w+ is not None: attributes\\[\"([^\"]+)\"\\] = \\(");

  /** A unit attribute: set when the caller's flag is true. */
  private static final Pattern UNIT =
      Pattern.compile(
          " {4}if bool\\(\\w+\\): attributes\\[\"([^\"]+)\"\\] = _ods_ir\\.UnitAttr\\.get\\(");

  /** A read of an attribute already set (to infer a result type from it). */
  private static final Pattern READ = Pattern.compile(" +\\w+ = attributes\\[\"[^\"]+\"\\]");

  /** The attribute kind the builder converts a plain value with. */
  private static final Pattern KIND = Pattern.compile("AttrBuilder\\.contains\\('([^']+)'\\)");

  // What the table's fields may hold without breaking apart (at tabs, commas, colons).
  private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");
  private static final Pattern ATTRIBUTE_KIND = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");
  private static final Pattern OPERATION = Pattern.compile("[A-Za-z_][A-Za-z0-9_$.-]*");
  private static final Pattern PROPERTY_ENCODING = Pattern.compile("[a-z]+(-[a-z]+)*");

  /** The attribute kinds of a symbol's name: a string. */
  static final List<String> STRING_KINDS = List.of("SymbolNameAttr", "StrAttr");

  private OpTableGenerator() {}

  /**
   * Writes the table. Arguments: the virtual environment ({@code .venv}) and the table's path
   * ({@link #TABLE}), both from the working directory and both optional. The system property
   * {@value #IREE_SOURCE_PROPERTY} names a checkout of IREE's sources; without it the rows that
   * come from one are kept as the table has them. The differences between the rows the bindings
   * give and the rows the {@code .td} files give for the same ops are printed.
   */
  public static void main(String[] args) throws IOException {
    Path venv = Path.of(args.length > 0 ? args[0] : ".venv");
    Path out = args.length > 1 ? Path.of(args[1]) : TABLE;
    Path dialects = dialectsDir(venv);
    if (dialects == null) {
      throw new IOException("no IREE compiler package under " + venv);
    }
    Path ireeSource = ireeSource();
    String committed =
        Files.isRegularFile(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
    Path ireeOpt = venv.resolve("bin").resolve("iree-opt");
    Generated generated =
        generate(dialects, ireeOpt, Path.of(TBLGEN), LLVM_INCLUDE, ireeSource, committed);
    Files.writeString(out, generated.table(), StandardCharsets.UTF_8);
    System.out.println("wrote " + out + " from " + dialects);
    if (ireeSource == null) {
      System.out.println(
          "no IREE checkout given (-D"
              + IREE_SOURCE_PROPERTY
              + "=DIR): its rows kept as they were");
    }
    System.out.println(generated.crossCheck().size() + " differences between bindings and .td:");
    generated.crossCheck().forEach(System.out::println);
  }

  /** The IREE checkout the system property names, or null. */
  public static Path ireeSource() throws IOException {
    String property = System.getProperty(IREE_SOURCE_PROPERTY);
    if (property == null || property.isBlank()) {
      return null;
    }
    Path source = Path.of(property);
    if (!Files.isDirectory(source.resolve("compiler/src/iree/compiler"))) {
      throw new IOException(IREE_SOURCE_PROPERTY + "=" + property + " is not a checkout of IREE");
    }
    return source;
  }

  /**
   * The folder of the op bindings in a virtual environment ({@code
   * lib/python3.X/site-packages/iree/compiler/dialects}), or null when it has none.
   */
  public static Path dialectsDir(Path venv) throws IOException {
    Path lib = venv.resolve("lib");
    if (!Files.isDirectory(lib)) {
      return null;
    }
    try (Stream<Path> pythons = Files.list(lib)) {
      for (Path python : pythons.sorted().toList()) {
        Path dialects = python.resolve(Path.of("site-packages", "iree", "compiler", "dialects"));
        if (python.getFileName().toString().startsWith("python") && Files.isDirectory(dialects)) {
          return dialects;
        }
      }
    }
    return null;
  }

  /**
   * The version of the compiler package the bindings belong to, from the name of its {@code
   * iree_base_compiler-VERSION.dist-info} folder beside {@code iree/}.
   */
  public static String version(Path dialects) throws IOException {
    Path sitePackages = dialects.getParent().getParent().getParent();
    try (Stream<Path> entries = Files.list(sitePackages)) {
      List<String> versions =
          entries
              .map(p -> p.getFileName().toString())
              .filter(n -> n.startsWith("iree_base_compiler-") && n.endsWith(".dist-info"))
              .map(
                  n ->
                      n.substring(
                          "iree_base_compiler-".length(), n.length() - ".dist-info".length()))
              .toList();
      if (versions.size() != 1) {
        throw new IOException(
            "expected one iree_base_compiler-*.dist-info in " + sitePackages + ": " + versions);
      }
      return versions.get(0);
    }
  }

  /**
   * What {@link #generate} makes: the table's text, the differences between the rows of the
   * bindings and those of the {@code .td} files for the same ops, and whether the IREE part was
   * made anew (else it was kept from the table given).
   */
  public record Generated(String table, List<String> crossCheck, boolean ireeRegenerated) {}

  /**
   * The first six fields of each op's row the bindings in {@code dialects} give, by op name (the
   * Python part of the table).
   */
  public static Map<String, List<String>> bindingRows(Path dialects) throws IOException {
    Map<String, List<String>> rows = new TreeMap<>();
    List<Path> files;
    try (Stream<Path> list = Files.list(dialects)) {
      files =
          list.filter(
                  p -> {
                    String name = p.getFileName().toString();
                    return name.startsWith("_") && name.endsWith("_ops_gen.py");
                  })
              .sorted()
              .toList();
    }
    if (files.isEmpty()) {
      throw new IOException("no _*_ops_gen.py in " + dialects);
    }
    for (Path file : files) {
      for (Op op : readOps(file)) {
        List<String> row = op.fields();
        List<String> earlier = rows.putIfAbsent(op.name, row);
        if (earlier != null && !earlier.equals(row)) {
          throw new IOException(file + ": " + op.name + " differs from its row in another file");
        }
      }
    }
    return rows;
  }

  /** The dialect of an op name: what precedes its first dot. */
  static String dialectOf(String opName) {
    return opName.substring(0, opName.indexOf('.'));
  }

  /**
   * The table. {@code dialects}: the bindings; {@code ireeOpt}: the release's {@code iree-opt},
   * which says which ops of the {@code .td} files it registers (only those go into the table);
   * {@code tblgen} and {@code llvmInclude}: TableGen and LLVM's {@code .td} files; {@code
   * ireeSource}: a checkout of IREE's sources, or null to keep the rows and properties that come
   * from one as {@code committed} (the table as it is) has them.
   */
  public static Generated generate(
      Path dialects, Path ireeOpt, Path tblgen, Path llvmInclude, Path ireeSource, String committed)
      throws IOException {
    Map<String, List<String>> bound = bindingRows(dialects);
    Set<String> boundDialects = new TreeSet<>();
    bound.keySet().forEach(name -> boundDialects.add(dialectOf(name)));
    Map<String, List<String>> kept = ireeSource == null ? readRows(committed) : Map.of();

    // The .td files: every op of the dialects taken from each.
    Map<String, OpTableTd.Op> fromTd = new TreeMap<>();
    Set<String> ireeDialects = new TreeSet<>();
    for (TdSource source : TD_SOURCES) {
      for (String dialect : source.dialects()) {
        if (boundDialects.contains(dialect) != source.bound()) {
          throw new IOException(
              dialect + (source.bound() ? " has no" : " has") + " Python bindings now: move it");
        }
        if (source.origin() == Origin.IREE) {
          ireeDialects.add(dialect);
        }
      }
      if (source.origin() == Origin.IREE && ireeSource == null) {
        continue;
      }
      Path root = source.origin() == Origin.IREE ? ireeSource : llvmInclude;
      Map<String, OpTableTd.Op> ops =
          OpTableTd.read(
              tblgen,
              includes(source, llvmInclude, ireeSource),
              root.resolve(source.file()),
              Set.copyOf(source.dialects()));
      Set<String> found = new TreeSet<>();
      for (OpTableTd.Op op : ops.values()) {
        found.add(dialectOf(op.name));
        OpTableTd.Op earlier = fromTd.put(op.name, op);
        if (earlier != null) {
          throw new IOException(source.file() + ": " + op.name + " is defined twice");
        }
      }
      if (!found.containsAll(source.dialects())) {
        throw new IOException(source.file() + " defines no op of " + source.dialects());
      }
    }
    for (String dialect : boundDialects) {
      boolean hasSource = TD_SOURCES.stream().anyMatch(s -> s.dialects().contains(dialect));
      if (!hasSource) {
        throw new IOException("no .td file is read for the bound dialect " + dialect);
      }
    }

    // The rows: bound dialects from the bindings, with the native properties of the .td files;
    // the others from the .td files; what comes from IREE's sources, when they are not given,
    // from the table as it is.
    Map<String, String> rows = new TreeMap<>();
    List<String> crossCheck = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : bound.entrySet()) {
      String name = e.getKey();
      List<String> fields = new ArrayList<>(e.getValue());
      String dialect = dialectOf(name);
      OpTableTd.Op op = fromTd.get(name);
      String properties;
      if (op != null) {
        properties = op.propertiesField();
      } else if (ireeSource == null && ireeDialects.contains(dialect)) {
        // Perhaps from IREE's sources, not given: as the table has it.
        List<String> old = kept.get(name);
        properties = old == null ? UNKNOWN_PROPERTIES : old.get(6);
      } else {
        properties = UNKNOWN_PROPERTIES;
      }
      if (ireeSource != null || !ireeDialects.contains(dialect)) {
        if (op == null) {
          crossCheck.add(name + ": in the bindings only");
        } else if (!withoutAnonymousNumbers(op.fields())
            .equals(withoutAnonymousNumbers(e.getValue()))) {
          crossCheck.add(
              name
                  + ":\n  bindings: "
                  + String.join("\t", e.getValue())
                  + "\n  .td:      "
                  + String.join("\t", op.fields()));
        }
      }
      fields.add(properties);
      rows.put(name, row(fields));
    }
    // The ops of the .td files the bindings do not have, when the release registers them.
    List<String> candidates = new ArrayList<>();
    for (OpTableTd.Op op : fromTd.values()) {
      if (!bound.containsKey(op.name)) {
        candidates.add(op.name);
      }
    }
    Set<String> unprobed = new TreeSet<>();
    Set<String> unregistered = unregistered(ireeOpt, candidates, unprobed);
    Set<String> unprobedUnbound = new TreeSet<>(unprobed);
    unprobedUnbound.removeAll(boundDialects);
    if (ireeSource == null) {
      // The IREE dialects' ops were not probed: what the table says of them stands.
      for (String dialect : headerUnprobed(committed)) {
        if (ireeDialects.contains(dialect) && !boundDialects.contains(dialect)) {
          unprobedUnbound.add(dialect);
        }
      }
    }
    for (String dialect : unprobed) {
      crossCheck.add(
          dialect
              + ": takes unknown ops, so which it registers is not known: its ops in the .td files"
              + (boundDialects.contains(dialect) ? " only are left out" : " are all kept"));
    }
    for (String name : candidates) {
      OpTableTd.Op op = fromTd.get(name);
      String dialect = dialectOf(name);
      boolean registered =
          unprobed.contains(dialect)
              ? !boundDialects.contains(dialect)
              : !unregistered.contains(name);
      if (boundDialects.contains(dialect)) {
        crossCheck.add(
            name
                + ": in the .td files only ("
                + (registered ? "registered: added" : "left out")
                + ")");
      } else if (!registered) {
        crossCheck.add(name + ": in the .td files, not registered: left out");
      }
      if (registered) {
        List<String> fields = new ArrayList<>(op.fields());
        fields.add(op.propertiesField());
        rows.put(name, row(fields));
      }
    }
    if (ireeSource == null) {
      for (Map.Entry<String, List<String>> e : kept.entrySet()) {
        if (!rows.containsKey(e.getKey()) && ireeDialects.contains(dialectOf(e.getKey()))) {
          rows.put(e.getKey(), row(e.getValue()));
        }
      }
    }
    return new Generated(
        header(version(dialects), boundDialects, unprobedUnbound)
            + String.join("\n", rows.values())
            + "\n",
        List.copyOf(crossCheck),
        ireeSource != null);
  }

  private static final Pattern UNREGISTERED =
      Pattern.compile("error: unregistered operation '([^']+)' found in dialect");

  /**
   * Which of {@code names} {@code iree-opt} does not register: each is parsed in generic form, in a
   * file of its own ({@code --split-input-file}), and the verifier names the unregistered ones. An
   * op that does not exist is tried in each dialect, to be sure the dialect refuses unknown ops (an
   * extensible one would make every name look registered: its name is added to {@code unprobed}).
   * The verifier of a registered op may crash on so bare an op: then the names are tried in halves,
   * and an op that crashes alone is registered (only a registered op has a verifier of its own).
   */
  static Set<String> unregistered(Path ireeOpt, List<String> names, Set<String> unprobed)
      throws IOException {
    Set<String> bogus = new TreeSet<>();
    for (String name : names) {
      bogus.add(dialectOf(name) + ".mlirlink_no_such_op");
    }
    List<String> probes = new ArrayList<>(new TreeSet<>(names));
    probes.addAll(bogus);
    Set<String> unregistered = new TreeSet<>();
    probe(ireeOpt, probes, unregistered);
    for (String name : bogus) {
      if (!unregistered.remove(name)) {
        // The dialect takes any op (llvm and spirv do): nothing is known of its ops this way.
        unprobed.add(dialectOf(name));
      }
    }
    return unregistered;
  }

  private static void probe(Path ireeOpt, List<String> names, Set<String> unregistered)
      throws IOException {
    if (names.isEmpty()) {
      return;
    }
    Path dir = Files.createTempDirectory("op-table-probe");
    try {
      Path in = dir.resolve("probe.mlir");
      StringBuilder text = new StringBuilder();
      for (String name : names) {
        text.append("\"").append(name).append("\"() : () -> ()\n// -----\n");
      }
      Files.writeString(in, text, StandardCharsets.UTF_8);
      Path out = dir.resolve("probe.out");
      Path err = dir.resolve("probe.err");
      Process process =
          new ProcessBuilder(
                  ireeOpt.toString(),
                  "--split-input-file",
                  "--mlir-print-op-generic",
                  "-o",
                  out.toString(),
                  in.toString())
              .redirectError(err.toFile())
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      int exit;
      try {
        if (!process.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)) {
          process.destroyForcibly();
          throw new IOException(ireeOpt + " did not end");
        }
        exit = process.exitValue();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      String errors = Files.readString(err, StandardCharsets.UTF_8);
      if (exit > 1 || errors.contains("Stack dump")) {
        // A crash: halves, down to the op that crashes alone (registered).
        if (names.size() > 1) {
          int half = names.size() / 2;
          probe(ireeOpt, names.subList(0, half), unregistered);
          probe(ireeOpt, names.subList(half, names.size()), unregistered);
        }
        return;
      }
      Matcher m = UNREGISTERED.matcher(errors);
      while (m.find()) {
        unregistered.add(m.group(1));
      }
    } finally {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(dir);
    }
  }

  /**
   * The native properties field of an op of a bound dialect that no {@code .td} file read defines
   * (it came after, or before, the commit the files are of): what it stores is not known.
   */
  static final String UNKNOWN_PROPERTIES = "?";

  /**
   * The fields with the numbers of unnamed kinds ({@code anonymous_559}) left out: TableGen numbers
   * them in the order it meets them, so that the same kind has another number in another file set.
   */
  private static List<String> withoutAnonymousNumbers(List<String> fields) {
    return fields.stream().map(f -> f.replaceAll("anonymous_[0-9]+", "anonymous")).toList();
  }

  /** A row's text from its fields, each checked to hold nothing that would break the row apart. */
  private static String row(List<String> fields) throws IOException {
    if (fields.size() != 7) {
      throw new IOException("a row of " + fields.size() + " fields: " + fields);
    }
    String where = fields.get(0) + ": ";
    check(OPERATION, fields.get(0), where);
    if (!fields.get(2).equals("-")) {
      for (String entry : fields.get(2).split(",", -1)) {
        String[] parts = entry.split(":", -1);
        if (parts.length != 2) {
          throw new IOException(where + "an attribute entry of the wrong shape: " + entry);
        }
        String name =
            parts[0].endsWith("?") ? parts[0].substring(0, parts[0].length() - 1) : parts[0];
        check(ATTRIBUTE_NAME, name, where);
        check(ATTRIBUTE_KIND, parts[1], where);
      }
    }
    String properties = fields.get(6);
    if (!properties.equals("-") && !properties.equals(UNKNOWN_PROPERTIES)) {
      for (String entry : properties.split(",", -1)) {
        String[] parts = entry.split(":", -1);
        if (parts.length != 3) {
          throw new IOException(where + "a property entry of the wrong shape: " + entry);
        }
        check(ATTRIBUTE_NAME, parts[0], where);
        check(ATTRIBUTE_KIND, parts[1], where);
        check(PROPERTY_ENCODING, parts[2], where);
      }
    }
    return String.join("\t", fields);
  }

  /** The rows of a table's text, by op name, each split into its fields. */
  static Map<String, List<String>> readRows(String table) throws IOException {
    Map<String, List<String>> rows = new TreeMap<>();
    for (String line : table.split("\n")) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      List<String> fields = List.of(line.split("\t", -1));
      if (fields.size() != 7) {
        throw new IOException("a row of the table without 7 fields: " + line);
      }
      rows.put(fields.get(0), fields);
    }
    return rows;
  }

  /** The table's header: where its parts come from, and what its fields hold. */
  private static String header(String version, Set<String> boundDialects, Set<String> unprobed) {
    StringBuilder out = new StringBuilder();
    Map<Origin, Set<String>> unbound = new TreeMap<>();
    Set<String> thirdParty = new TreeSet<>();
    for (TdSource source : TD_SOURCES) {
      if (source.bound()) {
        continue;
      }
      for (String dialect : source.dialects()) {
        if (source.file().startsWith("third_party/")) {
          thirdParty.add(dialect);
        } else {
          unbound.computeIfAbsent(source.origin(), o -> new TreeSet<>()).add(dialect);
        }
      }
    }
    out.append("# The ops of the dialects that IREE's compiler ")
        .append(version)
        .append(" registers, one a line, sorted by name.\n")
        .append("# Written by OpTableGenerator (linker-core's tests); do not edit. Its sources:\n");
    wrap(
        out,
        "the Python op bindings of the iree-base-compiler " + version + " package, for",
        boundDialects);
    wrap(out, "the .td files of LLVM 22, read with mlir-tblgen-22, for", unbound.get(Origin.LLVM));
    wrap(
        out,
        "the .td files of IREE commit " + IREE_COMMIT + ", read the same way, for",
        unbound.get(Origin.IREE));
    wrap(
        out,
        "and those of StableHLO commit "
            + STABLEHLO_COMMIT
            + " and torch-mlir commit "
            + TORCH_MLIR_COMMIT
            + " (close to the ones IREE "
            + IREE_COMMIT
            + " pins), for",
        thirdParty);
    wrap(
        out,
        "The native properties (the last field) come from the .td files for every dialect: LLVM"
            + " 22's for upstream ones, IREE's for IREE's own. "
            + DIALECTS_WITHOUT_OPS.toString().replace("[", "").replace("]", "")
            + " define no ops. Each layout read from a .td file is the one ODS generates"
            + " code to write for it (mlir-tblgen-22 -gen-op-defs), but for one change: a symbol"
            + " op (SymbolOpInterface) read from one is given the inherent sym_name and"
            + " sym_visibility it lacks, which MLIR made every symbol op store after LLVM 22 and"
            + " IREE "
            + IREE_COMMIT
            + ". Ops of the .td files are kept when the release's iree-opt registers them"
            + (unprobed.isEmpty()
                ? "."
                : " (all those of "
                    + String.join(", ", unprobed)
                    + ": iree-opt cannot tell, as they take unknown ops)."),
        Set.of());
    out.append("# Fields, separated by tabs:\n")
        .append("#   the op's name;\n")
        .append(
            "#   S when its ops define a symbol (it has an inherent string sym_name; where that\n")
        .append("#   is optional, those that have one do), else -;\n")
        .append("#   its inherent attributes sorted by name, NAME:KIND, with ? after an optional\n")
        .append("#   one's NAME, separated by commas (- for none);\n")
        .append("#   its operand segments and its result segments, one character a segment\n")
        .append("#   (1 a value, ? an optional one, * any number), or - for an op without;\n")
        .append("#   its number of regions, with + when more may follow;\n")
        .append(
            "#   its native properties in the order its properties blob holds them (after the\n")
        .append(
            "#   attributes, before the segment sizes), NAME:KIND:ENCODING separated by commas,\n")
        .append("#   - for none, ? when not known (an op no .td file read defines). ENCODING is\n")
        .append("#   varint, bool (a byte), string (a string's index), array-E (a varint count,\n")
        .append("#   then each element as E) or optional-E (a bool, then E when it is true).\n");
    return out.toString();
  }

  /** The dialects a table's header names as taking unknown ops. */
  private static Set<String> headerUnprobed(String table) {
    Matcher m =
        Pattern.compile("\\(all those of ([a-z_, ]+): iree-opt cannot tell")
            .matcher(table.replaceAll("\n#\\s+", " "));
    Set<String> dialects = new TreeSet<>();
    if (m.find()) {
      for (String d : m.group(1).split(", ")) {
        dialects.add(d.strip());
      }
    }
    return dialects;
  }

  /** Appends "# TEXT a, b, c;" wrapped at 100 characters. */
  private static void wrap(StringBuilder out, String text, Set<String> items) {
    List<String> words = new ArrayList<>(List.of(text.split(" ")));
    if (items != null && !items.isEmpty()) {
      List<String> list = new ArrayList<>(items);
      for (int i = 0; i < list.size(); i++) {
        words.add(list.get(i) + (i + 1 < list.size() ? "," : ";"));
      }
    }
    StringBuilder line = new StringBuilder("#  ");
    for (String word : words) {
      if (line.length() + 1 + word.length() > 100) {
        out.append(line).append('\n');
        line = new StringBuilder("#    ");
      }
      line.append(' ').append(word);
    }
    out.append(line).append('\n');
  }

  /** One op of the bindings. */
  private static final class Op {
    String name;
    final Map<String, String> attributes = new TreeMap<>();
    final Map<String, Boolean> optional = new TreeMap<>();
    String operandSegments = "-";
    String resultSegments = "-";
    String regions;

    /** The first six fields of the op's row. */
    List<String> fields() {
      String symbolKind = attributes.get("sym_name");
      boolean definesSymbol = symbolKind != null && STRING_KINDS.contains(symbolKind);
      List<String> entries = new ArrayList<>();
      attributes.forEach(
          (attribute, kind) ->
              entries.add(attribute + (optional.get(attribute) ? "?" : "") + ":" + kind));
      return List.of(
          name,
          definesSymbol ? "S" : "-",
          entries.isEmpty() ? "-" : String.join(",", entries),
          operandSegments,
          resultSegments,
          regions);
    }
  }

  /** Every op declared in one bindings file. */
  static List<Op> readOps(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<Op> ops = new ArrayList<>();
    Op op = null;
    boolean inBuilder = false;
    String pendingKind = null; // an attribute set whose kind is still to be read
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String where = file.getFileName() + ":" + (i + 1) + ": ";
      if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0))) {
        // A statement at the file's level ends the class before it.
        finish(op, pendingKind, where, ops);
        op = OP_CLASS.matcher(line).matches() ? new Op() : null;
        inBuilder = false;
        pendingKind = null;
        continue;
      }
      if (op == null) {
        continue;
      }
      Matcher m;
      if ((m = OP_NAME.matcher(line)).matches()) {
        op.name = check(OPERATION, m.group(1), where);
      } else if ((m = OPERAND_SEGMENTS.matcher(line)).matches()) {
        op.operandSegments = segments(m.group(1), where);
      } else if ((m = RESULT_SEGMENTS.matcher(line)).matches()) {
        op.resultSegments = segments(m.group(1), where);
      } else if ((m = REGIONS.matcher(line)).matches()) {
        op.regions = m.group(1) + (m.group(2).equals("True") ? "" : "+");
      } else if (line.startsWith("  def __init__(")) {
        inBuilder = true;
      } else if (inBuilder && line.startsWith("  def ")) {
        inBuilder = false;
      } else if (inBuilder && line.startsWith("    super().__init__(")) {
        inBuilder = false;
      } else if (inBuilder) {
        if (line.contains("attributes[") && !READ.matcher(line).matches()) {
          if (pendingKind != null) {
            throw new IOException(where + "no attribute kind for " + pendingKind);
          }
          pendingKind = readAttribute(op, line, where);
        }
        Matcher kind = KIND.matcher(line);
        if (pendingKind != null && kind.find()) {
          op.attributes.put(pendingKind, check(ATTRIBUTE_KIND, kind.group(1), where));
          pendingKind = null;
        }
      }
    }
    finish(op, pendingKind, file.getFileName() + ": at the end: ", ops);
    return ops;
  }

  /**
   * Notes the attribute a builder line sets, and whether it is optional; returns its name when its
   * kind is still to be read (on this line or a following one), null when it is known.
   */
  private static String readAttribute(Op op, String line, String where) throws IOException {
    Matcher m;
    String attribute;
    boolean optional = true;
    String kind = null;
    if ((m = REQUIRED.matcher(line)).lookingAt()) {
      attribute = m.group(1);
      optional = false;
    } else if ((m = OPTIONAL.matcher(line)).lookingAt()) {
      attribute = m.group(1);
    } else if ((m = UNIT.matcher(line)).lookingAt()) {
      attribute = m.group(1);
      kind = "UnitAttr";
    } else {
      throw new IOException(where + "an attribute set in an unknown way: " + line.strip());
    }
    check(ATTRIBUTE_NAME, attribute, where);
    if (op.optional.put(attribute, optional) != null) {
      throw new IOException(where + attribute + " is set twice");
    }
    if (kind != null) {
      op.attributes.put(attribute, kind);
      return null;
    }
    return attribute;
  }

  /** Adds a complete op to {@code ops}; an op class without a name or regions is an error. */
  private static void finish(Op op, String pendingKind, String where, List<Op> ops)
      throws IOException {
    if (op == null) {
      return;
    }
    if (op.name == null || op.regions == null || pendingKind != null) {
      throw new IOException(
          where + "an op class without a name, regions or an attribute's kind (" + op.name + ")");
    }
    ops.add(op);
  }

  /** {@code 1,-1,0,} as {@code 1*?}. */
  private static String segments(String list, String where) throws IOException {
    StringBuilder out = new StringBuilder();
    for (String segment : list.split(",")) {
      switch (segment.strip()) {
        case "1" -> out.append('1');
        case "0" -> out.append('?');
        case "-1" -> out.append('*');
        case "" -> {}
        default -> throw new IOException(where + "unknown segment " + segment);
      }
    }
    if (out.isEmpty()) {
      throw new IOException(where + "no segments in [" + list + "]");
    }
    return out.toString();
  }

  private static String check(Pattern pattern, String value, String where) throws IOException {
    if (!pattern.matcher(value).matches()) {
      throw new IOException(where + "unexpected characters in '" + value + "'");
    }
    return value;
  }
}
