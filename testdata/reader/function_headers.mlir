// Function headers a check of their tokens could get wrong: '->' and '>=' inside angle brackets,
// function types as arguments and results, strings and nested groups in attribute values,
// comments and line breaks inside a header, locations on arguments, quoted names, empty results.
#set = affine_set<(d0) : (d0 - 1 >= 0)>
!pair = tuple<i32, f32>
module @headers {
  func.func private @angles(memref<4xf32, affine_map<(d0) -> (d0 + 1)>>, vector<[4]xf32>)
      -> memref<?xf32, strided<[1], offset: ?>>
  func.func private @function_types((i32) -> i32, () -> ()) -> ((f32, f32) -> (f32, f32))
  func.func private @attributes(i32 {llvm.name = "a)b,c} -> {", llvm.noundef},
                                !llvm.ptr {llvm.align = 8 : i64, llvm.nest})
      -> (i32 {llvm.zeroext}, !pair) attributes {cond = #set, "quoted key" = [1, {a = -2}]}
  func.func @commented(%a: i32, // ) -> the first argument
                       %b: i32 loc("b.mlir":1:2)) // no result list yet
      -> i32 attributes {note = "-> i32 {"} {
    return %a : i32
  }
  func.func private @"quoted name"(complex<f32>, !llvm.struct<(i32, f32)>) -> ()
  func.func private @located(index) loc("x.mlir":3:4)
}
