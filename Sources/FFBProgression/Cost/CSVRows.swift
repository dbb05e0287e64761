import FFBFiles

/// RFC 4180 rows with their line numbers, read within limits: quoted fields may hold separators,
/// quotes and newlines; a field, a row or the number of rows past its limit stops the reading
/// with one located problem, and so does a quote that is never closed (which would otherwise
/// swallow the rest of the file into one field).
struct CSVRows {
    struct Limits: Sendable {
        /// Rows after the header.
        var rows: Int
        /// Bytes from a row's start to its line end (a quoted field's newlines included).
        var rowBytes: Int
        var fieldBytes: Int
    }

    struct Row {
        /// Where the row starts (1-based).
        var line: Int
        var fields: [String]
    }

    let limits: Limits
    var separator = UInt8(ascii: ",")

    /// Calls `body` with each row in turn, the header first.
    func forEach(in bytes: [UInt8], _ body: (Row) throws(LineProblems) -> Void) throws(LineProblems) {
        let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var quoteLine = 0
        var line = 1
        var rowLine = 1
        var rowStart = 0
        var rows = 0
        func endRow() throws(LineProblems) {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            rows += 1
            guard rows <= limits.rows + 1 else { throw LineProblems("more than \(limits.rows) rows below the header", line: rowLine) }
            try body(Row(line: rowLine, fields: fields))
            fields.removeAll(keepingCapacity: true)
        }
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while index < bytes.count {
            let byte = bytes[index]
            if quoted {
                if byte == quote {
                    if index + 1 < bytes.count, bytes[index + 1] == quote {
                        field.append(quote)
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if byte == newline { line += 1 }
                    field.append(byte)
                }
            } else if byte == quote {
                quoted = true
                quoteLine = line
            } else if byte == separator {
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
            } else if byte == newline || byte == carriageReturn {
                try endRow()
                if byte == carriageReturn, index + 1 < bytes.count, bytes[index + 1] == newline { index += 1 }
                line += 1
                rowLine = line
                rowStart = index + 1
            } else {
                field.append(byte)
            }
            if field.count > limits.fieldBytes {
                throw quoted
                    ? LineProblems("a quoted field starting here runs past \(ByteCount.text(limits.fieldBytes)) (is its closing quote missing?)", line: quoteLine)
                    : LineProblems("a field is longer than \(ByteCount.text(limits.fieldBytes))", line: line)
            }
            if index + 1 - rowStart > limits.rowBytes {
                throw LineProblems("the row is longer than \(ByteCount.text(limits.rowBytes))", line: rowLine)
            }
            index += 1
        }
        if quoted { throw LineProblems("a quoted field starting here is never closed", line: quoteLine) }
        if !field.isEmpty || !fields.isEmpty { try endRow() }
    }
}
