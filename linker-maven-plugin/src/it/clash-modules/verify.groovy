// The modules were built in parallel; whichever claimed the file second failed on its
// configuration, naming both modules' executions, and only the first linked.
def log = new File(basedir, 'build.log').text
def out = new File(basedir, 'target/mlir/hparams.mlir')
assert log.contains('MultiThreadedBuilder') && log.contains('thread count of 2') : log
def toy = "execution 'default' of org.mlirlink.it:toy"
def mixtral = "execution 'default' of org.mlirlink.it:mixtral"
def clash = " both write ${out.absolutePath}, each over the other's: give one of them another <output>"
assert log.contains("mlir-link: ${toy} and ${mixtral}${clash}") || log.contains("mlir-link: ${mixtral} and ${toy}${clash}") : log
assert log.findAll(/mlir-link: linked /).size() == 1 : log
return true
