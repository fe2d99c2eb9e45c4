// Linked, then skipped with one info line, then linked again after the library file changed.
def log = new File(basedir, 'build.log').text
def linked = log.findAll(/mlir-link: linked target\/mlir\/moe_ffn_block\.mlir from 3 inputs/)
def skipped = log.findAll(/mlir-link: target\/mlir\/moe_ffn_block\.mlir is up to date \(3 inputs unchanged\), link skipped \(\d+ ms\)/)
assert linked.size() == 2 : log
assert skipped.size() == 1 : log
assert log.indexOf('link skipped') < log.lastIndexOf('mlir-link: linked')
assert new File(basedir, 'target/mlir/moe_ffn_block.mlir').text.contains('@activation_components.swiglu(%')
return true
