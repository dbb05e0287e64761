import FFBCatalog
import FFBCommandLine
import FFBJSON
import FFBModel
import FFBProgression
import FFBReport
import FFBStore

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
        let tariffs: [Tariff]
        do {
            tariffs = try TariffCSV.read(path: context.url(for: path).path)
        } catch {
            throw .invalidInput(error.diagnostics(file: path))
        }
        try StoreOptions.write(arguments, context: context) { _, writer in try writer.addTariffs(tariffs) }
        context.stdout.line("Imported \(tariffs.count) tariff(s).")
    }
}

/// `ffb tariff list`.
enum TariffListCommand: Command {
    static let spec = CommandSpec("list", abstract: "List the tariffs in the store.", options: StoreOptions.readOptions + [OutputFormat.option()])

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        // A tariff names its provider by identifier only; the orders give the name (the latest order's).
        let (tariffs, names) = try StoreOptions.read(arguments, context: context) { store in
            let orders = try store.orders(of: nil).map(\.value).sorted { $0.start < $1.start }
            return (try store.tariffs(), Dictionary(orders.map { ($0.provider.identifier, $0.provider.name) }, uniquingKeysWith: { _, latest in latest }))
        }
        var records = RecordSet(tableColumns: [
            ("provider_name", .init(title: "UDFØRER", maxWidth: 30)), ("provider", .init(title: "ID")), ("support_level", .init(title: "NIVEAU")), ("daily_rate", .init(title: "DKK/DAG", alignment: .right)),
            ("valid_from", .init(title: "FRA")), ("valid_to", .init(title: "TIL")),
        ], tableText: [
            // Kroner as the reader writes them (600,50 in Danish); JSON and CSV keep the plain number.
            "daily_rate": { value, language in value.doubleValue.map { NumberText.grouped($0, digits: 2, in: language) } ?? RecordSet.plainText(value) },
        ])
        for tariff in tariffs {
            records.append(JSONObject([
                ("provider", .string(tariff.provider)), ("provider_name", names[tariff.provider].map(JSONValue.string) ?? .null), ("support_level", .string(tariff.supportLevel.rawValue)),
                ("daily_rate", .number(JSONNumber(Double(tariff.dailyRateOre) / 100))),
                ("valid_from", .string(tariff.validFrom.iso)), ("valid_to", tariff.validTo.map { .string($0.iso) } ?? .null),
            ]))
        }
        records.write(OutputFormat.from(arguments), language: context.language, to: context.stdout)
    }
}
