/**
 * The linker's symbol knowledge for editors and checkers: a {@link
 * org.mlirlink.workspace.Workspace} of documents answering definition, references, types,
 * completion, renames and link diagnostics across files.
 */
package org.mlirlink.workspace;
