import FFBCatalog
import FFBModel

/// What the caseworker has said about one theme so far. Looser than `AssessmentEntry` on
/// purpose: a scored theme may hold a note before its level, so nothing typed is refused for
/// coming in the wrong order; `entry(for:source:)` is where the model's rules apply.
struct ThemeAnswer: Equatable, Sendable {
    var level: Assessed<FunctionLevel>?
    var relevance: AssessmentEntry.Relevance?
    var note: String?

    var isEmpty: Bool { level == nil && relevance == nil && note == nil }

    /// A scored theme needs its level before the answer can be saved.
    func lacksLevel(_ theme: Theme) -> Bool {
        theme.scored && level == nil && !isEmpty
    }

    func entry(for theme: Theme, source: AssessmentSource?) throws(ModelError) -> AssessmentEntry {
        try AssessmentEntry(theme: theme, level: level, relevance: relevance, note: note, source: source)
    }

    /// The level or relevance in words (no note).
    func finding(for theme: Theme) -> String {
        if theme.scored { return level.map(InteractiveWords.level) ?? InteractiveWords.missingLevel }
        // A note alone on an unscored theme is saved as relevant (the model's default).
        return InteractiveWords.relevance(relevance ?? .relevant)
    }

    /// The answer with its note in one line, as the "Nu:" line shows it.
    func text(for theme: Theme) -> String {
        InteractiveWords.withNote(finding(for: theme), note: note)
    }
}
