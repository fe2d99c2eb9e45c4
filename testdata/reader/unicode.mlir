// Unicode in comments: façade, 日本語, emoji 🚀 (a surrogate pair in Java), and “quotes”.
module @unicode attributes {test.note = "ünïcödé 日本語 🚀 } @not_a_symbol"} {
  // Ĉu ĉi tio estas komento? 🚀🚀
  func.func private @ext() attributes {label = "λ → μ"}
  func.func @"名前"() attributes {doc = "emoji 🚀 then a brace }"} {
    func.call @ext() : () -> ()   // 呼び出し
    return
  }
  func.func @caller() {
    func.call @"名前"() : () -> ()
    // The same symbol, its UTF-8 bytes written as hex escapes.
    func.call @"\E5\90\8D\E5\89\8D"() : () -> ()
    return
  }
}
