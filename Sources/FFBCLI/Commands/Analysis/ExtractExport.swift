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
        // Written citizen by citizen as the store is read: neither the file nor everyone's levels
        // ever sit whole in memory.
        let stream = try OutputOptions.stream(to: path, shown: out)
        var rows = 0
        var citizenRows: [ExtractRow] = []
        var text: [UInt8] = []
        let csv = CSVWriter(separator: arguments.flag("excel") ? ";" : ",")
        let json = JSONWriter(options: [.prettyPrinted])
        if format == "json" {
            text = Array("{\n  \"columns\": ".utf8)
            json.append(.array(ExtractRow.columns.map(JSONValue.string)), indent: 1, to: &text)
            text.append(contentsOf: ",\n  \"rows\": ".utf8)
        } else {
            text = Array(((arguments.flag("excel") ? "\u{FEFF}" : "") + csv.line(ExtractRow.columns)).utf8)
        }
        try context.withProgress(arguments, "export", unit: "theme entries") { progress throws(CLIError) in
            try StoreOptions.read(arguments, context: context) { store in
                if format == "csv" {
                    // Written as text straight from the levels and courses (no row value made), in
                    // runs of citizens on two cores, each run's text written in turn.
                    let catalog = store.catalog, separator = csv.separator, spares = stream.spares
                    stream.write(text)
                    text = []
                    try StoreProgressionLoader.mapCitizenRuns(store, order: .pseudonym, progress: progress, run: { citizens in
                        var writer = ExtractCSVWriter(catalog: catalog, separator: separator)
                        var text = spares.take(), rows = 0
                        citizens { citizen in
                            writer.beginCitizen(citizen.citizen, courses: citizen.courses)
                            citizen.forEachSeries { theme, points in rows += writer.appendSeries(theme: theme, points: points, to: &text) }
                        }
                        return (text, rows)
                    }) { run in
                        stream.write(piece: run.0)
                        rows += run.1
                    }
                    return
                }
                try StoreProgressionLoader.forEachCitizen(store, order: .pseudonym, progress: progress) { citizen, levels, courses in
                    citizenRows.removeAll(keepingCapacity: true)
                    ProgressionData.appendExtractRows(of: citizen, levels: levels, courses: courses, catalog: store.catalog, to: &citizenRows)
                    for row in citizenRows {
                        text.append(contentsOf: (rows == 0 ? "[\n    " : ",\n    ").utf8)
                        json.append(jsonRow(row), indent: 2, to: &text)
                        rows += 1
                    }
                    if text.count >= 1 << 16 {
                        stream.write(text)
                        text.removeAll(keepingCapacity: true)
                    }
                }
            }
        }
        if format == "json" { text.append(contentsOf: (rows == 0 ? "[]\n}\n" : "\n  ]\n}\n").utf8) }
        stream.write(text)
        try OutputOptions.commit(stream, shown: out)
        context.stdout.line("Wrote \(rows) rows to \(out) (pseudonymised: no CPR numbers, no names).")
    }

    private static func jsonRow(_ row: ExtractRow) -> JSONValue {
        .object(JSONObject(zip(ExtractRow.columns, row.fields).map { key, value in
            (key, key == "level" ? (Int(value).map { .number(JSONNumber($0)) } ?? .string(value)) : (value.isEmpty ? .null : .string(value)))
        }))
    }
}
