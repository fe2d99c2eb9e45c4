/**
 * A language server for MLIR components: {@link org.mlirlink.lsp.Main} runs {@link
 * org.mlirlink.lsp.MlirLanguageServer} over standard input and output, answering an editor's
 * definition, references, hover, outline, completion, rename and diagnostics requests from the
 * library's {@link org.mlirlink.workspace.Workspace}.
 */
package org.mlirlink.lsp;
