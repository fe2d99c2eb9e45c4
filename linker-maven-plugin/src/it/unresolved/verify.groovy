// The build failed on the declaration, in the compiler plugin's form IDEs turn into links, with a
// suggestion; nothing was written but the JSON report, which is written on failure too.
def log = new File(basedir, 'build.log').text
def block = new File(basedir, 'src/main/mlir/block.mlir').absolutePath
assert log.contains("[ERROR] ${block}:[3,21] unresolved external symbol: 'activation_components.swiglo'; did you mean 'activation_components.swiglu'?")
assert log.contains('mlir-link: 1 error linking block.mlir')
assert !new File(basedir, 'target/mlir/block.mlir').exists()
assert new File(basedir, 'target/report.json').text.contains('unresolved external symbol')
return true
