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
        let rows = try StoreOptions.read(arguments, context: context) { store in try StoreProgressionLoader.load(store).extractRows() }
        let text: String
        if format == "json" {
            text = JSONWriter.fileText(.object(JSONObject([
                ("columns", .array(ExtractRow.columns.map(JSONValue.string))),
                ("rows", .array(rows.map { row in
                    .object(JSONObject(zip(ExtractRow.columns, row.fields).map { key, value in
                        (key, key == "level" ? (Int(value).map { .number(JSONNumber($0)) } ?? .string(value)) : (value.isEmpty ? .null : .string(value)))
                    }))
                })),
            ])))
        } else {
            let writer = CSVWriter(separator: arguments.flag("excel") ? ";" : ",")
            var csv = arguments.flag("excel") ? "\u{FEFF}" : ""
            csv += writer.line(ExtractRow.columns)
            for row in rows { csv += writer.line(row.fields) }
            text = csv
        }
        try OutputOptions.write(text, to: path, shown: out)
        context.stdout.line("Wrote \(rows.count) rows to \(out) (pseudonymised: no CPR numbers, no names).")
    }
}
