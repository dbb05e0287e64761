import FFBCatalog
import FFBCommandLine
import FFBModel
import FFBStore

/// `ffb assess --interactive [--resume | --discard-draft]`: the walk, with its draft kept beside
/// the store after every answer and removed once the assessment is saved.
extension AssessCommand {
    static func runInteractive(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        guard let input = context.stdin else { throw .invalid(InteractiveWords.needsInput) }
        let resume = arguments.flag("resume"), discard = arguments.flag("discard-draft")
        if resume, discard { throw .usage(UsageError(InteractiveWords.resumeAndDiscard, command: arguments.commandPath)) }
        if resume, !arguments.values("area").isEmpty { throw .usage(UsageError(InteractiveWords.resumeWithArea, command: arguments.commandPath)) }
        let catalog = BuiltInCatalogs.standard
        let areas = try arguments.values("area").map { text throws(CLIError) in try catalog.code(text, kind: .areas, option: "area") }
        let reference = try arguments.requiredValue("citizen")
        // Who writes is checked before the walk, not after it at the save.
        let user = try StoreOptions.user(arguments, context: context)
        // Open the store and find the citizen before asking anything: a typo in --citizen
        // should not cost the caseworker a whole walk through the themes.
        let store = try StoreOptions.open(arguments, context: context, create: false)
        defer { store.close() }
        let storePath = try StoreOptions.draftBase(arguments, context: context)
        let found: Citizen
        do {
            found = try store.citizen(reference)
        } catch {
            throw CLIError(error)
        }
        let citizen = found.pseudonym
        let resumeCommand = Self.resumeCommand(arguments, citizen: citizen)
        let draft = try startingDraft(arguments, user: user, citizen: citizen, areas: areas, storePath: storePath, resumeCommand: resumeCommand)
        guard let date = LocalDate(iso: draft.date),
              draft.source.map({ AssessmentSource(rawValue: $0) != nil }) ?? true,
              let answers = draft.themeAnswers(catalog: catalog) else {
            let path = InteractiveDraft.path(storePath: storePath, citizen: citizen)
            throw .invalid(InteractiveWords.draftProblem(.init(path: path, reason: .unknownForm)) + InteractiveWords.startAfresh)
        }
        // The date judged before the walk, as the save will judge it: a future date or one outside
        // the case should not cost the caseworker a walk through the themes either.
        let previous: [KLCode: LatestLevel]
        do {
            try preflight(date: date, caseNumber: draft.caseNumber, citizen: found, store: store, rules: try StoreOptions.rules(arguments, language: context.language))
            previous = try store.latestLevels(of: citizen, onOrBefore: date)
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError(error)
        }
        let areaCodes = Set(draft.areas.map(KLCode.init(unchecked:)))
        let themes = areaCodes.isEmpty ? catalog.themes : catalog.themes.filter { areaCodes.contains($0.area) }

        let keeper = DraftKeeper(draft: draft, citizen: citizen, themes: themes, storePath: storePath, output: context.stdout)
        context.stdout.line(InteractiveWords.opening(citizen: citizen.rawValue, date: draft.date, caseNumber: draft.caseNumber, themes: themes.count))
        if resume { context.stdout.line(InteractiveWords.resuming(answered: answers.count, themes: themes.count)) }
        var walk = InteractiveAssessment(
            catalog: catalog, themes: themes, input: input, output: context.stdout, source: draft.source.flatMap(AssessmentSource.init(rawValue:)),
            previous: previous, answers: answers, position: draft.position, keep: keeper.keep
        )
        switch walk.run() {
        case .nothing:
            keeper.remove()
            context.stdout.line(InteractiveWords.nothingSaved)
        case .kept(let count):
            keeper.tellHowToResume(answers: count, command: resumeCommand)
        case .save(let entries):
            let assessment: Assessment
            do {
                let typed = AssessmentDraft(citizen: citizen.rawValue, caseNumber: draft.caseNumber, date: date, assessor: draft.assessor, entries: entries)
                assessment = try record(typed, arguments: arguments, context: context, store: store)
            } catch {
                // The store refused or failed: the answers are still in the draft.
                keeper.tellHowToResume(answers: entries.count, command: resumeCommand)
                throw error
            }
            keeper.remove()
            let scored = assessment.entries.filter { $0.level != nil }.count
            context.stdout.line(InteractiveWords.saved(id: assessment.id.storeText, scored: scored, noted: assessment.entries.count - scored))
        }
    }

