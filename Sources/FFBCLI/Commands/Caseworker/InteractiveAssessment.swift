import FFBCatalog
import FFBModel

/// The terminal walk of `ffb assess --interactive`: area by area, theme by theme, with the level
/// definitions at hand, skip and back, and a confirmation before anything is saved.
struct InteractiveAssessment {
    let catalog: Catalog
    let input: any LineSource
    let output: OutputSink
    let themes: [Theme]
    let source: AssessmentSource?

    init(catalog: Catalog, input: any LineSource, output: OutputSink, areas: [KLCode], source: AssessmentSource?) {
        self.catalog = catalog
        self.input = input
        self.output = output
        self.source = source
        themes = areas.isEmpty ? catalog.themes : catalog.themes.filter { areas.contains($0.area) }
    }

    /// The answered entries, or nil when the user quit or declined to save.
    mutating func run() throws(CLIError) -> [AssessmentEntry]? {
        output.line("Interactive assessment: \(themes.count) themes.")
        output.line("Levels: " + FunctionLevel.allCases.map { "\($0.rawValue) \($0.danishName.lowercased())" }.joined(separator: ", ") + ", iv ikke vurderet.")
        output.line("Enter = skip, b = back, ? = definition, q = quit without saving.")
        var answers: [KLCode: AssessmentEntry] = [:]
        var index = 0
        var lastArea: KLCode?
        while index < themes.count {
            let theme = themes[index]
            if theme.area != lastArea {
                output.line("")
                output.line("── \(catalog.area(theme.area)?.name ?? "?") ──")
                lastArea = theme.area
            }
            let prompt = theme.scored ? "level 0–4/iv" : "r relevant, n ikke relevant"
            output.write("[\(index + 1)/\(themes.count)] \(theme.name) (\(prompt)): ")
            output.flush()
            guard let line = input.readLine() else {
                output.line("")
                return nil
            }
            let answer = line.trimmingSpaces()
            switch answer.lowercased() {
            case "":
                answers[theme.code] = nil
                index += 1
                continue
            case "q":
                return nil
            case "b":
                index = max(0, index - 1)
                lastArea = nil
                continue
            case "?":
                output.line(theme.definition ?? "(KL gives no definition)")
                if theme.scored {
                    for level in FunctionLevel.allCases { output.line("  \(level.rawValue)  \(level.danishName)") }
                }
                continue
            default:
                break
            }
            do {
                if let entry = try entry(for: theme, answer: answer) {
                    answers[theme.code] = entry
                    index += 1
                } else {
                    output.line("  \"\(answer)\" is not an answer here (\(prompt), Enter, b, ?, q).")
                }
            } catch {
                output.line("  \(error.message)")
            }
        }
        let entries = themes.compactMap { answers[$0.code] }
        guard !entries.isEmpty else {
            output.line("No theme was answered.")
            return nil
        }
        output.line("")
        output.line("Summary:")
        for entry in entries {
            let name = catalog.theme(entry.theme)?.name ?? entry.theme.rawValue
            switch entry.finding {
            case .level(let level): output.line("  \(name): \(level.cliValue) \(level.danishName.lowercased())")
            case .relevance(let relevance): output.line("  \(name): \(relevance.rawValue)")
            }
        }
        output.write("Save \(entries.count) entries? (j/n): ")
        output.flush()
        let confirmation = input.readLine()?.trimmingSpaces().lowercased()
        output.line("")
        return ["j", "ja", "y", "yes"].contains(confirmation ?? "") ? entries : nil
    }

    private func entry(for theme: Theme, answer: String) throws(ModelError) -> AssessmentEntry? {
        if theme.scored {
            guard let level = Assessed<FunctionLevel>(text: answer) else { return nil }
            return try AssessmentEntry(theme: theme, level: level, note: nil, source: source)
        }
        switch answer.lowercased() {
        case "r": return try AssessmentEntry(theme: theme, level: nil, relevance: .relevant, note: nil, source: source)
        case "n": return try AssessmentEntry(theme: theme, level: nil, relevance: .notRelevant, note: nil, source: source)
        default: return nil
        }
    }
}
