/** The generated MLIR lexer and parser, for the linker's reader. */
module org.mlirlink.grammar {
  requires transitive org.antlr.antlr4.runtime;

  exports org.mlirlink.grammar to
      org.mlirlink.core;
}