    /// The plausibility rules an assessment's date must pass (`Plausibility`), checked against the
    /// store before any question; the save checks them again inside its transaction.
    private static func preflight(date: LocalDate, caseNumber: String?, citizen: Citizen, store: any CaseStore, rules: WriteRules) throws {
        let plausibility = Plausibility(language: rules.language)
        var found = [plausibility.dated(.assessment, date, today: rules.today), plausibility.born(.assessment, date, birth: citizen.cpr.birthDate)]
        if let caseNumber {
            let caseFile = try store.caseFile(caseNumber)
            let closed = try store.caseClosings(of: citizen.pseudonym)[caseNumber]?.value.date
            found.append(plausibility.onCase(.assessment, date, caseNumber: caseNumber, opened: caseFile.opened, closed: closed))
        }
        for problem in found.compactMap({ $0 }) where !(problem.excusedByBackdating && rules.backdatedReason != nil) {
            throw CLIError.invalid(problem.message + plausibility.remedy(problem))
        }
    }

    /// The draft to walk: the citizen's saved one with `--resume` (`--date`, `--case`,
    /// `--assessor` and `--source`, when given, replace what it was started with, so a mistyped
    /// date can be put right), else a new one. A draft is never overwritten unasked: without
    /// `--resume` an existing one is an error unless `--discard-draft` says to drop it.
    private static func startingDraft(
        _ arguments: ParsedArguments, user: String, citizen: Pseudonym, areas: [KLCode], storePath: String, resumeCommand: String
    ) throws(CLIError) -> InteractiveDraft {
        do {
            if arguments.flag("discard-draft") {
                try InteractiveDraft.remove(storePath: storePath, citizen: citizen)
            } else if var draft = try InteractiveDraft.read(storePath: storePath, citizen: citizen) {
                guard arguments.flag("resume") else {
                    throw CLIError.invalid(InteractiveWords.draftExists(citizen: citizen.rawValue, answers: draft.answers.count, date: draft.date, resume: resumeCommand))
                }
                if let date = try arguments.date("date") { draft.date = date.iso }
                if let number = arguments.value("case") { draft.caseNumber = number }
                if let assessor = arguments.value("assessor") { draft.assessor = assessor }
                if let source = arguments.value("source") { draft.source = source }
                return draft
            }
        } catch let problem as InteractiveDraft.Problem {
            throw .invalid(InteractiveWords.draftProblem(problem) + InteractiveWords.startAfresh)
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError(error)
        }
        if arguments.flag("resume") { throw .invalid(InteractiveWords.noDraft(citizen.rawValue)) }
        let date = try arguments.requiredDate("date")
        let assessor = arguments.value("assessor") ?? user
        return InteractiveDraft(
            citizen: citizen.rawValue, caseNumber: arguments.value("case"), date: date.iso, assessor: assessor,
            source: arguments.value("source"), areas: areas.map(\.rawValue), position: 0, answers: []
        )
    }

    /// The exact command that continues the citizen's draft: by pseudonym (never the CPR number
    /// the walk may have been started with), and with the store as it was named.
    static func resumeCommand(_ arguments: ParsedArguments, citizen: Pseudonym) -> String {
        var words = ["ffb", "assess", "--interactive", "--resume", "--citizen", citizen.rawValue]
        // Never a password on the screen: a shared store's address is printed without it.
        if let db = arguments.value("db") { words += ["--db", ShellWord.quoted(CaseStores.withoutPassword(db))] }
        return words.joined(separator: " ")
    }
}

/// Writes the draft after every change; a failure is shown once, and the walk goes on (its
/// answers can still be saved to the store at the end).
private final class DraftKeeper {
    private var draft: InteractiveDraft
    private let citizen: Pseudonym
    private let themes: [Theme]
    private let storePath: String
    private let output: OutputSink
    private var warned = false
    /// Whether the draft on disk holds the latest answers.
    private var current = true

    init(draft: InteractiveDraft, citizen: Pseudonym, themes: [Theme], storePath: String, output: OutputSink) {
        self.draft = draft
        self.citizen = citizen
        self.themes = themes
        self.storePath = storePath
        self.output = output
    }

    func keep(_ answers: [KLCode: ThemeAnswer], position: Int) {
        draft.update(answers, themes: themes, position: position)
        do {
            try draft.write(storePath: storePath)
            current = true
        } catch {
            current = false
            guard !warned else { return }
            warned = true
            output.line(InteractiveWords.draftNotWritten(error))
        }
    }

    func remove() {
        do {
            try InteractiveDraft.remove(storePath: storePath, citizen: citizen)
        } catch {
            output.line(InteractiveWords.draftNotRemoved(error))
        }
    }

    /// Says the answers wait in the draft and how to go on, or plainly that they could not be kept.
    func tellHowToResume(answers: Int, command: String) {
        guard current else {
            output.line(InteractiveWords.draftLost)
            return
        }
        output.line(InteractiveWords.draftKept(answers: answers))
        output.line(InteractiveWords.resumeWith(command))
    }
}
