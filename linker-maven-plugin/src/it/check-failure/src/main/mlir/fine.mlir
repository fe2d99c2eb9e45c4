// A declaration that matches its definition.
module @fine {
  util.func private @activation_components.swiglu(tensor<?x?x?xf32>, tensor<?x?x?xf32>) -> tensor<?x?x?xf32>
}
