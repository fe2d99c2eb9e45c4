#map = affine_map<(d0) -> (d0)>
module @m {
  func.func @f() attributes {m = #map, s = affine_set<(d0) : (d0 >= 0