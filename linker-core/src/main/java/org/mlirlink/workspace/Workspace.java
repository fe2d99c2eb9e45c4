package org.mlirlink.workspace;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The linker's view of a tree of components, kept up to date as an editor changes them: every
 * {@code .mlir} file under the library roots, plus the documents an editor has open (whose text
 * wins over the file's). It answers what an editor asks about symbols across files: where a dotted
 * {@code @module.func} declaration is defined, who uses a definition, whether a declaration still
 * matches its definition.
 *
 * <pre>{@code
 * Workspace workspace = new Workspace(List.of(Path.of("components")));
 * Path block = Path.of("components/moe/moe_ffn_block.mlir");
 * workspace.definition(block, 9, 22);        // [components/moe/mul_mat_id.mlir:12:19-12:30]
 * workspace.open(block, editedText, 2);       // re-reads this document only
 * workspace.diagnostics(block);               // type-mismatch, unresolved-external, ...
 * }</pre>
 *
 * <p>Positions are 1-based lines and columns, columns counted in UTF-16 characters. Paths are taken
 * as given and made absolute and normalized; every answer names documents that way. All methods may
 * be called from any thread. A query whose thread is interrupted stops with a {@link
 * java.util.concurrent.CancellationException}.
 */
public final class Workspace {
  /** A workspace of the {@code .mlir} files under {@code libraryRoots}, read when first asked. */
  public Workspace(List<Path> libraryRoots) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Replaces the library roots (an editor's workspace folders changed). */
  public void setLibraryRoots(List<Path> libraryRoots) {
    throw new UnsupportedOperationException("not yet");
  }

  /** The library roots, absolute and normalized. */
  public List<Path> libraryRoots() {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * Sets a document's text as an editor holds it (opened or changed); it wins over the file until
   * {@link #close}. Only this document is read again.
   *
   * @param version the editor's version of the text, kept for {@link #version}
   */
  public void open(Path path, String text, long version) {
    throw new UnsupportedOperationException("not yet");
  }

  /** The editor closed the document: its file on disk counts again (if it is under a root). */
  public void close(Path path) {
    throw new UnsupportedOperationException("not yet");
  }

  /** A file changed, appeared or went away on disk: read it again when next asked. */
  public void refresh(Path path) {
    throw new UnsupportedOperationException("not yet");
  }

  /** The version {@link #open} was last given for the document, if it is open. */
  public Optional<Long> version(Path path) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Every document: the open ones and the {@code .mlir} files under the roots. */
  public Set<Path> documents() {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * Where the symbol reference at {@code line:column} is defined: for a dotted declaration or a
   * call of it, the definition in the module it names (another file); for a local call, the
   * function in this document; for {@code #map} or {@code !t}, the alias. Empty when the position
   * is on no reference or the reference resolves to nothing.
   */
  public List<TextLocation> definition(Path path, int line, int column) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * Every reference, across the workspace, to the symbol at {@code line:column} (a definition, a
   * declaration or any reference to one): calls, dotted declarations, their uses.
   *
   * @param includeDefinition whether the definition's own name is in the list
   */
  public List<TextLocation> references(Path path, int line, int column, boolean includeDefinition) {
    throw new UnsupportedOperationException("not yet");
  }

  /** The declared and the defined type of the function reference at {@code line:column}. */
  public Optional<SignatureInfo> signature(Path path, int line, int column) {
    throw new UnsupportedOperationException("not yet");
  }

  /** The symbols a document defines and declares, as an outline: modules hold their symbols. */
  public List<SymbolInfo> symbols(Path path) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * The symbols of every document whose qualified name contains {@code query}, ignoring case (all
   * of them for ""), without children.
   */
  public List<SymbolInfo> workspaceSymbols(String query) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * Completions at {@code line:column}: after {@code @prefix.}, the public symbols of module {@code
   * prefix}; after a bare {@code @}, the module names and the document's own symbols.
   */
  public List<Completion> complete(Path path, int line, int column) {
    throw new UnsupportedOperationException("not yet");
  }

  /** The link diagnostics of one document. */
  public List<LinkDiagnostic> diagnostics(Path path) {
    throw new UnsupportedOperationException("not yet");
  }

  /** The link diagnostics of every document, by document, in path order. */
  public Map<Path, List<LinkDiagnostic>> diagnostics() {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * The edits that rename the symbol at {@code line:column} to {@code newName} everywhere: its
   * definition, and every declaration and use of it in other documents, with dotted names
   * ({@code @activation_components.swiglu}) rewritten. Empty when nothing there can be renamed.
   *
   * @throws IllegalArgumentException when {@code newName} is not a valid symbol name
   */
  public Map<Path, List<Replacement>> rename(Path path, int line, int column, String newName) {
    throw new UnsupportedOperationException("not yet");
  }
}
