/**
 * What the linker says about its input: {@link org.mlirlink.diagnostic.Diagnostic}s with file,
 * line, column, the source line and notes, as a compiler prints them. Public API.
 */
package org.mlirlink.diagnostic;
