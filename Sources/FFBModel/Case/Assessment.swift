import FFBCatalog
import FFBText
import Foundation

/// What an assessment says about one theme.
///
/// A scored (Aktivitet og deltagelse) theme carries a level or "ikke vurderet"; any other theme
/// carries relevance and a note and has no level field at all, so a level there cannot be stored.
public struct AssessmentEntry: Hashable, Sendable {
    public enum Finding: Hashable, Sendable {
        case level(Assessed<FunctionLevel>)
        case relevance(Relevance)
    }

    public enum Relevance: String, Hashable, Sendable, CaseIterable {
        case relevant = "relevant"
        case notRelevant = "ikke-relevant"
        case unspecified = "uspecificeret"

        /// The stored spelling, or a Danish or English way of typing it (`ikke relevant`,
        /// `not-relevant`, `irrelevant`, `unspecified`), case and accents aside.
        public init?(text: String) {
            let folded = TextFolding.fold(text).replacingOccurrences(of: " ", with: "-")
            switch folded {
            case "relevant": self = .relevant
            case "ikke-relevant", "not-relevant", "irrelevant": self = .notRelevant
            case "uspecificeret", "unspecified": self = .unspecified
            default: return nil
            }
        }
    }

    public let theme: KLCode
    public let finding: Finding
    public let note: String?
    public let source: AssessmentSource?

    /// Checks the entry against the theme's kind in `catalog`.
    public init(theme: Theme, level: Assessed<FunctionLevel>?, relevance: Relevance? = nil, note: String?, source: AssessmentSource?) throws(ModelError) {
        let note = note?.trimmingSpacesAndNewlines()
        if theme.scored {
            guard relevance == nil else {
                throw .invalid("theme \"\(theme.name)\" takes a level (0–4 or ikke-vurderet), not a relevance")
            }
            guard let level else {
                throw .invalid("theme \"\(theme.name)\" needs a level (0–4 or ikke-vurderet)")
            }
            finding = .level(level)
        } else {
            guard level == nil else {
                throw .invalid("theme \"\(theme.name)\" takes no level: only Aktivitet og deltagelse themes are scored")
            }
            finding = .relevance(relevance ?? .relevant)
        }
        self.theme = theme.code
        self.note = (note?.isEmpty ?? true) ? nil : note
        self.source = source
    }

    public var level: Assessed<FunctionLevel>? {
        if case .level(let level) = finding { return level }
        return nil
    }
}

/// An assessment (udredning) at a date: entries for the themes that were looked at.
public struct Assessment: Hashable, Sendable {
    public let id: UUID
    public let citizen: Pseudonym
    public let caseNumber: String?
    public let date: LocalDate
    public let assessor: String
    public let entries: [AssessmentEntry]

    public init(id: UUID = UUID(), citizen: Pseudonym, caseNumber: String?, date: LocalDate, assessor: String, entries: [AssessmentEntry]) throws(ModelError) {
        guard !entries.isEmpty else { throw .invalid("an assessment needs at least one theme") }
        var seen = Set<KLCode>()
        for entry in entries where !seen.insert(entry.theme).inserted {
            throw .invalid("theme \(entry.theme) is assessed twice in one assessment")
        }
        let assessor = assessor.trimmingSpaces()
        guard !assessor.isEmpty else { throw .invalid("assessor is empty") }
        self.id = id
        self.citizen = citizen
        self.caseNumber = caseNumber
        self.date = date
        self.assessor = assessor
        self.entries = entries
    }
}
