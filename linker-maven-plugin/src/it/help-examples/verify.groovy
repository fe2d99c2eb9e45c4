// The example of the link goal, as help prints it: each XML line on a line of its own, not run
// together into one line of prose.
def lines = new File(basedir, 'build.log').readLines()*.trim()
assert lines.contains('<goals><goal>link</goal></goals>')
assert lines.contains('<link><main>src/main/mlir/llm/toy/hparams.mlir</main></link>')
assert !lines.any { it.contains('<execution> <goals>') || it.contains('</goals> <configuration>') }
return true
