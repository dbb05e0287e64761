import FFBCatalog
import FFBCommandLine
import FFBJSON
import FFBModel
import FFBStore
import Foundation

/// `ffb assess`: record an assessment (udredning), from flags, a JSON file, or interactively.
enum AssessCommand: Command {
    static let spec = CommandSpec(
        "assess",
        abstract: "Record an assessment of a citizen's themes.",
        discussion: """
        Aktivitet og deltagelse themes take a level: --theme NAME=0..4 or NAME=ikke-vurderet. Other themes take \
        no level; give them a note (--note NAME=TEXT) and optionally --relevance NAME=ikke-relevant. Themes are \
        named by KL code or exact Danish name. --file reads the same from JSON; --interactive walks the areas.
        """,
        options: [
            OptionSpec("citizen", value: "CITIZEN", help: "Pseudonym or CPR number."),
            OptionSpec("case", value: "NUMBER", help: "The case the assessment belongs to."),
            OptionSpec("date", value: "DATE", help: "Assessment date (YYYY-MM-DD)."),
            OptionSpec("assessor", value: "NAME", help: "Who assessed.", defaultDescription: "--user"),
            OptionSpec("source", value: "SOURCE", help: "Where the information comes from: \(AssessmentSource.allCases.map(\.rawValue).joined(separator: ", ")).", allowed: AssessmentSource.allCases.map(\.rawValue)),
            OptionSpec("theme", kind: .repeated, value: "THEME=LEVEL", help: "A level for a scored theme."),
            OptionSpec("note", kind: .repeated, value: "THEME=TEXT", help: "A note on a theme."),
            OptionSpec("relevance", kind: .repeated, value: "THEME=R", help: "relevant or ikke-relevant, for unscored themes."),
            OptionSpec("file", value: "FILE", help: "A JSON assessment document (see Docs/assessment-file.md)."),
            .flag("interactive", short: "i", help: "Walk the areas and themes at the terminal; every answer is kept in a draft beside the store until the assessment is saved."),
            OptionSpec("area", kind: .repeated, value: "AREA", help: "With --interactive: only these areas."),
            .flag("resume", help: "With --interactive: continue the citizen's draft (its case, date and areas unless given again)."),
            .flag("discard-draft", help: "With --interactive: delete the citizen's draft and start afresh."),
        ] + StoreOptions.writeOptions,
        examples: [
            "ffb assess --citizen P-7K3M9Q2X --date 2025-02-01 --theme \"Købe ind\"=3 --theme \"Lave mad\"=2 --note Tobak=\"Ryger 20 om dagen\"",
            "ffb assess --file assessment.json",
            "ffb assess --citizen P-7K3M9Q2X --date 2025-02-01 --interactive --area Mobilitet",
        ]
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        let modes = [arguments.value("file") != nil, arguments.flag("interactive"), !arguments.values("theme").isEmpty || !arguments.values("note").isEmpty || !arguments.values("relevance").isEmpty]
        guard modes.filter({ $0 }).count == 1 else {
            throw .usage(UsageError("give --theme/--note entries, or --file, or --interactive (one of them)", command: arguments.commandPath))
        }
        if let path = arguments.value("file") {
            let draft = try AssessmentFile.read(path: path, context: context)
            try save(draft, arguments: arguments, context: context)
            return
        }
        if arguments.flag("interactive") {
            try runInteractive(arguments, context: context)
            return
        }
        if arguments.flag("resume") || arguments.flag("discard-draft") {
            throw .usage(UsageError("--resume and --discard-draft go with --interactive", command: arguments.commandPath))
        }
        let citizen = try arguments.requiredValue("citizen")
        let user = try StoreOptions.user(arguments, context: context)
        let assessor = arguments.value("assessor") ?? user
        let source = arguments.value("source").flatMap(AssessmentSource.init(rawValue:))
        let catalog = BuiltInCatalogs.standard
        // Every bad value at once: the date, the themes and their levels, the citizen and the case.
        var problems = ProblemList()
        let date = try problems.check { () throws(CLIError) in try arguments.requiredDate("date") }
        let entries = try flagEntries(arguments, catalog: catalog, source: source, problems: &problems)
        try StoreReferences.check(arguments, context: context, citizen: citizen, caseNumber: arguments.value("case"), problems: &problems)
        try problems.finish()
        guard let date else { throw problems.failure }
        try save(AssessmentDraft(citizen: citizen, caseNumber: arguments.value("case"), date: date, assessor: assessor, entries: entries), arguments: arguments, context: context)
    }

