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
        guard separator.isASCII else { return fields.map(field).joined(separator: String(separator)) + "\n" }
        var bytes: [UInt8] = []
        append(fields, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends one line's UTF-8 bytes, quoted as `field` quotes (a large export writes bytes, not
    /// strings). Looking at bytes is looking at scalars here: the separator, the quote and the
    /// line ends are ASCII, and no byte of a longer UTF-8 sequence is.
    package func append(_ fields: [String], to out: inout [UInt8]) {
        guard separator.isASCII else {
            out.append(contentsOf: line(fields).utf8)
            return
        }
        let separator = UInt8(self.separator.value)
        for (index, field) in fields.enumerated() {
            if index > 0 { out.append(separator) }
            appendField(field, to: &out)
        }
        out.append(0x0A)
    }

    /// Appends one field's UTF-8 bytes, quoted as `field` quotes, for an ASCII separator (what
    /// `append(_:to:)` writes between separators): a writer that copies fields shared by many
    /// lines quotes each once here.
    package func appendField(_ field: String, to out: inout [UInt8]) {
        precondition(separator.isASCII, "appendField writes bytes for an ASCII separator")
        let separator = UInt8(self.separator.value)
        var field = field
        field.withUTF8 { bytes in
            let needsQuotes = bytes.contains { $0 == separator || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
                || bytes.first == 0x20 || bytes.last == 0x20
            guard needsQuotes else {
                out.append(contentsOf: bytes)
                return
            }
            out.append(0x22)
            // Runs between quotes copied whole; each quote written twice.
            var rest = bytes[...]
            while let quote = rest.firstIndex(of: 0x22) {
                out.append(contentsOf: rest[...quote])
                out.append(0x22)
                rest = rest[(quote + 1)...]
            }
            out.append(contentsOf: rest)
            out.append(0x22)
        }
    }
}
