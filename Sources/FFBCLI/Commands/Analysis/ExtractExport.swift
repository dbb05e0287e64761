import FFBCatalog
import FFBCommandLine
import FFBCSV
import FFBJSON
import FFBProgression
import FFBStore
import FFBWorkflows
import Foundation

/// `ffb export --extract csv|json --out FILE [--excel]`: the pseudonymised analytic extract.
/// Rows carry the store's pseudonyms only: no CPR number and no name ever reach an extract.
enum ExtractExport {
    static let options: [OptionSpec] = [
        OptionSpec("extract", value: "FORMAT", help: "Write the pseudonymised analytic extract.", allowed: ["csv", "json"]),
        .flag("excel", help: "With --extract csv: Danish Excel CSV (semicolon, decimal comma, UTF-8 with BOM)."),
    ]

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        let format = try arguments.requiredValue("extract")
        let out = try arguments.requiredValue("out")
        if arguments.flag("excel"), format != "csv" { throw .usage(UsageError("--excel goes with --extract csv", command: arguments.commandPath)) }
        let path = try OutputOptions.path(arguments, context: context)
        let data = try context.withProgress(arguments, "export", unit: "theme entries") { progress throws(CLIError) in
            try StoreOptions.read(arguments, context: context) { store in try StoreProgressionLoader.load(store, progress: progress) }
        }
        // Written citizen by citizen as the rows are made: the file never sits whole in memory.
        let stream = try OutputOptions.stream(to: path, shown: out)
        var rows = 0
        context.withProgress(arguments, "export", unit: "citizens") { progress in
            progress.start(total: data.levels.count)
            if format == "json" {
                let writer = JSONWriter(options: [.prettyPrinted])
                var text: [UInt8] = Array("{\n  \"columns\": ".utf8)
                writer.append(.array(ExtractRow.columns.map(JSONValue.string)), indent: 1, to: &text)
                text.append(contentsOf: ",\n  \"rows\": ".utf8)
                data.forEachCitizenExtractRows { citizenRows in
                    for row in citizenRows {
                        text.append(contentsOf: (rows == 0 ? "[\n    " : ",\n    ").utf8)
                        writer.append(jsonRow(row), indent: 2, to: &text)
                        rows += 1
                    }
                    stream.write(text)
                    text.removeAll(keepingCapacity: true)
                    progress.advance()
                }
                text.append(contentsOf: (rows == 0 ? "[]\n}\n" : "\n  ]\n}\n").utf8)
                stream.write(text)
            } else {
                let writer = CSVWriter(separator: arguments.flag("excel") ? ";" : ",")
                stream.write((arguments.flag("excel") ? "\u{FEFF}" : "") + writer.line(ExtractRow.columns))
                var bytes: [UInt8] = []
                data.forEachCitizenExtractRows { citizenRows in
                    bytes.removeAll(keepingCapacity: true)
                    for row in citizenRows { writer.append(row.fields, to: &bytes) }
                    stream.write(bytes)
                    rows += citizenRows.count
                    progress.advance()
                }
            }
        }
        try OutputOptions.commit(stream, shown: out)
        context.stdout.line("Wrote \(rows) rows to \(out) (pseudonymised: no CPR numbers, no names).")
    }

    private static func jsonRow(_ row: ExtractRow) -> JSONValue {
        .object(JSONObject(zip(ExtractRow.columns, row.fields).map { key, value in
            (key, key == "level" ? (Int(value).map { .number(JSONNumber($0)) } ?? .string(value)) : (value.isEmpty ? .null : .string(value)))
        }))
    }
}
