// A top-level target: the library's ops come out of a module indented by two spaces, so each of
// their lines loses those two spaces; a blank line, a line indented less than the op's first
// line and a line indented with tabs are left as they are.
func.func private @lib.f(i32) -> i32
func.func @main(%x: i32) -> i32 {
  %r = func.call @lib.f(%x) : (i32) -> i32
  return %r : i32
}
