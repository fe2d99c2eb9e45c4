// Found by module name under the library path: the same two definitions are linked in.
def text = new File(basedir, 'target/linked/moe.mlir').text
assert text.contains('util.func private @moe_components.mul_mat_id(%')
assert text.contains('util.func private @activation_components.swiglu(%')
assert new File(basedir, 'build.log').text.contains('linked target/linked/moe.mlir from 3 inputs')
return true
