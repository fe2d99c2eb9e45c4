/**
 * MLIR bytecode ({@code .mlirbc}) as IREE's tools write it, read in pure Java. This is the reader's
 * first layer: the file's framing (magic number, version, producer, sections) and the tables every
 * later part indexes into (strings, dialects, operation names). Not API.
 */
package org.mlirlink.read.bytecode;
