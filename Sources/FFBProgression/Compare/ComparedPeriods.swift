import FFBFiles
import Foundation
import FFBModel

/// The two periods of `ffb stats --compare FROM..TO,FROM..TO` (Docs/progression.md, "Period
/// against period"): each closed, neither overlapping the other, in the order given.
public struct ComparedPeriods: Sendable, Equatable {
    public let first: ClosedRange<LocalDate>
    public let second: ClosedRange<LocalDate>

    public init(first: ClosedRange<LocalDate>, second: ClosedRange<LocalDate>) {
        self.first = first
        self.second = second
    }

    /// Parses `FROM..TO,FROM..TO`; the error is one sentence naming what is wrong.
    public init(parsing text: String) throws(ComparedPeriodsError) {
        let shape = "two periods FROM..TO,FROM..TO (e.g. 2024-01-01..2024-12-31,2025-01-01..2025-12-31)"
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw ComparedPeriodsError("--compare needs \(shape), not \(Excerpt.quoted(text))") }
        var ranges: [ClosedRange<LocalDate>] = []
        for part in parts {
            let ends = part.components(separatedBy: "..")
            guard ends.count == 2, let from = LocalDate(iso: ends[0].trimmingCharacters(in: .whitespaces)), let to = LocalDate(iso: ends[1].trimmingCharacters(in: .whitespaces)) else {
                throw ComparedPeriodsError("--compare needs \(shape); \(Excerpt.quoted(String(part))) is not FROM..TO with dates YYYY-MM-DD")
            }
            guard from <= to else { throw ComparedPeriodsError("--compare: the period \(from)..\(to) ends before it starts") }
            ranges.append(from...to)
        }
        guard !ranges[0].overlaps(ranges[1]) else {
            throw ComparedPeriodsError("--compare: the periods \(Self.text(ranges[0])) and \(Self.text(ranges[1])) overlap; each pair must fall in one period only")
        }
        self.init(first: ranges[0], second: ranges[1])
    }

    public static func text(_ range: ClosedRange<LocalDate>) -> String { "\(range.lowerBound)..\(range.upperBound)" }

    public static func period(_ range: ClosedRange<LocalDate>) -> Period {
        Period(from: Int32(range.lowerBound.dayNumber), to: Int32(range.upperBound.dayNumber))
    }
}

public struct ComparedPeriodsError: Error, Sendable, Equatable {
    public let message: String

    init(_ message: String) {
        self.message = message
    }
}
