/// Funktionsevneniveau: how reduced a citizen's function is in one theme, 0 (none) to 4 (complete).
///
/// Lower is better: an improvement is a fall in level. "Ikke vurderet" is not a level; it is
/// modelled by `Assessed.notAssessed`, never as 0.
public enum FunctionLevel: Int, CaseIterable, Comparable, Sendable, Codable {
    case none = 0
    case mild = 1
    case moderate = 2
    case severe = 3
    case complete = 4

    public static func < (lhs: FunctionLevel, rhs: FunctionLevel) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension FunctionLevel {
    public var danishName: String {
        switch self {
        case .none: "Ingen nedsat funktionsevne"
        case .mild: "Let nedsat funktionsevne"
        case .moderate: "Moderat nedsat funktionsevne"
        case .severe: "Svært nedsat funktionsevne"
        case .complete: "Fuldstændig nedsat funktionsevne"
        }
    }

    public var englishName: String {
        switch self {
        case .none: "No reduced function"
        case .mild: "Mildly reduced function"
        case .moderate: "Moderately reduced function"
        case .severe: "Severely reduced function"
        case .complete: "Completely reduced function"
        }
    }

    /// The concept code in KL's FFB code system.
    public var klCode: KLCode {
        switch self {
        case .none: KLCode(unchecked: "b508ff66-6326-4862-a6d7-7bbf184c9823")
        case .mild: KLCode(unchecked: "8328ce4a-6238-4f73-bf1a-74aadb68eff8")
        case .moderate: KLCode(unchecked: "5bdde847-2837-416b-ab63-bbff8b7aa531")
        case .severe: KLCode(unchecked: "cae545f5-2813-4d79-98fc-0a7d770af3cd")
        case .complete: KLCode(unchecked: "832ae90b-23b5-4063-80aa-0b81bdce680e")
        }
    }

    /// KL's code for "Ikke vurderet" among the function levels.
    public static let notAssessedCode = KLCode(unchecked: "1c327095-107f-4b96-88d0-ec562cb980be")
    /// KL's parent concept "Funktionsevneniveau".
    public static let parentCode = KLCode(unchecked: "e89d317c-4657-4970-b614-ada2ed220595")

    public init?(klCode: KLCode) {
        guard let level = Self.allCases.first(where: { $0.klCode == klCode }) else { return nil }
        self = level
    }

    /// The form used on the command line and in extracts: `0`…`4`.
    public var cliValue: String { String(rawValue) }

    public init?(cliValue text: String) {
        guard text.count == 1, let number = Int(text) else { return nil }
        self.init(rawValue: number)
    }
}
