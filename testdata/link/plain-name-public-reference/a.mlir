module @a {
  // @g is not defined here: the plain name finds @b's public @g, which is written as @b.g.
  func.func private @g(i32) -> i32
  func.func @f(%x: i32) -> i32 {
    %r = func.call @g(%x) : (i32) -> i32
    return %r : i32
  }
}
