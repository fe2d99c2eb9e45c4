#map = affine_map<(d0) -> (d0 * 3)>
module @b {
  func.func @shift(%i: index) -> index {
    %r = affine.apply #map(%i)
    return %r : index
  }
}
