// A stray keyword where a top-level item must start.
garbage
module @m {
}
