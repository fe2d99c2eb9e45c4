// Both links ran, each to its default output, in the order given.
def moe = new File(basedir, 'target/mlir/moe_ffn_block.mlir').text
assert moe.contains('util.func private @activation_components.swiglu(%')
def main = new File(basedir, 'target/mlir/main_module.mlir').text
assert main.contains('util.func private @math_module.add(%')
assert main.contains('util.func private @math_module.scale(%')
assert new File(basedir, 'target/main_module.d').text.contains('math_module.mlir')
def log = new File(basedir, 'build.log').text
def first = log.indexOf('linked target/mlir/moe_ffn_block.mlir')
def second = log.indexOf('linked target/mlir/main_module.mlir')
assert first >= 0 && second > first
return true
