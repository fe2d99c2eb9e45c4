/**
 * The {@code mlir-link} / {@code iree-link} command: iree-link's options over the library, the
 * outputs written in full before they replace anything, the inputs read ahead while it starts.
 */
package org.mlirlink.cli;
