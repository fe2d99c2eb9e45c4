// Each main's output keeps its path under src/main/mlir; the first build linked both, the
// second skipped both (they no longer overwrite each other's output and link state).
def log = new File(basedir, 'build.log').text
assert new File(basedir, 'target/mlir/llm/toy/hparams.mlir').text.contains('arith.constant 2 : i32')
assert new File(basedir, 'target/mlir/llm/mixtral/hparams.mlir').text.contains('arith.constant 32 : i32')
assert !new File(basedir, 'target/mlir/hparams.mlir').exists()
for (model in ['toy', 'mixtral']) {
  assert log.findAll("mlir-link: linked target/mlir/llm/${model}/hparams.mlir from 1 input").size() == 1 : log
  assert log.findAll("mlir-link: target/mlir/llm/${model}/hparams.mlir is up to date").size() == 1 : log
}
assert log.lastIndexOf('mlir-link: linked') < log.indexOf('is up to date')
return true
