import FFBCSV
import FFBCatalog
import FFBJSON
import FFBParallel

/// Rows of named values that a command prints in whichever `--format` was asked for.
///
/// JSON gets every key; CSV gets every key as a column (nested values as JSON text); the table
/// shows the `tableColumns` a person needs, with titles of their own.
struct RecordSet {
    var records: [JSONObject] = []
    var tableColumns: [(key: String, column: TextTable.Column)]
    /// How a column's value reads in the table, where a code (`continue`, `ikke-vurderet`) would
    /// not: by key, given the value and the reader's language. JSON and CSV keep the value.
    var tableText: [String: @Sendable (JSONValue, Language) -> String] = [:]

    init(tableColumns: [(key: String, column: TextTable.Column)], tableText: [String: @Sendable (JSONValue, Language) -> String] = [:]) {
        self.tableColumns = tableColumns
        self.tableText = tableText
    }

    mutating func append(_ record: JSONObject) {
        records.append(record)
    }

    /// Many records at once; into an empty set they move, not copied one by one.
    mutating func append(contentsOf more: consuming [JSONObject]) {
        if records.isEmpty { records = more } else { records += more }
    }

    /// `render` written to `sink`; CSV as the bytes it is made of.
    func write(_ format: OutputFormat, language: Language = .da, to sink: OutputSink) {
        if format == .csv {
            sink.write(utf8: csvBytes())
        } else {
            sink.write(render(format, language: language))
        }
    }

    /// The table's titles and yes/no are in `language`; JSON and CSV are for programs, the same in every language.
    func render(_ format: OutputFormat, language: Language = .da) -> String {
        switch format {
        case .json:
            return JSONWriter.fileText(.array(records.map(JSONValue.object)))
        case .csv:
            return String(decoding: csvBytes(), as: UTF8.self)
        case .table:
            // A column with nothing in any row (e.g. KL 2024 names in the KL 2024 catalogue) is noise.
            let columns = tableColumns.filter { column in
                records.isEmpty || records.contains { !(Self.cellText($0[column.key])).isEmpty }
            }
            var table = TextTable(columns.map { column in
                var translated = column.column
                translated.title = TableTitles.title(column.column.title, in: language)
                return translated
            })
            for record in records {
                table.append(columns.map { column in
                    guard let value = record[column.key], let text = tableText[column.key], value != .null else { return Self.cellText(record[column.key], language) }
                    return text(value, language)
                })
            }
            return table.render()
        }
    }

    /// Every key as a column, a line per record.
    private func csvBytes() -> [UInt8] {
        let keys = records.first?.keys ?? tableColumns.map(\.key)
        let writer = CSVWriter(), records = self.records
        var bytes: [UInt8] = []
        writer.append(keys, to: &bytes)
        // Runs of lines written on every core, joined in order (a listing has one per record).
        let runs = stride(from: 0, to: records.count, by: 1024).map { $0..<min($0 + 1024, records.count) }
        let lines = WorkerPool.perCore.map(runs.count) { run in
            var lines: [UInt8] = []
            for record in records[runs[run]] {
                // Records of one shape (the usual case) are read member by member, not key by key.
                let sameKeys = record.count == keys.count && zip(record.members, keys).allSatisfy { $0.key == $1 }
                writer.append(sameKeys ? record.members.map { Self.plainText($0.value) } : keys.map { record[$0].map(Self.plainText) ?? "" }, to: &lines)
            }
            return lines
        }
        for run in lines { bytes += run }
        return bytes
    }

    /// Like `plainText`, with yes/no in the reader's language.
    static func cellText(_ value: JSONValue?, _ language: Language = .da) -> String {
        guard let value else { return "" }
        if case .bool(let flag) = value { return flag ? language.pick("ja", "yes") : language.pick("nej", "no") }
        return plainText(value)
    }

    /// A value as a program reads it in a CSV cell: strings bare, null empty, structures as JSON.
    static func plainText(_ value: JSONValue) -> String {
        switch value {
        case .null: ""
        case .string(let text): text
        case .bool(let flag): flag ? "true" : "false"
        case .number(let number): number.description
        case .array, .object: JSONWriter().string(value)
        }
    }
}
