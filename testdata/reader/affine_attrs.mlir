// `->` and `>=` inside attributes do not close anything.
#map = affine_map<(d0, d1) -> (d1, d0)>
#set = affine_set<(d0) : (d0 - 1 >= 0, -d0 + 9 >= 0)>
module {
  func.func @use_map(%m: memref<10xf32>, %i: index) attributes {map = affine_map<(d0) -> (d0 + 1)>, set = affine_set<(d0) : (d0 >= 0)>, maps = [#map]} {
    affine.if affine_set<(d0) : (d0 - 1 >= 0, -d0 + 9 >= 0)>(%i) {
      %v = affine.load %m[%i] : memref<10xf32>
    }
    %cst = arith.constant 1.0 : f32
    affine.if #set(%i) {
      affine.store %cst, %m[%i] : memref<10xf32>
    } {attr = affine_map<(d0) -> (d0 floordiv 2)>}
    return
  }
  func.func @after(%x: memref<4x4xf32, affine_map<(d0, d1) -> (d1 * 4 + d0)>>) -> memref<4x4xf32, affine_map<(d0, d1) -> (d1 * 4 + d0)>> {
    return %x : memref<4x4xf32, affine_map<(d0, d1) -> (d1 * 4 + d0)>>
  }
}
