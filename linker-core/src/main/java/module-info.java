/**
 * The linker as a library. Its API is {@code org.mlirlink} ({@code Linker}, {@code Source}, {@code
 * LinkResult}), {@code org.mlirlink.diagnostic}, {@code org.mlirlink.report} and {@code
 * org.mlirlink.workspace} (an editor's view of a component tree); the stage packages are not
 * exported.
 */
module org.mlirlink.core {
  requires com.google.common;
  requires org.mlirlink.grammar;

  exports org.mlirlink;
  exports org.mlirlink.diagnostic;
  exports org.mlirlink.report;
  exports org.mlirlink.workspace;
}
