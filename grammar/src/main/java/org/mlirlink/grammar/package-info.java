/**
 * The lexer and parser ANTLR generates from {@code MlirLexer.g4} and {@code MlirParser.g4}: MLIR's
 * tokens and the syntax of function headers and attribute dictionaries. Used by the reader only.
 */
package org.mlirlink.grammar;
