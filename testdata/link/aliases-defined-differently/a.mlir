#map = affine_map<(d0) -> (d0 * 2)>
#unused = affine_map<(d0) -> (d0 * 5)>
!vec = vector<4xf32>
module @a {
  func.func @shift(%i: index) -> index {
    %r = affine.apply #map(%i)
    return %r : index
  }
  func.func @splat(%x: f32) -> !vec {
    %v = vector.broadcast %x : f32 to !vec
    return %v : !vec
  }
}
