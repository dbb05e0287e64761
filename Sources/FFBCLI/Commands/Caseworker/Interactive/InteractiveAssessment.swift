import FFBCatalog
import FFBCommandLine
import FFBModel
import FFBStore

/// The terminal walk of `ffb assess --interactive`: area by area, theme by theme, with the
/// theme's previous level beside it and the level texts at hand, then a summary from which any
/// theme can be changed before anything is saved.
///
/// The walk never loses an answer: `keep` is called after every change (the caller writes the
/// draft), and stopping (q, Ctrl-D, or "n" at the confirmation) returns `.kept`.
struct InteractiveAssessment {
    enum Outcome: Equatable {
        case save([AssessmentEntry])
        /// Stopped before saving; this many themes are answered and kept.
        case kept(answers: Int)
        /// Stopped with nothing answered.
        case nothing
    }

    /// What one theme's prompt ended in.
    private enum Step {
        case next, back, stop
    }

    let catalog: Catalog
    let themes: [Theme]
    let input: any LineSource
    let output: OutputSink
    let source: AssessmentSource?
    /// The citizen's latest level per theme, shown at a reassessment.
    let previous: [KLCode: LatestLevel]
    let help: LevelHelp
    /// Called with the answers and the position after every change.
    let keep: ([KLCode: ThemeAnswer], Int) -> Void
    private(set) var answers: [KLCode: ThemeAnswer]
    /// The theme to ask next; `themes.count` is the summary.
    private(set) var position: Int

    init(
        catalog: Catalog, themes: [Theme], input: any LineSource, output: OutputSink, source: AssessmentSource?,
        previous: [KLCode: LatestLevel] = [:], guide: FunctionLevelGuide = BuiltInCatalogs.levelGuide,
        answers: [KLCode: ThemeAnswer] = [:], position: Int = 0, keep: @escaping ([KLCode: ThemeAnswer], Int) -> Void = { _, _ in }
    ) {
        self.catalog = catalog
        self.themes = themes
        self.input = input
        self.output = output
        self.source = source
        self.previous = previous
        help = LevelHelp(guide: guide)
        self.answers = answers
        self.position = min(max(0, position), themes.count)
        self.keep = keep
    }

    mutating func run() -> Outcome {
        for text in [InteractiveWords.answerHelp, InteractiveWords.keyHelp] {
            for line in TextWrap.lines(text, width: help.width) { output.line(line) }
        }
        guard walk() else { return stopped() }
        return summary()
    }

    private var answeredCount: Int {
        themes.filter { answers[$0.code].map { !$0.isEmpty } ?? false }.count
    }

    private func stopped() -> Outcome {
        keep(answers, position)
        let count = answeredCount
        return count == 0 ? .nothing : .kept(answers: count)
    }

    // MARK: Theme by theme

    /// Walks from `position` to the end; false when the caseworker stopped.
    private mutating func walk() -> Bool {
        var lastArea: KLCode?
        while position < themes.count {
            let theme = themes[position]
            if theme.area != lastArea {
                areaHeading(theme)
                lastArea = theme.area
            }
            switch ask(position) {
            case .next:
                position += 1
                keep(answers, position)
            case .back:
                position = max(0, position - 1)
                lastArea = nil
            case .stop:
                return false
            }
        }
        return true
    }

    private func areaHeading(_ theme: Theme) {
        output.line("")
        output.line("── \(catalog.area(theme.area)?.name ?? "?") ──")
    }

