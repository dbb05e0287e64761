import FFBCatalog
import FFBCommandLine
import FFBJSON
import FFBModel
import FFBStore
import Foundation

/// `ffb tariff import FILE`: daily rates per provider and support level (CSV).
enum TariffImportCommand: Command {
    static let spec = CommandSpec(
        "import",
        abstract: "Import tariffs from CSV: provider,support_level,daily_rate,valid_from,valid_to.",
        discussion: "provider is the provider's identifier as in orders; daily_rate is DKK per day (decimal point or comma); valid_to may be empty. Overlapping periods for the same provider and level are an error.",
        options: StoreOptions.writeOptions,
        positionals: [PositionalSpec("FILE", help: "The tariff CSV.")]
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        let path = arguments.positionals[0]
        guard let data = FileManager.default.contents(atPath: context.url(for: path).path) else {
            throw .invalid("cannot read the file", file: path)
        }
        let tariffs = try parse(String(decoding: data, as: UTF8.self), file: path)
        try StoreOptions.write(arguments, context: context) { _, writer in try writer.addTariffs(tariffs) }
        context.stdout.line("Imported \(tariffs.count) tariff(s).")
    }

    static func parse(_ text: String, file: String) throws(CLIError) -> [Tariff] {
        let rows = CSVRows(text)
        guard let header = rows.first?.fields.map({ $0.trimmingSpaces().lowercased() }) else {
            throw .invalid("the file is empty", file: file, location: "1")
        }
        let names = ["provider", "support_level", "daily_rate", "valid_from", "valid_to"]
        var columns: [Int] = []
        for name in names {
            guard let index = header.firstIndex(of: name) else { throw .invalid("missing column \"\(name)\"", file: file, location: "1") }
            columns.append(index)
        }
        var tariffs: [Tariff] = []
        var problems: [Diagnostic] = []
        for row in rows.dropFirst() where !row.fields.allSatisfy({ $0.isEmpty }) {
            func field(_ column: Int) -> String {
                columns[column] < row.fields.count ? row.fields[columns[column]].trimmingSpaces() : ""
            }
            let location = String(row.line)
            guard row.fields.count >= header.count else {
                problems.append(Diagnostic(file: file, location: location, message: "expected \(header.count) columns, found \(row.fields.count)"))
                continue
            }
            guard let level = SupportLevel(cliValue: field(1)) else {
                problems.append(Diagnostic(file: file, location: location, message: "support level \"\(field(1))\" is not A–E"))
                continue
            }
            guard let rate = Decimal(string: field(2).replacingOccurrences(of: ",", with: ".")), rate >= 0 else {
                problems.append(Diagnostic(file: file, location: location, message: "daily rate \"\(field(2))\" is not an amount in DKK"))
                continue
            }
            guard let from = LocalDate(iso: field(3)) else {
                problems.append(Diagnostic(file: file, location: location, message: "valid_from \"\(field(3))\" is not a date (YYYY-MM-DD)"))
                continue
            }
            var to: LocalDate?
            if !field(4).isEmpty {
                guard let date = LocalDate(iso: field(4)), date >= from else {
                    problems.append(Diagnostic(file: file, location: location, message: "valid_to \"\(field(4))\" is not a date on or after valid_from"))
                    continue
                }
                to = date
            }
            guard !field(0).isEmpty else {
                problems.append(Diagnostic(file: file, location: location, message: "empty provider"))
                continue
            }
            let ore = NSDecimalNumber(decimal: rate * 100).rounding(accordingToBehavior: nil).intValue
            let tariff = Tariff(provider: field(0), supportLevel: level, dailyRateOre: ore, validFrom: from, validTo: to)
            if let clash = tariffs.first(where: { $0.overlaps(tariff) }) {
                problems.append(Diagnostic(file: file, location: location, message: "overlaps the tariff for \(clash.provider) level \(clash.supportLevel.rawValue) from \(clash.validFrom)"))
                continue
            }
            tariffs.append(tariff)
        }
        if !problems.isEmpty { throw .invalidInput(problems) }
        return tariffs
    }
}

/// `ffb tariff list`.
enum TariffListCommand: Command {
    static let spec = CommandSpec("list", abstract: "List the tariffs in the store.", options: StoreOptions.readOptions + [OutputFormat.option()])

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        let tariffs = try StoreOptions.read(arguments, context: context) { store in try store.tariffs() }
        var records = RecordSet(tableColumns: [
            ("provider", .init(title: "UDFØRER")), ("support_level", .init(title: "NIVEAU")), ("daily_rate", .init(title: "DKK/DAG", alignment: .right)),
            ("valid_from", .init(title: "FRA")), ("valid_to", .init(title: "TIL")),
        ])
        for tariff in tariffs {
            records.append(JSONObject([
                ("provider", .string(tariff.provider)), ("support_level", .string(tariff.supportLevel.rawValue)),
                ("daily_rate", .number(JSONNumber(Double(tariff.dailyRateOre) / 100))),
                ("valid_from", .string(tariff.validFrom.iso)), ("valid_to", tariff.validTo.map { .string($0.iso) } ?? .null),
            ]))
        }
        context.stdout.write(records.render(OutputFormat.from(arguments)))
    }
}

/// RFC 4180 rows with their line numbers (quoted fields may hold separators, quotes and newlines).
struct CSVRows: Sequence {
    struct Row {
        var line: Int
        var fields: [String]
    }

    private let rows: [Row]

    init(_ text: String, separator: Character = ",") {
        var rows: [Row] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var line = 1
        var rowLine = 1
        var iterator = text.makeIterator()
        var pending: Character? = iterator.next()
        if pending == "\u{FEFF}" { pending = iterator.next() }
        while let character = pending {
            pending = iterator.next()
            if quoted {
                if character == "\"" {
                    if pending == "\"" {
                        field.append("\"")
                        pending = iterator.next()
                    } else {
                        quoted = false
                    }
                } else {
                    if character == "\n" || character == "\r\n" { line += 1 }
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == separator {
                fields.append(field)
                field = ""
            } else if character == "\n" || character == "\r\n" || character == "\r" {
                fields.append(field)
                rows.append(Row(line: rowLine, fields: fields))
                fields = []
                field = ""
                line += 1
                rowLine = line
            } else {
                field.append(character)
            }
        }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(field)
            rows.append(Row(line: rowLine, fields: fields))
        }
        self.rows = rows
    }

    var first: Row? { rows.first }

    func makeIterator() -> IndexingIterator<[Row]> { rows.makeIterator() }
}
