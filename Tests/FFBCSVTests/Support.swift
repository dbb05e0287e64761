import FFBCSV

/// One row as the tokenizer found it, its fields decoded.
struct ScannedRow: Equatable, CustomStringConvertible {
    var fields: [String]
    var lines = 1
    var isTerminated = true
    /// Quoted line feeds before a quote left open, if one is.
    var openQuoteLineFeeds: Int?

    var description: String { "\(fields) lines \(lines)\(isTerminated ? "" : " unterminated")\(openQuoteLineFeeds.map { " open quote after \($0) line feeds" } ?? "")" }
}

/// Every row of `text`, as `CSVTokenizer` bounds it and `value` decodes it.
func scan(_ text: String, separator: UInt8 = UInt8(ascii: ","), maxLength: Int = .max) -> [ScannedRow] {
    let tokenizer = CSVTokenizer(separator: separator)
    return Array(text.utf8).withUnsafeBufferPointer { buffer in
        guard let base = buffer.baseAddress else { return [] }
        var rows: [ScannedRow] = []
        var position = 0
        while position < buffer.count {
            var bounds: [Range<Int>] = []
            let row = tokenizer.row(base, from: position, end: buffer.count, maxLength: maxLength) { index, start, end in
                precondition(index == bounds.count, "fields come in order")
                bounds.append(start..<end)
            }
            precondition(row.fields == bounds.count)
            rows.append(ScannedRow(
                fields: bounds.map { tokenizer.text(base, from: $0.lowerBound, to: $0.upperBound) },
                lines: row.lines, isTerminated: row.isTerminated, openQuoteLineFeeds: row.openQuote?.lineFeeds
            ))
            guard row.next > position else { break }
            position = row.next
        }
        return rows
    }
}

/// The rows `CSVRows` hands out, or the error that stopped it, as "line: fields" or "line: message".
func read(_ text: String, limits: CSVRows.Limits = .init(rows: 1000, rowBytes: 1000, fieldBytes: 1000), separator: UInt8 = UInt8(ascii: ",")) -> [String] {
    read(Array(text.utf8), limits: limits, separator: separator)
}

func read(_ bytes: [UInt8], limits: CSVRows.Limits, separator: UInt8 = UInt8(ascii: ",")) -> [String] {
    var reader = CSVRows(limits: limits)
    reader.tokenizer.separator = separator
    var found: [String] = []
    do {
        try reader.forEach(in: bytes) { row in found.append("\(row.line): \(row.fields)") }
    } catch {
        found.append("\(error.line): \(error.message)")
    }
    return found
}
