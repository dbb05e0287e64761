import FFBCatalog
import FFBCommandLine
import FFBJSON

/// `ffb catalog search TEXT`: find concepts by part of their name, ignoring case and accents.
enum CatalogSearchCommand: Command {
    static let spec = CommandSpec(
        "search",
        abstract: "Search concept names (case- and accent-insensitive: \"aendre\" finds \"Ændre ...\").",
        options: CatalogOptions.options + [
            OptionSpec("kind", value: "KIND", help: "Only this kind.", allowed: CatalogKind.allCases.map(\.rawValue)),
            .flag("definitions", help: "Also search the KL definition texts."),
            OutputFormat.option(),
        ],
        positionals: [PositionalSpec("TEXT", help: "Part of a name.")],
        examples: ["ffb catalog search aendre", "ffb catalog search bolig --kind themes"]
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        let catalog = try CatalogOptions.load(arguments, context: context)
        let kind = arguments.value("kind").flatMap(CatalogKind.init(rawValue:))
        let matches = catalog.search(arguments.positionals[0], includeDefinitions: arguments.flag("definitions"))
            .filter { kind == nil || $0.kind == kind }
        var records = RecordSet(tableColumns: [
            ("name", .init(title: "NAVN", maxWidth: 60)),
            ("kind", .init(title: "SLAGS")),
            ("code", .init(title: "KODE")),
        ], tableText: ["kind": { value, language in
            value.stringValue.flatMap(CatalogKind.init(rawValue:))?.singular(in: language) ?? RecordSet.plainText(value)
        }])
        for entry in matches {
            records.append(CatalogOptions.record(entry, includeKind: true))
        }
        let format = OutputFormat.from(arguments)
        if matches.isEmpty, format == .table {
            context.stdout.line(context.language.pick("Intet begreb passer på \"\(arguments.positionals[0])\".", "No concept matches \"\(arguments.positionals[0])\"."))
            return
        }
        records.write(format, language: context.language, to: context.stdout)
    }
}
