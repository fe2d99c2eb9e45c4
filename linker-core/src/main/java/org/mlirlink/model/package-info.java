/**
 * Immutable values the stages pass on: a file, its top-level items and operations with exact source
 * ranges, function signatures and alias expansions for comparisons. Not API.
 */
package org.mlirlink.model;
