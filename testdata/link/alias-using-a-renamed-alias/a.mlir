!elt = f32
!vec = vector<4x!elt>
module @a {
  func.func @f(%x: !vec) -> !vec {
    return %x : !vec
  }
}
