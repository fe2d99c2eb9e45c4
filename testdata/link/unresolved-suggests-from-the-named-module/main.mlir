// @swiglu of module @activation_components was renamed @swiglu_x, and this declaration was not
// updated. Modules @activation_components_1 and @activation_components_10 still have a @swiglu,
// and as whole dotted names 'activation_components_1.swiglu' is as close to the declared name as
// 'activation_components.swiglu_x': the suggestion is the name in the module the declaration names.
module @main {
  util.func private @activation_components.swiglu(%arg0: i32) -> i32
  util.func public @entry(%x: i32) -> i32 {
    %0 = util.call @activation_components.swiglu(%x) : (i32) -> i32
    util.return %0 : i32
  }
}
