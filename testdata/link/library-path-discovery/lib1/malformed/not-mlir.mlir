// Never read: only DIR/prefix.mlir is looked at for @prefix.name (this is not valid MLIR).
this is not MLIR {
