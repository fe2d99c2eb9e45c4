/**
 * MLIR bytecode ({@code .mlirbc}) as IREE's tools write it, read in pure Java into MLIR text in
 * generic form ({@link org.mlirlink.read.bytecode.BytecodeReader}), which the linker then reads as
 * any text: the framing and tables, builtin attributes and types, the IR, op properties (with the
 * op table of the pinned IREE release) and resources. {@code BytecodeReader} and {@code
 * MalformedBytecodeException} are for the rest of the linker; nothing here is API.
 */
package org.mlirlink.read.bytecode;
