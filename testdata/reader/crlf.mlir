// CRLF line endings everywhere, including in comments.
#map = affine_map<(d0) -> (d0)>
module @crlf {
  func.func private @ext(i32) -> i32

  func.func @f(%x: i32,
               // a comment between arguments
               %y: i32) -> i32 {
    %0 = func.call @ext(%x) : (i32) -> i32
    %s = arith.addi %0, %y : i32
    return %s : i32
  }
}
// a trailing comment
