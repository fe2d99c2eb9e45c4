// Nothing to link: no declarations, so the output is this file, byte for byte.
#map = affine_map<(d0) -> (d0)>   

// Non-ASCII in a comment: é ü — ∑
module @untouched attributes {test.keep = "yes"}  {
	func.func @id(%x: index) -> index {
    %0 = affine.apply #map(%x)   // trailing comment
    return %0 : index
  }
  func.func private @defined_here(%x: i32) -> i32 { return %x : i32 }
}


{-#
  dialect_resources: {
    builtin: {
      blob: "0x0400000001000000"
    }
  }
#-}