#map = affine_map<(d0) -> (d0 * 2)>
module @a {
  func.func @id(%x: index) -> index {
    %0 = affine.apply #map(%x)
    return %0 : index
  }
}
