import Foundation

/// A `pattern` keyword's regular expression.
///
/// JSON Schema patterns are ECMA-262 regular expressions, but Foundation's
/// engine is ICU's. The differences that would let bad values through are
/// translated away: `$` means end of input (ICU's also matches before a final
/// newline, so `"123\n"` would pass `^\d+$`), and `\d` and `\w` are ASCII-only
/// (ICU's `\d` also matches Arabic-Indic and other digits).
struct SchemaPattern: Sendable {
    /// The pattern as written in the schema, for messages.
    let source: String
    private let expression: NSRegularExpression

    init(_ source: String) throws {
        self.source = source
        self.expression = try NSRegularExpression(pattern: Self.translated(source))
    }

    /// Whether the pattern matches anywhere in `text` (patterns are not
    /// implicitly anchored).
    func matches(_ text: String) -> Bool {
        let range = NSRange(location: 0, length: text.utf16.count)
        return expression.firstMatch(in: text, options: [], range: range) != nil
    }

    /// The ICU pattern with ECMA-262's meaning for `$`, `\d`, `\D`, `\w`, `\W`.
    static func translated(_ source: String) -> String {
        var output = ""
        var inClass = false
        var characters = source.makeIterator()
        while let character = characters.next() {
            switch character {
            case "\\":
                guard let escaped = characters.next() else {
                    output.append("\\")
                    break
                }
                switch (escaped, inClass) {
                case ("d", false): output += "[0-9]"
                case ("d", true): output += "0-9"
                case ("D", false): output += "[^0-9]"
                case ("w", false): output += "[A-Za-z0-9_]"
                case ("w", true): output += "A-Za-z0-9_"
                case ("W", false): output += "[^A-Za-z0-9_]"
                default: output += "\\\(escaped)"
                }
            case "[" where !inClass:
                inClass = true
                output.append(character)
            case "]" where inClass:
                inClass = false
                output.append(character)
            case "$" where !inClass:
                output += "\\z"
            default:
                output.append(character)
            }
        }
        return output
    }
}
