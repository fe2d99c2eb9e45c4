#map = affine_map<(d0) -> (d0 + 1)>
!vec = vector<4xf32>
module @main {
  func.func private @a.shift(index) -> index
  func.func private @b.shift(index) -> index
  func.func private @a.splat(f32) -> !vec
  func.func @entry(%i: index, %x: f32) -> (index, !vec) {
    %0 = affine.apply #map(%i)
    %1 = func.call @a.shift(%0) : (index) -> index
    %2 = func.call @b.shift(%1) : (index) -> index
    %v = func.call @a.splat(%x) : (f32) -> !vec
    return %2, %v : index, !vec
  }
}
