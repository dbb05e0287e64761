import FFBCatalog
import FFBFiles
import FFBModel
import Foundation

/// How a municipality measures progression, kept in a small `key = value` file so the choice is
/// written down and not forced by the tool (seed 002: no one uniform way of measuring).
///
/// ```
/// # ffb progression settings
/// baseline = first          # first | previous
/// from = 2024-01-01         # period start (inclusive), optional
/// to = 2025-12-31           # period end (inclusive), optional
/// by = theme                # default grouping for ffb stats
/// min_n = 5                 # groups of fewer citizens are suppressed in reports and tables
/// follow_up_months = 12     # ffb caseload: a running order with no follow-up this long is overdue
/// trajectory_months = 6     # ffb stats --trajectory: the width of a window of time since baseline
/// lang = da                 # da | en: the language people read (--lang and $FFB_LANG come first)
/// user = sagsbehandler-anna # who writes when neither --user nor $USER says (the audit needs a name)
/// ```
public struct ProgressionSettings: Sendable, Equatable {
    public var baseline: BaselineRule = .first
    public var from: LocalDate?
    public var to: LocalDate?
    public var by: GroupDimension?
    public var minimumGroupSize: Int = 5
    /// The caseload's rule: a running order with no follow-up for this many months (since its
    /// latest follow-up, or its start) is overdue.
    public var followUpMonths: Int = 12
    /// The windows of `ffb stats --trajectory` and the report's trajectory chart.
    public var trajectoryWindows: TrajectoryWindows = .standard
    /// The language of what people read, when neither `--lang` nor `$FFB_LANG` says.
    public var language: Language?
    /// Who writes, when neither `--user` nor `$USER` says.
    public var defaultUser: String?

    /// The largest `follow_up_months` taken (ten years).
    public static let maxFollowUpMonths = 120

    public init() {}

    public var period: Period {
        Period(from: from.map { Int32($0.dayNumber) }, to: to.map { Int32($0.dayNumber) })
    }

    public static let keys = ["baseline", "from", "to", "by", "min_n", "follow_up_months", "trajectory_months", "lang", "user"]

    /// The largest settings file read: a real one is a few lines.
    public static let maxFileBytes = 1 << 20

    /// Reads and parses the settings file at `path`.
    public static func load(path: String) throws(LineProblems) -> ProgressionSettings {
        try parse(LineProblems.contents(of: path, limit: maxFileBytes))
    }

    /// Parses a settings file's bytes, which must be UTF-8 text.
    public static func parse(_ bytes: [UInt8]) throws(LineProblems) -> ProgressionSettings {
        guard bytes.count <= maxFileBytes, !bytes.contains(0), let text = String(validating: bytes, as: UTF8.self) else {
            throw LineProblems("not a settings file (binary, not UTF-8 or over \(ByteCount.text(maxFileBytes))); expected key = value lines")
        }
        return try parse(text)
    }

    /// Parses the settings text; every problem is reported with its line.
    public static func parse(_ text: String) throws(LineProblems) -> ProgressionSettings {
        var settings = ProgressionSettings()
        var problems = LineProblems()
        var seen = Set<String>()
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = index + 1
            let content = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let trimmed = content.trimmingSpaces()
            guard !trimmed.isEmpty else { continue }
            guard let equals = trimmed.firstIndex(of: "=") else {
                problems.append("expected key = value", line: line)
                continue
            }
            let key = String(trimmed[..<equals]).trimmingSpaces().lowercased()
            let value = String(trimmed[trimmed.index(after: equals)...]).trimmingSpaces()
            guard seen.insert(key).inserted else {
                problems.append("\(Excerpt.quoted(key)) is set twice", line: line)
                continue
            }
            switch key {
            case "baseline":
                if let rule = BaselineRule(rawValue: value) { settings.baseline = rule } else {
                    problems.append("baseline must be first or previous, not \(Excerpt.quoted(value))", line: line)
                }
            case "from", "to":
                guard let date = LocalDate(iso: value) else {
                    problems.append("\(key) must be a date (YYYY-MM-DD), not \(Excerpt.quoted(value))", line: line)
                    continue
                }
                if key == "from" { settings.from = date } else { settings.to = date }
            case "by":
                if let dimension = GroupDimension(rawValue: value) { settings.by = dimension } else {
                    problems.append("by must be one of \(GroupDimension.allCases.map(\.rawValue).joined(separator: ", "))", line: line)
                }
            case "min_n":
                if let number = Int(value), number >= 1 { settings.minimumGroupSize = number } else {
                    problems.append("min_n must be a whole number of at least 1", line: line)
                }
            case "follow_up_months":
                if let number = Int(value), (1...maxFollowUpMonths).contains(number) { settings.followUpMonths = number } else {
                    problems.append("follow_up_months must be a whole number from 1 to \(maxFollowUpMonths)", line: line)
                }
            case "trajectory_months":
                if let windows = Int(value).flatMap(TrajectoryWindows.init(months:)) { settings.trajectoryWindows = windows } else {
                    problems.append("trajectory_months must be a whole number from 1 to \(TrajectoryWindows.maxMonths)", line: line)
                }
            case "lang":
                if let language = Language(rawValue: value.lowercased()) { settings.language = language } else {
                    problems.append("lang must be \(Language.allCases.map(\.rawValue).joined(separator: " or ")), not \(Excerpt.quoted(value))", line: line)
                }
            case "user":
                if value.isEmpty || value.count > 200 || value.unicodeScalars.contains(where: TerminalText.needsEscape) {
                    problems.append("user must be a name of 1 to 200 characters without control characters", line: line)
                } else {
                    settings.defaultUser = value
                }
            default:
                problems.append("unknown setting \(Excerpt.quoted(key)) (known: \(keys.joined(separator: ", ")))", line: line)
            }
        }
        if let from = settings.from, let to = settings.to, to < from {
            problems.append("the period ends (\(to)) before it starts (\(from))", line: 0)
        }
        if !problems.isEmpty { throw problems }
        return settings
    }
}

