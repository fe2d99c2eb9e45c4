// Declares a function the MoE components do not have (a typo of swiglu).
module @block {
  util.func private @activation_components.swiglo(tensor<?x?x?xf32>, tensor<?x?x?xf32>) -> tensor<?x?x?xf32>

  util.func public @run(%a: tensor<?x?x?xf32>, %b: tensor<?x?x?xf32>) -> tensor<?x?x?xf32> {
    %r = util.call @activation_components.swiglo(%a, %b) : (tensor<?x?x?xf32>, tensor<?x?x?xf32>) -> tensor<?x?x?xf32>
    util.return %r : tensor<?x?x?xf32>
  }
}
