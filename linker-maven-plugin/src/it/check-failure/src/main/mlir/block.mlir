// swiglu takes two rank-3 tensors; this declaration says rank 2.
module @block {
  util.func private @activation_components.swiglu(tensor<?x?xf32>, tensor<?x?xf32>) -> tensor<?x?xf32>
}
