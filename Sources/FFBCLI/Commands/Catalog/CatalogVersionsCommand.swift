import FFBCatalog
import FFBCommandLine
import FFBJSON

/// `ffb catalog versions`: the catalogue versions built into this binary.
enum CatalogVersionsCommand: Command {
    static let spec = CommandSpec(
        "versions",
        abstract: "List the built-in catalogue versions.",
        options: [OutputFormat.option()]
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        var records = RecordSet(tableColumns: [
            ("version", .init(title: "VERSION")),
            ("themes", .init(title: "TEMAER", alignment: .right)),
            ("default", .init(title: "STANDARD")),
            ("title", .init(title: "TITEL")),
        ])
        for version in BuiltInCatalogs.versions {
            guard let catalog = BuiltInCatalogs.catalog(version: version) else { continue }
            records.append(JSONObject([
                ("version", .string(version)),
                ("title", .string(catalog.title)),
                ("themes", .number(JSONNumber(catalog.themes.count))),
                ("default", .bool(version == BuiltInCatalogs.defaultVersion)),
                ("source", catalog.source.map(JSONValue.string) ?? .null),
            ]))
        }
        records.write(OutputFormat.from(arguments), language: context.language, to: context.stdout)
    }
}
