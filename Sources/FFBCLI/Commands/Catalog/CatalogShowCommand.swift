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
            context.stdout.write(describe(entry, record: record, catalog: catalog, language: context.language))
        }
    }

    /// The record's keys as labels in Danish; the English ones are the keys themselves.
    static let danishLabels = [
        "kind": "slags", "code": "kode", "area": "område", "area name": "områdenavn", "group": "gruppe", "group name": "gruppenavn",
        "scored": "scores", "value": "værdi", "parent": "overordnet", "parent name": "overordnet navn", "english": "engelsk",
        "kl 2024 name": "KL 2024-navn", "kl 2024 code": "KL 2024-kode", "levels": "niveauer",
    ]

    private static func describe(_ entry: CatalogEntry, record: JSONObject, catalog: Catalog, language lang: Language) -> String {
        func line(_ key: String, _ value: String) -> String {
            let label = lang == .da ? danishLabels[key] ?? key : key
            return "  \(label)\(String(repeating: " ", count: max(1, 16 - label.count)))\(value)"
        }
        var lines = ["\(entry.name)", line("kind", entry.kind.singular(in: lang)), line("code", entry.code.rawValue)]
        for member in record.members where !["kind", "code", "name", "definition"].contains(member.key) {
            var value = RecordSet.plainText(member.value)
            guard !value.isEmpty else { continue }
            if case .bool(let flag) = member.value { value = flag ? lang.pick("ja", "yes") : lang.pick("nej", "no") }
            lines.append(line(member.key.replacingOccurrences(of: "_", with: " "), value))
        }
        if entry.kind == .themes, let theme = catalog.theme(entry.code) {
            lines.append(line("levels", theme.scored
                ? lang.pick("0–4 (funktionsevneniveau) eller ikke vurderet", "0–4 (Funktionsevneniveau) or ikke-vurderet")
                : lang.pick("ingen: kun notater (ikke et Aktivitet og deltagelse-tema)", "none: notes only (not an Aktivitet og deltagelse theme)")))
        }
        lines.append("")
        if let definition = entry.definition {
            lines.append(contentsOf: TextWrap.lines(definition, width: 80, indent: 2))
        } else {
            // KL's terminology gives some concepts their own name as definition; the catalogue
            // leaves those out, and the reader is told so rather than shown the name twice.
            lines.append(lang.pick("  KL giver ingen definition ud over navnet.", "  KL gives no definition beyond the name."))
        }
        if entry.kind == .functionLevels {
            lines += guideLines(for: catalog.functionLevels.first { $0.code == entry.code }.flatMap { FunctionLevel(cliValue: $0.value) }, lang)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// What KL's Funktionsevneguide says that bears on a function level, each text with its source.
    private static func guideLines(for level: FunctionLevel?, _ lang: Language) -> [String] {
        let guide = BuiltInCatalogs.levelGuide
        let passages = (level.flatMap { guide.levels[$0] }.map { [$0] } ?? []) + guide.general
        var lines: [String] = []
        for passage in passages {
            lines.append("")
            lines += TextWrap.lines("\(guide.title): \(passage.text)", width: 80, indent: 2)
            lines += TextWrap.lines(lang.pick("Kilde: ", "Source: ") + passage.source, width: 80, indent: 2)
        }
        return lines
    }
}
