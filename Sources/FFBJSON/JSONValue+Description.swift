extension JSONValue: CustomStringConvertible {
    /// Compact JSON text.
    public var description: String { JSONWriter().string(self) }
}

extension JSONValue {
    /// Compact JSON text for an error message, cut short so one long value
    /// cannot swamp the line it appears in.
    func abbreviated(maxCharacters: Int = 60) -> String {
        let text = description
        guard text.count > maxCharacters else { return text }
        return String(text.prefix(maxCharacters - 1)) + "…"
    }
}