    /// Asks about one theme until the caseworker moves on, goes back or stops. An answer that
    /// moves on is kept by the caller; one that stays here (a note, `ryd`) is kept at once.
    private mutating func ask(_ index: Int) -> Step {
        let theme = themes[index]
        if let latest = previous[theme.code] { output.line(InteractiveWords.previous(latest)) }
        if let answer = answers[theme.code], !answer.isEmpty { output.line(InteractiveWords.current(answer.text(for: theme))) }
        var prompt = InteractiveWords.prompt(position: index + 1, count: themes.count, theme: theme.name, scored: theme.scored)
        // Notes typed in one visit add up; a visit's first note replaces the one from before.
        var notedThisVisit = false
        func noting(_ note: String, into answer: inout ThemeAnswer) -> String {
            let combined = notedThisVisit ? [answer.note, note].compactMap { $0 }.joined(separator: "; ") : note
            answer.note = combined
            notedThisVisit = true
            return combined
        }
        while true {
            output.write(prompt)
            output.flush()
            guard let line = input.readLine() else {
                output.line("")
                return .stop
            }
            var answer = answers[theme.code] ?? ThemeAnswer()
            switch ThemeInput.parse(line, scored: theme.scored) {
            case .next: return .next
            case .back: return .back
            case .stop: return .stop
            case .help:
                for text in help.lines(for: theme) { output.line(text) }
            case .clear:
                answers[theme.code] = nil
                keep(answers, position)
                output.line(InteractiveWords.cleared)
            case .level(let level, let note):
                answer.level = level
                let kept = note.map { noting($0, into: &answer) }
                answers[theme.code] = answer
                if let kept { output.line(InteractiveWords.noteTaken(kept, needsLevel: false, relevance: nil)) }
                return .next
            case .relevance(let relevance, let note):
                answer.relevance = relevance
                let kept = note.map { noting($0, into: &answer) }
                answers[theme.code] = answer
                if let kept { output.line(InteractiveWords.noteTaken(kept, needsLevel: false, relevance: InteractiveWords.relevance(relevance))) }
                return .next
            case .note(let typed):
                let note = noting(typed, into: &answer)
                answers[theme.code] = answer
                // A scored theme still wants its level: the note is kept and the level asked for.
                if answer.lacksLevel(theme) {
                    keep(answers, position)
                    output.line(InteractiveWords.noteTaken(note, needsLevel: true, relevance: nil))
                    prompt = InteractiveWords.levelAfterNote(theme: theme.name)
                    continue
                }
                let relevance = theme.scored ? nil : InteractiveWords.relevance(answer.relevance ?? .relevant)
                output.line(InteractiveWords.noteTaken(note, needsLevel: false, relevance: relevance))
                return .next
            case .noLevelHere:
                output.line(InteractiveWords.noLevelHere(line.trimmingSpaces()))
            case .unclear:
                output.line(InteractiveWords.notAnAnswer(line.trimmingSpaces(), scored: theme.scored))
            }
        }
    }

    // MARK: The summary

    private mutating func summary() -> Outcome {
        var showSummary = true
        while true {
            position = themes.count
            if showSummary { printSummary() }
            showSummary = false
            let answered = answeredCount
            output.write(answered == 0 ? InteractiveWords.chooseTheme : InteractiveWords.confirm(answered))
            output.flush()
            guard let line = input.readLine() else {
                output.line("")
                return stopped()
            }
            switch SummaryChoice.parse(line, themes: themes) {
            case .save:
                if let entries = entriesToSave() { return .save(entries) }
            case .keep:
                return stopped()
            case .edit(let index):
                areaHeading(themes[index])
                let step = ask(index)
                position = themes.count
                if case .stop = step { return stopped() }
                keep(answers, position)
                showSummary = true
            case .noSuchNumber(let number):
                output.line(InteractiveWords.noSuchNumber(number, count: themes.count))
            case .ambiguous(let names):
                output.line(InteractiveWords.ambiguousTheme(line.trimmingSpaces(), names))
            case .unknown:
                output.line(InteractiveWords.unknownTheme(line.trimmingSpaces()))
            case .unclear:
                output.line(InteractiveWords.confirmAgain)
            }
        }
    }

    /// Each answered theme once, numbered by its place in the walk (the number that jumps to it),
    /// its note on a line of its own under the answer.
    private func printSummary() {
        output.line("")
        output.line(InteractiveWords.summaryHeading(answered: answeredCount, themes: themes.count))
        let answered = themes.indices.filter { answers[themes[$0].code].map { !$0.isEmpty } ?? false }
        let nameWidth = min(40, answered.map { themes[$0].name.count }.max() ?? 0)
        let numberWidth = String(themes.count).count
        let answerColumn = String(repeating: " ", count: 2 + numberWidth + 2 + nameWidth + 2)
        for index in answered {
            let theme = themes[index]
            guard let answer = answers[theme.code] else { continue }
            let number = String(index + 1)
            let name = theme.name.count < nameWidth ? theme.name + String(repeating: " ", count: nameWidth - theme.name.count) : theme.name
            var line = "  " + String(repeating: " ", count: numberWidth - number.count) + number + "  " + name + "  " + answer.finding(for: theme)
            if let latest = previous[theme.code] { line += "  (" + InteractiveWords.before(latest) + ")" }
            output.line(line)
            if let note = answer.note { output.line(answerColumn + InteractiveWords.note(note)) }
        }
        if answered.isEmpty { output.line(InteractiveWords.noAnswers) }
    }

    /// The entries to save, or nil (with the reason shown) when the answers cannot be saved yet.
    private func entriesToSave() -> [AssessmentEntry]? {
        let missing = themes.indices.filter { answers[themes[$0].code]?.lacksLevel(themes[$0]) ?? false }
        guard missing.isEmpty else {
            output.line(InteractiveWords.levelsMissing(missing.map { $0 + 1 }))
            return nil
        }
        var entries: [AssessmentEntry] = []
        for theme in themes {
            guard let answer = answers[theme.code], !answer.isEmpty else { continue }
            do {
                entries.append(try answer.entry(for: theme, source: source))
            } catch {
                output.line("  \(theme.name): \(error.message)")
                return nil
            }
        }
        guard !entries.isEmpty else {
            output.line(InteractiveWords.nothingToSave)
            return nil
        }
        return entries
    }
}
