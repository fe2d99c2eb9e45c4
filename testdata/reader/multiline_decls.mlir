// Declarations and definitions spread over lines, with comments between the arguments;
// the next op can start on the same line as the end of the previous one.
module @multiline {
  func.func private @decl(
      // the input, a dynamic vector
      tensor<?xf32>,   // trailing comment after the first argument
      // a scalar
      f32 {llvm.noundef},
      index           // the size
  ) -> (
      tensor<?xf32>,  // the result
      i1              // a flag
  )
  func.func private @decl2(i32) -> i32 func.func @def(
      %a: tensor<?xf32> {llvm.noalias},  // named, with attributes
      %b: f32,
      // %not_an_argument: i32,
      %n: index
  ) -> (tensor<?xf32>, i1)
    attributes {
      // a comment inside the attribute dictionary
      llvm.emit_c_interface
    } {
    %r:2 = func.call @decl(%a, %b, %n)   // call the declaration
        : (tensor<?xf32>, f32, index) -> (tensor<?xf32>, i1)
    return %r#0, %r#1 : tensor<?xf32>, i1
  }
}
