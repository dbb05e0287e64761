/// Text from the store or from imported documents, made safe to print on a terminal: a name
/// imported with an escape sequence must not recolour, retitle or rewrite the screen, a newline
/// must not forge a second line of `history` or break a table row, and a right-to-left override
/// must not reverse what follows it. Control characters are escaped (`\n`, `\x1b`) and bidi
/// controls shown by their code (`<U+202E>`); everything else passes unchanged.
package enum TerminalText {
    package static func safe(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            result += escaped(scalar)
        }
        return result
    }

    /// One scalar as it is shown: itself, or its escape.
    package static func escaped(_ scalar: Unicode.Scalar) -> String {
        guard needsEscape(scalar) else { return String(scalar) }
        switch scalar {
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        case _ where scalar.value < 0x100: return "\\x" + hex(scalar.value, digits: 2)
        default: return "<U+" + hex(scalar.value, digits: 4) + ">"
        }
    }

    /// C0 and C1 control characters, DEL, the line and paragraph separators, and the Unicode
    /// bidirectional controls (marks, embeddings, overrides, isolates).
    package static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: value >= 0x100)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
