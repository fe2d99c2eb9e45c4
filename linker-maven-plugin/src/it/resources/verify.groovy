// Both modules linked; only the jar of the one that keeps the default packages the output, at
// its path under target/mlir.
import java.util.jar.JarFile

def entries(String module) {
  def jar = new JarFile(new File(basedir, "${module}/target/${module}-1.jar"))
  try {
    return jar.entries().collect { it.name }
  } finally {
    jar.close()
  }
}

def log = new File(basedir, 'build.log').text
for (module in ['shipped', 'unshipped']) {
  assert new File(basedir, "${module}/target/mlir/llm/toy/hparams.mlir").isFile()
}
def shipped = new JarFile(new File(basedir, 'shipped/target/shipped-1.jar'))
try {
  def entry = shipped.getEntry('llm/toy/hparams.mlir')
  assert entry != null : entries('shipped')
  assert shipped.getInputStream(entry).text.contains('arith.constant 2 : i32')
} finally {
  shipped.close()
}
assert !entries('unshipped').any { it.endsWith('.mlir') } : entries('unshipped')
return true