    static func save(_ draft: AssessmentDraft, arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        let assessment = try record(draft, arguments: arguments, context: context)
        let scored = assessment.entries.filter { $0.level != nil }.count
        let (id, noted) = (assessment.id.storeText, assessment.entries.count - scored)
        context.stdout.line(context.language.pick("Udredning \(id) gemt: \(scored) tema(er) med niveau, \(noted) uden.",
                                                  "Assessment \(id) saved: \(scored) scored theme(s), \(noted) noted."))
    }

    /// Writes the assessment in one transaction, to `open` when the command holds the store open.
    static func record(_ draft: AssessmentDraft, arguments: ParsedArguments, context: CommandContext, store open: (any CaseStore)? = nil) throws(CLIError) -> Assessment {
        let write = { (store: any CaseStore, writer: any CaseStoreWriter) throws -> Assessment in
            let citizen = try store.citizen(draft.citizen)
            let assessment = try Assessment(citizen: citizen.pseudonym, caseNumber: draft.caseNumber, date: draft.date, assessor: draft.assessor, entries: draft.entries)
            try writer.record(assessment)
            return assessment
        }
        return if let open {
            try StoreOptions.write(arguments, store: open, context: context, write)
        } else {
            try StoreOptions.write(arguments, context: context, write)
        }
    }

    /// Builds entries from `--theme`, `--note` and `--relevance`, one entry per theme; every bad
    /// value is reported, one line each.
    static func flagEntries(_ arguments: ParsedArguments, catalog: Catalog, source: AssessmentSource?) throws(CLIError) -> [AssessmentEntry] {
        var problems = ProblemList()
        let entries = try flagEntries(arguments, catalog: catalog, source: source, problems: &problems)
        try problems.finish()
        return entries
    }

    /// The entries of the values that are good; the bad ones are noted in `problems`.
    static func flagEntries(_ arguments: ParsedArguments, catalog: Catalog, source: AssessmentSource?, problems: inout ProblemList) throws(CLIError) -> [AssessmentEntry] {
        var order: [KLCode] = []
        var themes: [KLCode: Theme] = [:]
        var levels: [KLCode: Assessed<FunctionLevel>] = [:]
        var notes: [KLCode: String] = [:]
        var relevances: [KLCode: AssessmentEntry.Relevance] = [:]
        func remember(_ theme: Theme) {
            if themes[theme.code] == nil { order.append(theme.code) }
            themes[theme.code] = theme
        }
        func resolve(_ key: String, option: String, problems: inout ProblemList) throws(CLIError) -> Theme? {
            try problems.check { () throws(CLIError) in try catalog.theme(named: key, option: option) }
        }
        func pairs(_ option: String, problems: inout ProblemList) throws(CLIError) -> [(key: String, value: String)] {
            try problems.check { () throws(CLIError) in try arguments.pairs(option) } ?? []
        }
        for (key, value) in try pairs("theme", problems: &problems) {
            let theme = try resolve(key, option: "theme", problems: &problems)
            let level = try problems.check { () throws(CLIError) in try arguments.functionLevel("theme", value) }
            guard let theme, let level else { continue }
            guard levels[theme.code] == nil else {
                try problems.note(.invalid("--theme: \"\(theme.name)\" is given twice"))
                continue
            }
            levels[theme.code] = level
            remember(theme)
        }
        for (key, value) in try pairs("note", problems: &problems) {
            guard let theme = try resolve(key, option: "note", problems: &problems) else { continue }
            notes[theme.code] = value
            remember(theme)
        }
        for (key, value) in try pairs("relevance", problems: &problems) {
            let theme = try resolve(key, option: "relevance", problems: &problems)
            let relevance = AssessmentEntry.Relevance(text: value)
            if relevance == nil {
                try problems.note(.unknownValue(value, option: "relevance", "\"\(value)\" is not relevant or ikke-relevant",
                                                known: AssessmentEntry.Relevance.allCases.map(\.rawValue)))
            }
            guard let theme, let relevance else { continue }
            relevances[theme.code] = relevance
            remember(theme)
        }
        var entries: [AssessmentEntry] = []
        for code in order {
            guard let theme = themes[code] else { continue }
            do {
                entries.append(try AssessmentEntry(theme: theme, level: levels[code], relevance: relevances[code], note: notes[code], source: source))
            } catch {
                try problems.note(.invalid(error.message))
            }
        }
        return entries
    }
}

/// An assessment as typed or read, before the store resolves the citizen.
struct AssessmentDraft {
    var citizen: String
    var caseNumber: String?
    var date: LocalDate
    var assessor: String
    var entries: [AssessmentEntry]
}
