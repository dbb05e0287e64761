import FFBFiles

/// RFC 4180 rows as text with their line numbers, read within limits: quoted fields may hold
/// separators, quotes and newlines; a field, a row or the number of rows past its limit stops the
/// reading with one located error, and so does a quote that is never closed (which would
/// otherwise swallow the rest of the file into one field).
package struct CSVRows {
    package struct Limits: Sendable {
        /// Rows after the header.
        package var rows: Int
        /// Bytes from a row's start to its line end (a quoted field's newlines included).
        package var rowBytes: Int
        package var fieldBytes: Int

        package init(rows: Int, rowBytes: Int, fieldBytes: Int) {
            self.rows = rows
            self.rowBytes = rowBytes
            self.fieldBytes = fieldBytes
        }
    }

    package struct Row: Sendable {
        /// Where the row starts (1-based).
        package var line: Int
        package var fields: [String]
    }

    package let limits: Limits
    package var tokenizer = CSVTokenizer()

    package init(limits: Limits) {
        self.limits = limits
    }

    /// Calls `body` with each row in turn, the header first. A blank line is a row of one empty
    /// field; the last line needs no line end. A limit is checked where the reading passes it, so
    /// of two limits a row passes, the one passed first is reported.
    package func forEach(in bytes: [UInt8], _ body: (Row) throws(CSVError) -> Void) throws(CSVError) {
        let value = UnsafeMutablePointer<UInt8>.allocate(capacity: max(limits.fieldBytes, 0))
        defer { value.deallocate() }
        var bounds: [Range<Int>] = []
        var fields: [String] = []
        var rows = 0
        var line = 1
        // The byte-order mark counts towards the first row's length.
        var rowStart = 0
        var position = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        try bytes.withUnsafeBufferPointer { buffer throws(CSVError) in
            guard let base = buffer.baseAddress else { return }
            func lineFeeds(before end: Int) -> Int {
                buffer[rowStart..<end].reduce(0) { $1 == CSVTokenizer.lineFeed ? $0 + 1 : $0 }
            }
            while position < buffer.count {
                bounds.removeAll(keepingCapacity: true)
                fields.removeAll(keepingCapacity: true)
                // The first byte past the row limit (the byte-order mark counts towards the first
                // row). One byte more is scanned, to tell whether a quote there is doubled.
                let crossing = max(rowStart + limits.rowBytes, position)
                let row = tokenizer.row(base, from: position, end: buffer.count, maxLength: crossing + 1 - position) { _, start, end in
                    bounds.append(start..<end)
                }
                for field in bounds {
                    let decoded = tokenizer.value(base, from: field.lowerBound, to: field.upperBound, into: value, limit: limits.fieldBytes)
                    if let overflow = decoded.overflow {
                        // A byte is checked against both limits, the field's first; a doubled
                        // quote is checked at its second byte.
                        let doubled = overflow.openQuote != nil && base[overflow.position] == CSVTokenizer.quote
                        guard overflow.position <= crossing || (doubled && overflow.position == crossing + 1) else { break }
                        if let quote = overflow.openQuote {
                            throw CSVError("a quoted field starting here runs past \(ByteCount.text(limits.fieldBytes)) (is its closing quote missing?)", line: line + lineFeeds(before: quote))
                        }
                        throw CSVError("a field is longer than \(ByteCount.text(limits.fieldBytes))", line: line + lineFeeds(before: overflow.position))
                    }
                    fields.append(String(decoding: UnsafeBufferPointer(start: value, count: decoded.count), as: UTF8.self))
                }
                if row.end > crossing { throw CSVError("the row is longer than \(ByteCount.text(limits.rowBytes))", line: line) }
                if let quote = row.openQuote { throw CSVError("a quoted field starting here is never closed", line: line + quote.lineFeeds) }
                // A last line without a line end is a row unless it is empty.
                if row.isTerminated || fields.count > 1 || !fields[0].isEmpty {
                    rows += 1
                    guard rows <= limits.rows + 1 else { throw CSVError("more than \(limits.rows) rows below the header", line: line) }
                    try body(Row(line: line, fields: fields))
                }
                line += row.lines
                position = row.next
                rowStart = row.next
            }
        }
    }
}
