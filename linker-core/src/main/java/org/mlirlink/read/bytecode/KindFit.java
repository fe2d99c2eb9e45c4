package org.mlirlink.read.bytecode;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.mlirlink.read.bytecode.BuiltinAttributes.Kind;

/**
 * Whether a builtin attribute may be the value of an inherent attribute of a given kind, for the
 * kinds whose storage is certain ({@code StrAttr} is a string, {@code I64Attr} an integer, {@code
 * DenseI64ArrayAttr} a dense array). A properties blob read with the wrong layout puts attributes
 * in the wrong places, and this is how most such misreadings show. Kinds that may be stored several
 * ways (enums, interfaces, a dialect's own kinds) fit anything.
 */
final class KindFit {
  private static final Set<Kind> INTEGER = EnumSet.of(Kind.INTEGER);
  private static final Set<Kind> STRING = EnumSet.of(Kind.STRING, Kind.STRING_WITH_TYPE);
  private static final Set<Kind> ARRAY = EnumSet.of(Kind.ARRAY);

  private static final Map<String, Set<Kind>> FITS =
      Map.ofEntries(
          Map.entry("I1Attr", INTEGER),
          Map.entry("BoolAttr", INTEGER),
          Map.entry("I8Attr", INTEGER),
          Map.entry("AnyI8Attr", INTEGER),
          Map.entry("I16Attr", INTEGER),
          Map.entry("I32Attr", INTEGER),
          Map.entry("I64Attr", INTEGER),
          Map.entry("UI32Attr", INTEGER),
          Map.entry("IndexAttr", INTEGER),
          Map.entry("APIntAttr", INTEGER),
          Map.entry("F64Attr", EnumSet.of(Kind.FLOAT)),
          Map.entry("StrAttr", STRING),
          Map.entry("SymbolNameAttr", STRING),
          Map.entry("Builtin_StringAttr", STRING),
          Map.entry("UnitAttr", EnumSet.of(Kind.UNIT)),
          Map.entry("TypeAttr", EnumSet.of(Kind.TYPE)),
          Map.entry("TensorTypeAttr", EnumSet.of(Kind.TYPE)),
          Map.entry("MemRefTypeAttr", EnumSet.of(Kind.TYPE)),
          Map.entry("FlatSymbolRefAttr", EnumSet.of(Kind.FLAT_SYMBOL_REF)),
          Map.entry("SymbolRefAttr", EnumSet.of(Kind.FLAT_SYMBOL_REF, Kind.SYMBOL_REF)),
          Map.entry("DictionaryAttr", EnumSet.of(Kind.DICTIONARY)),
          Map.entry("ArrayAttr", ARRAY),
          Map.entry("StrArrayAttr", ARRAY),
          Map.entry("DictArrayAttr", ARRAY),
          Map.entry("I32ArrayAttr", ARRAY),
          Map.entry("I64ArrayAttr", ARRAY),
          Map.entry("BoolArrayAttr", ARRAY),
          Map.entry("TypeArrayAttr", ARRAY),
          Map.entry("AffineMapArrayAttr", ARRAY),
          Map.entry("IteratorTypeArrayAttr", ARRAY),
          Map.entry("SymbolRefArrayAttr", ARRAY),
          Map.entry("FlatSymbolRefArrayAttr", ARRAY),
          Map.entry("DenseI32ArrayAttr", EnumSet.of(Kind.DENSE_ARRAY)),
          Map.entry("DenseI64ArrayAttr", EnumSet.of(Kind.DENSE_ARRAY)),
          Map.entry("DenseBoolArrayAttr", EnumSet.of(Kind.DENSE_ARRAY)),
          Map.entry("AffineMapAttr", EnumSet.of(Kind.AFFINE_MAP)),
          Map.entry("IntegerSetAttr", EnumSet.of(Kind.INTEGER_SET)));

  private KindFit() {}

  /** Whether a builtin attribute of kind {@code builtin} fits an attribute of {@code kind}. */
  static boolean fits(String kind, Kind builtin) {
    Set<Kind> fitting = FITS.get(kind);
    return fitting == null || fitting.contains(builtin);
  }
}
