import FFBCatalog
import FFBCommandLine
import FFBJSON

/// `ffb catalog list --kind KIND`: every concept of one kind.
enum CatalogListCommand: Command {
    static let spec = CommandSpec(
        "list",
        abstract: "List the concepts of one kind.",
        options: [
            OptionSpec("kind", value: "KIND", help: "What to list.", required: true, allowed: CatalogKind.allCases.map(\.rawValue)),
        ] + CatalogOptions.options + [OutputFormat.option()],
        examples: [
            "ffb catalog list --kind themes",
            "ffb catalog list --kind themes --catalog-version seed-v2.0 --format json",
            "ffb catalog list --kind support-levels --format csv",
        ]
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        let catalog = try CatalogOptions.load(arguments, context: context)
        guard let kind = CatalogKind(rawValue: try arguments.requiredValue("kind")) else { return }
        var records = RecordSet(tableColumns: tableColumns(for: kind))
        // A parent is named beside its code, in JSON and CSV too: a UUID alone says nothing to a person.
        let names = Dictionary(catalog.allEntries.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        for entry in catalog.entries(kind) {
            let record = CatalogOptions.record(entry)
            records.append(JSONObject(record.members.flatMap { member -> [(String, JSONValue)] in
                guard member.key == "parent" else { return [(member.key, member.value)] }
                let name: JSONValue = if case .string(let parent) = member.value, let code = KLCode(parent), let found = names[code] { .string(found) } else { .null }
                return [(member.key, member.value), ("parent_name", name)]
            }))
        }
        records.write(OutputFormat.from(arguments), language: context.language, to: context.stdout)
    }

    static func tableColumns(for kind: CatalogKind) -> [(key: String, column: TextTable.Column)] {
        let code: (key: String, column: TextTable.Column) = ("code", .init(title: "KODE"))
        let name: (key: String, column: TextTable.Column) = ("name", .init(title: "NAVN", maxWidth: 60))
        switch kind {
        case .themes:
            return [name, ("area_name", .init(title: "OMRÅDE")), ("scored", .init(title: "SCORES")), ("kl_name", .init(title: "KL 2024-NAVN")), code]
        case .areas:
            return [name, ("group_name", .init(title: "GRUPPE")), code]
        case .functionLevels, .supportLevels, .goalTypes, .followUpStatuses:
            return [("value", .init(title: "VÆRDI")), name, ("name_en", .init(title: "ENGLISH")), code]
        case .services, .offerTypes, .targetGroups, .headings:
            return [name, ("parent_name", .init(title: "OVERORDNET", maxWidth: 50)), code]
        case .groups:
            return [name, code]
        }
    }
}

extension ParsedArguments {
    /// A required option, as a `CLIError` for commands that throw those.
    func requiredValue(_ name: String) throws(CLIError) -> String {
        do {
            return try required(name)
        } catch {
            throw .usage(error)
        }
    }
}
