// The linked module is where the goal's default output puts it, with both definitions in it and
// the declarations they replace gone; every report names the inputs.
def out = new File(basedir, 'target/mlir/moe_ffn_block.mlir')
assert out.isFile()
def text = out.text
assert text.contains('util.func private @moe_components.mul_mat_id(%')
assert text.contains('util.func private @activation_components.swiglu(%')
assert text.contains('util.func public @moe_ffn_block(')
def depfile = new File(basedir, 'target/moe.d').text
assert depfile.startsWith(out.absolutePath + ':')
assert depfile.contains('mul_mat_id.mlir') && depfile.contains('swiglu.mlir')
assert new File(basedir, 'target/moe.map').text.contains('mul_mat_id')
assert new File(basedir, 'target/moe.json').text.contains('"version"')
def log = new File(basedir, 'build.log').text
assert log.contains('mlir-link: linked target/mlir/moe_ffn_block.mlir from 3 inputs')
return true
