import Foundation
import FFBCatalog
import FFBModel

/// How a municipality measures progression, kept in a small `key = value` file so the choice is
/// written down and not forced by the tool (seed 002: no one uniform way of measuring).
///
/// ```
/// # ffb progression settings
/// baseline = first          # first | previous
/// from = 2024-01-01         # period start (inclusive), optional
/// to = 2025-12-31           # period end (inclusive), optional
/// by = theme                # default grouping for ffb stats
/// min_n = 5                 # groups smaller than this are suppressed in reports
/// ```
public struct ProgressionSettings: Sendable, Equatable {
    public var baseline: BaselineRule = .first
    public var from: LocalDate?
    public var to: LocalDate?
    public var by: GroupDimension?
    public var minimumGroupSize: Int = 5

    public init() {}

    public var period: Period {
        Period(from: from.map { Int32($0.dayNumber) }, to: to.map { Int32($0.dayNumber) })
    }

    public static let keys = ["baseline", "from", "to", "by", "min_n"]

    /// Parses the settings text; every problem is reported with its line.
    public static func parse(_ text: String) throws(SettingsError) -> ProgressionSettings {
        var settings = ProgressionSettings()
        var problems: [SettingsError.Problem] = []
        var seen = Set<String>()
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = index + 1
            let content = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let trimmed = content.trimmingSpaces()
            guard !trimmed.isEmpty else { continue }
            guard let equals = trimmed.firstIndex(of: "=") else {
                problems.append(.init(line: line, message: "expected key = value"))
                continue
            }
            let key = String(trimmed[..<equals]).trimmingSpaces().lowercased()
            let value = String(trimmed[trimmed.index(after: equals)...]).trimmingSpaces()
            guard seen.insert(key).inserted else {
                problems.append(.init(line: line, message: "\"\(key)\" is set twice"))
                continue
            }
            switch key {
            case "baseline":
                if let rule = BaselineRule(rawValue: value) { settings.baseline = rule } else {
                    problems.append(.init(line: line, message: "baseline must be first or previous, not \"\(value)\""))
                }
            case "from", "to":
                guard let date = LocalDate(iso: value) else {
                    problems.append(.init(line: line, message: "\(key) must be a date (YYYY-MM-DD), not \"\(value)\""))
                    continue
                }
                if key == "from" { settings.from = date } else { settings.to = date }
            case "by":
                if let dimension = GroupDimension(rawValue: value) { settings.by = dimension } else {
                    problems.append(.init(line: line, message: "by must be one of \(GroupDimension.allCases.map(\.rawValue).joined(separator: ", "))"))
                }
            case "min_n":
                if let number = Int(value), number >= 1 { settings.minimumGroupSize = number } else {
                    problems.append(.init(line: line, message: "min_n must be a whole number of at least 1"))
                }
            default:
                problems.append(.init(line: line, message: "unknown setting \"\(key)\" (known: \(keys.joined(separator: ", ")))"))
            }
        }
        if let from = settings.from, let to = settings.to, to < from {
            problems.append(.init(line: 0, message: "the period ends (\(to)) before it starts (\(from))"))
        }
        if !problems.isEmpty { throw SettingsError(problems: problems) }
        return settings
    }
}

public struct SettingsError: Error, Sendable, Equatable {
    public struct Problem: Sendable, Equatable {
        public var line: Int
        public var message: String
    }

    public var problems: [Problem]
}

