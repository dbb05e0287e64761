/// Writes RFC 4180 CSV; with `separator: ";"` it is the Danish Excel dialect.
struct CSVWriter {
    var separator: Character = ","

    func field(_ text: String) -> String {
        let needsQuotes = text.contains { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || text.first == " " || text.last == " "
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: String(separator)) + "\n"
    }
}
