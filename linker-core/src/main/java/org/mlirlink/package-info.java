/**
 * The linker as a library: {@link org.mlirlink.Linker} links MLIR text modules ({@link
 * org.mlirlink.Source}s) into one, and {@link org.mlirlink.LinkResult} holds the text, the
 * diagnostics and the report. This package, {@code diagnostic} and {@code report} are the public
 * API; the stage packages ({@code read}, {@code model}, {@code resolve}, {@code write}) are not.
 */
package org.mlirlink;
