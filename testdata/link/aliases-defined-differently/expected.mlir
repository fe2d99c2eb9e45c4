#map = affine_map<(d0) -> (d0 + 1)>
!vec = vector<4xf32>
#map_0 = affine_map<(d0) -> (d0 * 2)>
#map_1 = affine_map<(d0) -> (d0 * 3)>
module @main {
  func.func private @a.shift(%i: index) -> index {
    %r = affine.apply #map_0(%i)
    return %r : index
  }
  func.func private @b.shift(%i: index) -> index {
    %r = affine.apply #map_1(%i)
    return %r : index
  }
  func.func private @a.splat(%x: f32) -> !vec {
    %v = vector.broadcast %x : f32 to !vec
    return %v : !vec
  }
  func.func @entry(%i: index, %x: f32) -> (index, !vec) {
    %0 = affine.apply #map(%i)
    %1 = func.call @a.shift(%0) : (index) -> index
    %2 = func.call @b.shift(%1) : (index) -> index
    %v = func.call @a.splat(%x) : (f32) -> !vec
    return %2, %v : index, !vec
  }
}
