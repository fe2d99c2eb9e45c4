// A UTF-8 byte order mark before the first line. mlir-opt-22 rejects it (see
// ReaderDifferentialTest); the reader accepts it and writes it back.
module @bom {
  func.func @f() {
    return
  }
}
