// The first execution linked; the second failed on its configuration, naming both, and linked
// nothing over the first's output.
def log = new File(basedir, 'build.log').text
def out = new File(basedir, 'target/mlir/hparams.mlir')
assert log.contains("mlir-link: execution 'toy' of org.mlirlink.it:clash-executions and execution 'mixtral' of org.mlirlink.it:clash-executions both write ${out.absolutePath}, each over the other's: give one of them another <output>") : log
assert log.findAll(/mlir-link: linked /).size() == 1 : log
assert out.text.contains('arith.constant 2 : i32')
assert !log.contains('at org.mlirlink') // a configuration error, not a stack trace
return true
