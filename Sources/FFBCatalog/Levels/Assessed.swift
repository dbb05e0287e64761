import Foundation

/// A level that may not have been assessed ("Ikke vurderet").
///
/// Keeping "not assessed" outside the level type means it can never be counted as level 0 or A.
public enum Assessed<Level: Sendable & Hashable>: Sendable, Hashable {
    case assessed(Level)
    case notAssessed

    public var level: Level? {
        if case .assessed(let level) = self { return level }
        return nil
    }

    /// The command-line and extract spelling of "Ikke vurderet".
    public static var notAssessedText: String { "ikke-vurderet" }
}

extension Assessed: Comparable where Level: Comparable {
    /// Not assessed sorts after every level so that tables list real levels first.
    public static func < (lhs: Assessed, rhs: Assessed) -> Bool {
        switch (lhs, rhs) {
        case let (.assessed(l), .assessed(r)): l < r
        case (.assessed, .notAssessed): true
        default: false
        }
    }
}

/// Levels that have a command-line spelling, so `Assessed` can parse and print them uniformly.
public protocol CLIValueRepresentable: CaseIterable {
    var cliValue: String { get }
    init?(cliValue: String)
    var klCode: KLCode { get }
    var danishName: String { get }
    var englishName: String { get }
    static var notAssessedCode: KLCode { get }
}

extension FunctionLevel: CLIValueRepresentable {}
extension SupportLevel: CLIValueRepresentable {}

extension Assessed where Level: CLIValueRepresentable {
    /// Parses `0`–`4` / `A`–`E`, `ikke-vurderet` (also "ikke vurderet", "not-assessed"), or a KL code.
    public init?(text: String) {
        let trimmed = text.trimmingSpaces()
        let folded = trimmed.lowercased()
        if ["ikke-vurderet", "ikke vurderet", "not-assessed", "iv"].contains(folded) {
            self = .notAssessed
        } else if let level = Level(cliValue: trimmed) {
            self = .assessed(level)
        } else if let code = KLCode(trimmed) {
            guard let parsed = Self(klCode: code) else { return nil }
            self = parsed
        } else {
            return nil
        }
    }

    public init?(klCode: KLCode) {
        if klCode == Level.notAssessedCode {
            self = .notAssessed
        } else if let level = Level.allCases.first(where: { $0.klCode == klCode }) {
            self = .assessed(level)
        } else {
            return nil
        }
    }

    /// The spellings the command line shows: every level's, then `ikke-vurderet`.
    public static var cliSpellings: [String] { Level.allCases.map(\.cliValue) + [notAssessedText] }

    public var cliValue: String { level?.cliValue ?? Self.notAssessedText }
    public var klCode: KLCode { level?.klCode ?? Level.notAssessedCode }
    public var danishName: String { level?.danishName ?? "Ikke vurderet" }
    public var englishName: String { level?.englishName ?? "Not assessed" }
}
