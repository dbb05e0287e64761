import FFBCatalog
import FFBCommandLine
import FFBJSON
import FFBModel
import FFBText

/// `ffb catalog show CODE-OR-NAME`: one concept with everything the catalogue knows of it.
enum CatalogShowCommand: Command {
    static let spec = CommandSpec(
        "show",
        abstract: "Show one concept by KL code or exact Danish name.",
        options: CatalogOptions.options + [OutputFormat.option(allowed: [.table, .json])],
        positionals: [PositionalSpec("CODE-OR-NAME", help: "A KL UUID code or an exact Danish name.")],
        examples: ["ffb catalog show \"Købe ind\"", "ffb catalog show 01770afa-cd17-41fe-a966-b8895e4d55d8 --format json"]
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        let catalog = try CatalogOptions.load(arguments, context: context)
        let text = arguments.positionals[0]
        let entry: CatalogEntry
        do {
            entry = try catalog.lookup(text)
        } catch {
            guard case .unknown = error else { throw .invalid(error.description) }
            throw .invalid(DidYouMean.message(error.description, suggesting: catalog.closestNames(to: text, kind: nil)))
        }
        let record = CatalogOptions.record(entry, includeKind: true)
        switch OutputFormat.from(arguments) {
        case .json:
            context.stdout.write(JSONWriter.fileText(.object(record)))
        case .table, .csv:
            context.stdout.write(describe(entry, record: record, catalog: catalog))
        }
    }

    private static func describe(_ entry: CatalogEntry, record: JSONObject, catalog: Catalog) -> String {
        var lines = ["\(entry.name)", "  kind        \(entry.kind.singular)", "  code        \(entry.code)"]
        for member in record.members where !["kind", "code", "name", "definition"].contains(member.key) {
            let value = RecordSet.plainText(member.value)
            guard !value.isEmpty else { continue }
            let label = member.key.replacingOccurrences(of: "_", with: " ")
            lines.append("  \(label)\(String(repeating: " ", count: max(1, 12 - label.count)))\(value)")
        }
        if entry.kind == .themes, let theme = catalog.theme(entry.code) {
            lines.append(theme.scored
                ? "  levels      0–4 (Funktionsevneniveau) or ikke-vurderet"
                : "  levels      none: notes only (not an Aktivitet og deltagelse theme)")
        }
        lines.append("")
        if let definition = entry.definition {
            lines.append(contentsOf: TextWrap.lines(definition, width: 80, indent: 2))
        } else {
            // KL's terminology gives some concepts their own name as definition; the catalogue
            // leaves those out, and the reader is told so rather than shown the name twice.
            lines.append("  KL gives no definition beyond the name.")
        }
        if entry.kind == .functionLevels {
            lines += guideLines(for: catalog.functionLevels.first { $0.code == entry.code }.flatMap { FunctionLevel(cliValue: $0.value) })
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// What KL's Funktionsevneguide says that bears on a function level, each text with its source.
    private static func guideLines(for level: FunctionLevel?) -> [String] {
        let guide = BuiltInCatalogs.levelGuide
        let passages = (level.flatMap { guide.levels[$0] }.map { [$0] } ?? []) + guide.general
        var lines: [String] = []
        for passage in passages {
            lines.append("")
            lines += TextWrap.lines("\(guide.title): \(passage.text)", width: 80, indent: 2)
            lines += TextWrap.lines("Source: \(passage.source)", width: 80, indent: 2)
        }
        return lines
    }
}
