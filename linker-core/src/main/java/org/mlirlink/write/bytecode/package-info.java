/**
 * MLIR bytecode ({@code .mlirbc}) written from text in generic form, in pure Java: {@link
 * org.mlirlink.write.bytecode.BytecodeWriter} is the entry point. Not API.
 */
package org.mlirlink.write.bytecode;
