/// Writes RFC 4180 CSV; with `separator: ";"` it is the Danish Excel dialect. Every CSV the
/// package writes quotes its fields here, so `CSVTokenizer` reads each of them back as written.
package struct CSVWriter: Sendable {
    package var separator: Unicode.Scalar

    package init(separator: Unicode.Scalar = ",") {
        self.separator = separator
    }

    /// The field as written: quoted when it holds the separator, a quote or a line end, or starts
    /// or ends with a space (which a spreadsheet would otherwise trim); a quote inside is doubled.
    /// Scalars, not characters, are looked at: the reader sees bytes, and a CRLF or a quote with
    /// a combining mark after it is one character.
    package func field(_ text: String) -> String {
        let scalars = text.unicodeScalars
        let needsQuotes = scalars.contains { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || scalars.first == " " || scalars.last == " "
        guard needsQuotes else { return text }
        var quoted = "\""
        for scalar in scalars {
            if scalar == "\"" { quoted.unicodeScalars.append(scalar) }
            quoted.unicodeScalars.append(scalar)
        }
        return quoted + "\""
    }

    package func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: String(separator)) + "\n"
    }
}
