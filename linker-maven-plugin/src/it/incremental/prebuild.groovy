// A copy of the project's components that the third build may change.
def from = new File(components)
def to = new File(basedir, 'mlir')
from.eachFileRecurse { file ->
  if (file.isFile()) {
    def copy = new File(to, from.toPath().relativize(file.toPath()).toString())
    copy.parentFile.mkdirs()
    copy.bytes = file.bytes
  }
}
return true
