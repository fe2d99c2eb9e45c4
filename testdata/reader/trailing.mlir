// Text after the module: comments, blank lines, trailing spaces, no final newline.
module @trailing {
  func.func @f() {
    return
  }
}   

// trailing comment with a brace } and a symbol @f and a string "
   // indented trailing comment

	
// last line without a newline