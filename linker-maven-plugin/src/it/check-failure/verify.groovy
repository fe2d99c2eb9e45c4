// One error, at the declaration, with a note at the definition; the matching file is not reported.
def log = new File(basedir, 'build.log').text
def block = new File(basedir, 'src/main/mlir/block.mlir').absolutePath
assert log.contains("[ERROR] ${block}:[3,21] type mismatch for symbol 'activation_components.swiglu'")
assert log =~ /\[ERROR\] \S+activation\/swiglu\.mlir:\[7,\d+\] note: defined here with type/
assert !log.contains('fine.mlir:[')
assert log.contains('mlir-link check: 1 error in 1 file (2 files checked)')
return true
