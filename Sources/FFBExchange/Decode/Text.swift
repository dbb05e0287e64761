/// Text as documents carry it: surrounding white space (Unicode White_Space, newlines included)
/// does not count, as the model's own values trim it too.
enum Text {
    /// Without leading and trailing white space; the same string, unallocated, when it has none
    /// (the common case, which Foundation's trimming would still copy through NSString).
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return text }
        guard first.properties.isWhitespace || last.properties.isWhitespace else { return text }
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let end = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[start...end])
    }
}
