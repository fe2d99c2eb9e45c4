module @unrelated {
  util.func public @h() {
    util.return
  }
}
