!elt = f16
module @main {
  func.func private @a.f(vector<4xf32>) -> vector<4xf32>
  func.func @g(%x: vector<4x!elt>) -> vector<4x!elt> {
    return %x : vector<4x!elt>
  }
}
