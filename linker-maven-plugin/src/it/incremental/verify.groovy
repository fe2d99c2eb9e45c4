// Linked, then skipped with one info line, then linked again after the library file changed,
// then not even looked at under -Dmlirlink.skip.
def log = new File(basedir, 'build.log').text
def linked = log.findAll(/mlir-link: linked target\/mlir\/moe_ffn_block\.mlir from 3 inputs/)
def skipped = log.findAll(/mlir-link: target\/mlir\/moe_ffn_block\.mlir is up to date \(3 inputs unchanged\), link skipped \(\d+ ms\)/)
assert linked.size() == 2 : log
assert skipped.size() == 1 : log
assert log.indexOf('link skipped') < log.lastIndexOf('mlir-link: linked')
assert new File(basedir, 'target/mlir/moe_ffn_block.mlir').text.contains('@activation_components.swiglu(%')
assert log.trim().contains('mlir-link: skipped (mlirlink.skip)')
assert log.indexOf('mlir-link: skipped (mlirlink.skip)') > log.lastIndexOf('mlir-link: linked')
return true
