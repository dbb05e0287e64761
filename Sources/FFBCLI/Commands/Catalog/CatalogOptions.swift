import FFBCatalog
import FFBCommandLine
import FFBJSON

/// `--catalog-version V` and `--catalog FILE`: which catalogue a command works with.
enum CatalogOptions {
    static let options: [OptionSpec] = [
        OptionSpec("catalog-version", value: "V", help: "A built-in catalogue version.", allowed: BuiltInCatalogs.versions, defaultDescription: BuiltInCatalogs.defaultVersion),
        OptionSpec("catalog", value: "FILE", help: "A catalogue file of your own (same format as Catalogs/*.json)."),
    ]

    static func load(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) -> Catalog {
        if let path = arguments.value("catalog") {
            if arguments.value("catalog-version") != nil {
                throw .usage(UsageError("give either --catalog or --catalog-version, not both", command: arguments.commandPath))
            }
            do {
                return try CatalogLoader().load(contentsOf: context.url(for: path))
            } catch {
                throw .invalidInput(error.problems.map { Diagnostic(file: path, location: $0.pointer, message: $0.message) })
            }
        }
        let version = arguments.value("catalog-version") ?? BuiltInCatalogs.defaultVersion
        guard let catalog = BuiltInCatalogs.catalog(version: version) else {
            throw .invalid("built-in catalogue \(version) could not be loaded")
        }
        return catalog
    }

    /// A concept as an output record: `code`, `name`, the kind's fields, `definition`.
    static func record(_ entry: CatalogEntry, includeKind: Bool = false) -> JSONObject {
        var object = JSONObject()
        if includeKind { object["kind"] = .string(entry.kind.rawValue) }
        object["code"] = .string(entry.code.rawValue)
        object["name"] = .string(entry.name)
        for (key, value) in entry.fields {
            switch value {
            case .text(let text): object[key] = .string(text)
            case .flag(let flag): object[key] = .bool(flag)
            case .none: object[key] = .null
            }
        }
        object["definition"] = entry.definition.map(JSONValue.string) ?? .null
        return object
    }
}
