/**
 * The first stage: MLIR text to the model. One pass finds the structure of a file (items, op
 * ranges, symbol and alias uses) and checks each function header's shape; the headers are parsed
 * with the ANTLR grammar on demand. Not API.
 */
package org.mlirlink.read;
