// Aliases before the module, and location aliases printed after it.
#map = affine_map<(d0) -> (d0)>
!t = tensor<4xf32>
!pair = tuple<!t, !t>
#attr = {tag = "before // module"}
#loc0 = loc("input.py":1:1)
module @with_aliases attributes {test.attr = #attr} {
  func.func @id(%x: !t loc(#loc1)) -> !t attributes {maps = [#map]} {
    %0 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel"]} ins(%x : !t) outs(%x : !t) {
    ^bb0(%in: f32, %out: f32):
      linalg.yield %in : f32
    } -> !t loc(#loc2)
    return %0 : !t loc(#loc3)
  } loc(#loc0)
  func.func private @pair_decl(!pair) -> tensor<4xf32> loc(#loc3)
} loc(#loc0)
#loc1 = loc("input.py":2:3)
#loc2 = loc("input.py":3:5)
#loc3 = loc(fused[#loc1, #loc2])
