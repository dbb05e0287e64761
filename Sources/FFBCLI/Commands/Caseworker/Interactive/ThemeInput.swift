import FFBCatalog
import FFBModel

/// One line typed at a theme's prompt, understood.
enum ThemeInput: Equatable {
    /// Enter: keep whatever the theme holds and go on.
    case next
    case back
    case help
    case stop
    /// `ryd`: forget the theme's answer and note.
    case clear
    case level(Assessed<FunctionLevel>, note: String?)
    case relevance(AssessmentEntry.Relevance, note: String?)
    case note(String)
    /// Looks like a level on a theme that takes none.
    case noLevelHere
    /// Neither an answer nor long enough to be a note: most likely a typo.
    case unclear

    /// Shorter free text is refused rather than kept as a note: "x" or "22" is a slip of the
    /// finger far more often than a note.
    static let shortestNote = 4

    static func parse(_ line: String, scored: Bool) -> ThemeInput {
        let text = line.trimmingSpaces()
        switch text.lowercased() {
        case "": return .next
        case "t", "b", "tilbage": return .back
        case "?", "h", "hjælp": return .help
        case "q", "stop": return .stop
        case "ryd": return .clear
        default: break
        }
        let (head, rest) = split(text)
        if scored {
            if let level = Assessed<FunctionLevel>(text: text) { return .level(level, note: nil) }
            for prefix in ["ikke vurderet", "ikke-vurderet", "iv"] where text.lowercased().hasPrefix(prefix + " ") {
                return .level(.notAssessed, note: String(text.dropFirst(prefix.count)).trimmingSpaces())
            }
            if let level = FunctionLevel(cliValue: head), let rest { return .level(.assessed(level), note: rest) }
        } else {
            if let relevance = relevance(text) { return .relevance(relevance, note: nil) }
            if let relevance = relevance(head), let rest { return .relevance(relevance, note: rest) }
            if Assessed<FunctionLevel>(text: head) != nil { return .noLevelHere }
        }
        // A line led by a number that is no level ("5", "22 går") is a mistyped level, not a note.
        if head.first?.isNumber == true || text.count < shortestNote { return .unclear }
        return .note(text)
    }

    private static func relevance(_ word: String) -> AssessmentEntry.Relevance? {
        switch word.lowercased() {
        case "r", "relevant": .relevant
        case "n", "ikke relevant", "ikke-relevant": .notRelevant
        default: nil
        }
    }

    /// The first word (without a trailing ":", "," or "-", as in "2: Går ture") and the rest.
    private static func split(_ text: String) -> (head: String, rest: String?) {
        guard let space = text.firstIndex(of: " ") else { return (text, nil) }
        var head = String(text[..<space])
        while let last = head.last, ":,.-–".contains(last), head.count > 1 { head.removeLast() }
        var rest = String(text[space...]).trimmingSpaces()
        while let first = rest.first, ":-–".contains(first) { rest = String(rest.dropFirst()).trimmingSpaces() }
        return (head, rest.isEmpty ? nil : rest)
    }
}
