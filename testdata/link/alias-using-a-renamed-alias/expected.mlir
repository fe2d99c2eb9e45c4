!elt = f16
!elt_0 = f32
!vec = vector<4x!elt_0>
module @main {
  func.func private @a.f(%x: !vec) -> !vec {
    return %x : !vec
  }
  func.func @g(%x: vector<4x!elt>) -> vector<4x!elt> {
    return %x : vector<4x!elt>
  }
}
