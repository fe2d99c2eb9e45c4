#m = affine_map<(d0) -> (d0)>
modul @lib {
  func.func @f() {
    return
  }
}
